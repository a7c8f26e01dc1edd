import { Migrator, sql } from 'kysely';
import type { Kysely, MigrationResultSet } from 'kysely';
import { ConcordError } from '../../contracts/index.js';
import { dialectOf, migrationProvider } from '../../migrations/index.js';
import type { Tables } from './tables.js';

/**
 * Brings the database up to the newest migration and returns the names of the migrations this
 * call applied (empty when it was already current). Safe when several processes start at once:
 * - PostgreSQL: kysely's migrator holds an advisory lock and runs every pending migration in one
 *   transaction, so the second process waits and then finds nothing to do;
 * - SQLite: kysely takes no lock there, so this runs the migrator inside `BEGIN IMMEDIATE` — the
 *   second process waits for the write lock (up to the busy timeout) and then finds nothing to do.
 * Either way a failing migration leaves the database as it was before this call.
 */
export async function migrateToLatest(db: Kysely<Tables>): Promise<readonly string[]> {
  const result = dialectOf(db) === 'postgres' ? await migratePostgres(db) : await migrateSqlite(db);
  return appliedOrThrow(result);
}

async function migratePostgres(db: Kysely<Tables>): Promise<MigrationResultSet> {
  // kysely looks for its bookkeeping tables in every schema unless told which one, so tell it
  // the schema this connection works in (one database can hold several registries' schemas).
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === undefined) throw new ConcordError('internal', 'PostgreSQL reported no current schema: set search_path');
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema }).migrateToLatest();
}

function migrateSqlite(db: Kysely<Tables>): Promise<MigrationResultSet> {
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    let result: MigrationResultSet;
    try {
      result = await new Migrator({ db: connection, provider: migrationProvider }).migrateToLatest();
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
    await sql.raw(result.error === undefined ? 'commit' : 'rollback').execute(connection);
    return result;
  });
}

function appliedOrThrow(result: MigrationResultSet): readonly string[] {
  const results = result.results ?? [];
  if (result.error === undefined) return Object.freeze(results.map((step) => step.migrationName));
  const failed = results.find((step) => step.status === 'Error')?.migrationName;
  const cause = result.error instanceof Error ? result.error.message : String(result.error);
  throw new ConcordError(
    'internal',
    `${failed === undefined ? 'migrating' : `migration ${failed}`} failed: ${cause}; ` +
      'the database was left as it was, fix the cause and start again',
    {},
    { cause: result.error },
  );
}
