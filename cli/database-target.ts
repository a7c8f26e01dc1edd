/**
 * The database a command works on, as given: `--db`, else DATABASE_URL in `env` (default
 * `process.env`), else undefined for the embedded default. Kept apart from opening it so that
 * reading options does not load the database drivers.
 */
export function databaseTarget(db: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (db !== undefined) return db;
  return env.DATABASE_URL === undefined || env.DATABASE_URL === '' ? undefined : env.DATABASE_URL;
}
