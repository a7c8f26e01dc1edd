import { randomUUID } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ConcordError } from '../../contracts/index.js';
import type { SqlDialect } from '../../migrations/index.js';
import { postgresChangeStamp, sqliteChangeStamp } from './change-stamp.js';
import type { ChangeStamp } from './change-stamp.js';
import { attachFileGate } from './file-gate.js';
import { GatedSqliteDialect } from './sqlite-dialect.js';
import type { Tables } from './tables.js';

/** Where the SQLite database lives when no path is given, relative to the working directory. */
export const DEFAULT_SQLITE_PATH = './.concord/concord.db';

/**
 * How long a SQLite write waits for another process's write lock before failing with
 * SQLITE_BUSY. Publishes and migrations hold the lock for milliseconds; five seconds outlasts a
 * slow disk's fsync under `synchronous=FULL` while still failing a request before clients give up.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * Connections one process opens to PostgreSQL. Every store statement is short, so ten keep a
 * registry busy while several registry replicas and the checker's runs fit under PostgreSQL's
 * default `max_connections` of 100.
 */
export const PG_POOL_MAX = 10;

/**
 * A schema name safe to splice into `search_path`: a plain lowercase identifier of at most 63
 * characters, PostgreSQL's identifier length (longer ones would be silently truncated).
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface OpenDatabaseOptions {
  /** A `postgres://` or `postgresql://` URL selects PostgreSQL; anything else (or nothing) selects SQLite. */
  readonly url?: string;
  /** The SQLite file; defaults to {@link DEFAULT_SQLITE_PATH}. `:memory:` opens a private in-memory database. */
  readonly sqlitePath?: string;
  /** PostgreSQL only: the schema to work in (its `search_path`), e.g. one per test suite. Defaults to the server's. */
  readonly schema?: string;
}

export interface Database {
  readonly db: Kysely<Tables>;
  readonly dialect: SqlDialect;
  /** Changes whenever committed data may have changed, by any process: what in-memory read caches check. */
  readonly changeStamp: ChangeStamp;
  /** Closes the pool or file handle; the instance is unusable afterwards. */
  close(): Promise<void>;
}

/** Whether `url` names a PostgreSQL server. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/**
 * Opens the registry database: PostgreSQL when `url` is a `postgres://`/`postgresql://` URL
 * (a pool of at most {@link PG_POOL_MAX} connections), otherwise SQLite at `sqlitePath`
 * (default {@link DEFAULT_SQLITE_PATH}, creating its folder) in WAL mode with
 * `synchronous=FULL`, foreign keys on and a busy timeout of {@link SQLITE_BUSY_TIMEOUT_MS}.
 * Does not migrate; call `migrateToLatest` for that.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (isPostgresUrl(options.url)) return openPostgres(options.url, options.schema);
  if (options.schema !== undefined) {
    throw new ConcordError('invalid-argument', 'a schema applies to PostgreSQL only: pass a postgres:// url or drop the schema');
  }
  return openSqlite(options.sqlitePath ?? DEFAULT_SQLITE_PATH);
}

async function openPostgres(url: string, schema: string | undefined): Promise<Database> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new ConcordError(
      'invalid-argument',
      `schema "${schema}" is not a plain identifier: use lowercase letters, digits and underscores`,
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: PG_POOL_MAX,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // A pooled connection that dies while idle (server restart, network cut) is discarded by the
  // pool and the next query opens a new one; without a listener Node would crash the process.
  pool.on('error', () => undefined);
  // Connect once now so a wrong URL fails at startup, not on the first request.
  try {
    (await pool.connect()).release();
  } catch (error) {
    await pool.end();
    throw new ConcordError(
      'internal',
      `cannot connect to PostgreSQL at ${describeServer(url)}: ${(error as Error).message}; ` +
        'check the database URL and that the server is up',
      {},
      { cause: error },
    );
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', changeStamp: postgresChangeStamp(db), close: () => db.destroy() };
}

/** Host, port and database of a URL, leaving out credentials. */
function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the given URL';
  }
}

/** Why a SQLite file could not be opened for writing, in words that say what to do. */
function openFailureReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code !== 'string') return message;
  if (code.startsWith('SQLITE_READONLY')) return `it is read-only (${code}): give the registry write access to the file and its folder, or point --db at a writable file`;
  if (code === 'SQLITE_CANTOPEN') return `it cannot be opened (${code}: ${message}): check that the path names a file, not a folder, and that its folder is accessible`;
  if (code === 'SQLITE_NOTADB') return `it is not a SQLite database (${code}): point --db at the registry's database, or at a new path to create one`;
  if (code.startsWith('SQLITE_CORRUPT')) return `the database is damaged (${code}): restore it from a backup`;
  if (code.startsWith('SQLITE_BUSY')) return `another process held its write lock for more than ${SQLITE_BUSY_TIMEOUT_MS} ms (${code}): stop it or try again`;
  if (code.startsWith('SQLITE_')) return `${code}: ${message}`;
  return `its folder cannot be created or read (${code}: ${message}): check the path`;
}

function openSqlite(path: string): Database {
  const inMemory = path === ':memory:';
  let file: BetterSqlite3.Database | undefined;
  try {
    if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
    file = new BetterSqlite3(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    // WAL lets readers in other processes go on while one writer commits; FULL syncs the WAL on
    // every commit so an acknowledged publish survives power loss.
    const mode = file.pragma('journal_mode = WAL', { simple: true });
    if (!inMemory && mode !== 'wal') {
      throw new ConcordError('internal', `SQLite at ${path} refused WAL mode (got ${String(mode)}): put it on a local disk`);
    }
    file.pragma('synchronous = FULL');
    file.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    file.pragma('foreign_keys = ON');
    // A read-only file opens, reads and even reports WAL mode; only a write tells. This one is
    // rolled back, so the registry refuses to start rather than failing every write later.
    if (!inMemory) probeWrite(file);
  } catch (error) {
    file?.close();
    if (error instanceof ConcordError) throw error;
    throw new ConcordError('unreadable-input', `cannot use the SQLite database ${path}: ${openFailureReason(error)}`, {}, { cause: error });
  }
  // Each in-memory database is private to its handle, so its gate is too.
  const gateKey = inMemory ? `:memory:${randomUUID()}` : realpathSync(path);
  const db = new Kysely<Tables>({
    dialect: new GatedSqliteDialect({ database: file }, attachFileGate(gateKey)),
  });
  return { db, dialect: 'sqlite', changeStamp: sqliteChangeStamp(file), close: () => db.destroy() };
}

/** Writes inside a transaction that is rolled back: throws what SQLite says when the file cannot be written. */
function probeWrite(file: BetterSqlite3.Database): void {
  file.exec('begin immediate');
  try {
    file.exec('create table concord_write_probe (x)');
  } finally {
    if (file.inTransaction) file.exec('rollback');
  }
}
