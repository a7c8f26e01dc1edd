import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Tables } from './tables.js';

/**
 * A value that changes whenever anything committed to the database may have changed, by this
 * process or any other. Two equal stamps taken at t1 and t2 mean that a read made between t1 and
 * t2 is still what the database holds at t2, so in-memory copies of reads can be reused for as
 * long as the stamp stays the same. It may change without a visible change (a spurious miss),
 * never the other way round.
 */
export type ChangeStamp = () => Promise<string>;

/**
 * SQLite: `data_version` changes when another connection (another handle or process) commits;
 * `total_changes()` counts every row this connection wrote, committed or not. The statement is
 * prepared once and run straight on the handle: it takes no write lock, so it cannot block
 * behind a writer the way the file gate guards against (see file-gate.ts).
 */
export function sqliteChangeStamp(file: BetterSqlite3.Database): ChangeStamp {
  const statement = file.prepare<[], { readonly changes: number; readonly version: number }>(
    'select total_changes() as changes, data_version as version from pragma_data_version',
  );
  return () => {
    const row = statement.get();
    return Promise.resolve(row === undefined ? '' : `${row.changes}:${row.version}`);
  };
}

/**
 * PostgreSQL: the current snapshot (`xmin:xmax:in-progress`) of the whole server. Two equal
 * snapshots see exactly the same committed transactions, so nothing became visible between
 * them; reads take no transaction id and leave it alone. One round trip, no table read.
 */
export function postgresChangeStamp(db: Kysely<Tables>): ChangeStamp {
  return async () => {
    const result = await sql<{ readonly stamp: string }>`select pg_current_snapshot()::text as stamp`.execute(db);
    return result.rows[0]?.stamp ?? '';
  };
}
