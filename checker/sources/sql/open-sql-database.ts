import BetterSqlite3 from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import type { SqlSourceOptions } from './sql-options.js';
import { sqlitePath } from './sql-options.js';

/** Any table, any columns: the source reads tables it knows only by name. */
export type AnyTables = Record<string, Record<string, unknown>>;

/** Seconds to wait for a connection before the read fails: an unreachable database must not hang a check. */
const CONNECT_TIMEOUT_MS = 10_000;

const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const PG_DATE = 1082;

/**
 * Postgres values as JSON would carry them: int8 as a number when safe (else its digits),
 * numeric as a number (records are checked against JSON Schema numbers, which are doubles too),
 * date as its `YYYY-MM-DD` text rather than a local-midnight Date.
 */
function pgTypeParser(oid: number, format?: string): (text: string) => unknown {
  if (oid === PG_INT8) return (text) => (Number.isSafeInteger(Number(text)) ? Number(text) : text);
  if (oid === PG_NUMERIC) return (text) => (Number.isFinite(Number(text)) ? Number(text) : text);
  if (oid === PG_DATE) return (text) => text;
  return pg.types.getTypeParser(oid, format as 'text');
}

/** A database handle for one read. */
export interface SqlConnection {
  readonly db: Kysely<AnyTables>;
  /**
   * Drops the connection without finishing the query. MySQL's row stream cannot be cancelled:
   * ending it politely means reading every remaining row, which on a large table is a hang.
   */
  readonly abandon: () => void;
}

function withoutAbandon(db: Kysely<AnyTables>): SqlConnection {
  return { db, abandon: () => undefined };
}

/**
 * One connection for one read. SQLite is opened read-only (`readonly: true`, the file must
 * exist); Postgres and MySQL get a pool of one connection, and the source runs its query in a
 * read-only transaction. Type conversions are per connection, never global.
 */
export function openSqlDatabase(options: SqlSourceOptions): SqlConnection {
  switch (options.dialect) {
    case 'sqlite':
      return withoutAbandon(
        new Kysely<AnyTables>({
          dialect: new SqliteDialect({
          database: async () => {
            const handle = new BetterSqlite3(sqlitePath(options.url), { readonly: true, fileMustExist: true });
            // Integers beyond 2^53 arrive as bigint and are kept as digits by toJsonValue, not rounded.
            handle.defaultSafeIntegers(true);
            return handle;
          },
        }),
      }));
    case 'postgres':
      return withoutAbandon(new Kysely<AnyTables>({
        dialect: new PostgresDialect({
          pool: new pg.Pool({
            connectionString: options.url,
            max: 1,
            connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
            types: { getTypeParser: pgTypeParser } as unknown as pg.CustomTypesConfig,
          }),
        }),
      }));
    case 'mysql': {
      const pool = createPool({
        uri: options.url.replace(/^mariadb:/i, 'mysql:'),
        connectionLimit: 1,
        connectTimeout: CONNECT_TIMEOUT_MS,
        supportBigNumbers: true,
        bigNumberStrings: false,
        decimalNumbers: true,
        dateStrings: ['DATE'],
      });
      const raw = new Set<{ destroy(): void }>();
      pool.on('connection', (connection) => raw.add(connection));
      return {
        db: new Kysely<AnyTables>({ dialect: new MysqlDialect({ pool }) }),
        abandon: () => {
          for (const connection of raw) connection.destroy();
        },
      };
    }
  }
}
