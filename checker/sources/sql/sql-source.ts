import { CompiledQuery, sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { FeedSource, OpenOptions } from '../../model.js';
import { SQL_FETCH_ROWS } from '../limits.js';
import { ReadTracker } from '../read-tracker.js';
import { causeText, sourceUnavailable } from '../source-errors.js';
import { toJsonValue } from '../to-json-value.js';
import { openSqlDatabase, type AnyTables, type SqlConnection } from './open-sql-database.js';
import type { OrderColumn, SqlSourceOptions } from './sql-options.js';
import { orderText, primaryKeyOf } from './sql-order.js';

type Row = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the selected table is only known at run time
type AnySelect = SelectQueryBuilder<AnyTables, any, Row>;

/**
 * `SELECT * FROM <table | (query)> [WHERE (where)] [ORDER BY key] [LIMIT n]`, the limit inlined as
 * a literal so the text needs no parameters. The order makes `LIMIT n` the same n rows on every
 * run, whatever an UPDATE or VACUUM did to the physical order.
 */
function buildSelect(db: Kysely<AnyTables>, options: SqlSourceOptions, order: readonly OrderColumn[], limit: number): AnySelect {
  // The newline before ")" ends a trailing `--` comment in the operator's query.
  let select: AnySelect =
    options.table !== undefined
      ? db.selectFrom(options.table).selectAll()
      : (db.selectFrom(sql<Row>`(${sql.raw(options.query ?? '')}\n)`.as('concord_source')).selectAll() as AnySelect);
  if (options.where !== undefined) select = select.where(sql<boolean>`(${sql.raw(options.where)}\n)`);
  for (const { column, descending } of order) select = select.orderBy(sql.ref(column), descending ? 'desc' : 'asc');
  if (Number.isFinite(limit)) select = select.limit(sql.lit(limit));
  return select;
}

function failureHint(error: unknown, options: SqlSourceOptions): string {
  const text = `${(error as { code?: unknown }).code ?? ''} ${causeText(error)}`;
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|timeout/i.test(text)) return 'check the host, the port and that the database is up';
  if (/28P01|ACCESS_DENIED|authentication|password/i.test(text)) return 'check the user and password in the connection URL';
  if (/42P01|NO_SUCH_TABLE|no such table|does not exist/i.test(text)) return options.table !== undefined ? `check the table name "${options.table}"` : 'check the query';
  if (/CANTOPEN|unable to open/i.test(text)) return 'check the database file path';
  if (/read.only|25006/i.test(text)) return 'the source reads in a read-only transaction: the query must only read';
  return options.where !== undefined ? 'check the query, the table and the where condition' : 'check the query and the table';
}

/** Postgres without pg-cursor: a server-side cursor in the read-only transaction, fetched in batches. */
async function* streamPostgres(db: Kysely<AnyTables>, select: AnySelect): AsyncGenerator<Row> {
  const trx = await db.startTransaction().setAccessMode('read only').execute();
  try {
    const compiled = select.compile();
    await trx.executeQuery(CompiledQuery.raw(`declare concord_cursor no scroll cursor for ${compiled.sql}`, [...compiled.parameters]));
    for (;;) {
      const batch = await trx.executeQuery<Row>(CompiledQuery.raw(`fetch forward ${SQL_FETCH_ROWS} from concord_cursor`));
      yield* batch.rows;
      if (batch.rows.length < SQL_FETCH_ROWS) return;
    }
  } finally {
    await trx.rollback().execute();
  }
}

/** MySQL/MariaDB: the driver's row stream inside a read-only transaction. */
async function* streamMysql(connection: SqlConnection, options: SqlSourceOptions, order: readonly OrderColumn[], limit: number): AsyncGenerator<Row> {
  const trx = await connection.db.startTransaction().setAccessMode('read only').execute();
  let finished = false;
  try {
    yield* buildSelect(trx, options, order, limit).stream();
    finished = true;
  } finally {
    // Stopped early or failed: drop the connection (the server rolls back) instead of draining the rest.
    if (finished) await trx.rollback().execute();
    else connection.abandon();
  }
}

/** The spec's `orderBy`, else a table's primary key, else none. */
async function readOrder(db: Kysely<AnyTables>, options: SqlSourceOptions): Promise<readonly OrderColumn[]> {
  if (options.orderBy !== undefined) return options.orderBy;
  return options.table === undefined ? [] : primaryKeyOf(db, options.dialect, options.table);
}

/**
 * A table or a read-only query, streamed in a stable order (the spec's `orderBy`, else a table's
 * primary key; told to the caller through `onOrder`): SQLite through better-sqlite3's row iterator on a
 * read-only handle, Postgres through a server-side cursor (batches of SQL_FETCH_ROWS), MySQL and
 * MariaDB through the driver's row stream; both of the latter inside a read-only transaction
 * that is rolled back at the end. The caller's limit becomes `LIMIT` in the query. Values are
 * converted to JSON (`toJsonValue`).
 */
export function createSqlSource(options: SqlSourceOptions): FeedSource {
  return {
    description: options.description,
    whole: options.table !== undefined ? 'whole table' : 'whole query result',
    open: (open: OpenOptions = {}) => readSql(options, open),
  };
}

async function* readSql(options: SqlSourceOptions, open: OpenOptions): AsyncGenerator<unknown> {
  const tracker = new ReadTracker(open);
  if (tracker.done) return;
  const connection = openSqlDatabase(options);
  const { db } = connection;
  const limit = tracker.remaining;
  try {
    const order = await readOrder(db, options);
    open.onOrder?.(order.length === 0 ? { stable: false } : { by: orderText(order), stable: true });
    const rows =
      options.dialect === 'postgres'
        ? streamPostgres(db, buildSelect(db, options, order, limit))
        : options.dialect === 'mysql'
          ? streamMysql(connection, options, order, limit)
          : buildSelect(db, options, order, limit).stream();
    for await (const row of rows) {
      if (tracker.done) return;
      tracker.count();
      yield toJsonValue(row);
      if (tracker.done) return;
    }
  } catch (error) {
    throw sourceUnavailable(options.description, `the query failed (${causeText(error)})`, failureHint(error, options), error);
  } finally {
    await db.destroy();
    tracker.report();
  }
}
