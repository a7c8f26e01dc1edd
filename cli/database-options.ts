import { DEFAULT_SQLITE_PATH, isPostgresUrl } from '../registry/index.js';
import type { OpenDatabaseOptions } from '../registry/index.js';

/** Where the registry's data lives, and how to say so without credentials. */
export interface DatabaseChoice {
  readonly options: OpenDatabaseOptions;
  readonly description: string;
}

/**
 * The database a target names (see databaseTarget): a `postgres://` URL, or a SQLite file path;
 * undefined means the SQLite file at DEFAULT_SQLITE_PATH.
 */
export function chooseDatabase(target: string | undefined): DatabaseChoice {
  const chosen = target ?? DEFAULT_SQLITE_PATH;
  if (isPostgresUrl(chosen)) return { options: { url: chosen }, description: `PostgreSQL at ${withoutCredentials(chosen)}` };
  return { options: { sqlitePath: chosen }, description: `SQLite file ${chosen}` };
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the given URL';
  }
}
