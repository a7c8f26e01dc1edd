import type { Kysely } from 'kysely';

/*
 * Run retention deletes the runs recorded before a cutoff. Without an index on `recorded_at`
 * every pruning pass (hourly with `serve --run-retention`) would read the whole table, and on
 * SQLite that means following each stored report's overflow pages to reach the column after it.
 * With this index a pass reads only the rows old enough to go, oldest first.
 */

/** Indexes `check_runs` by `recorded_at`, then `id`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('check_runs_recorded_at').on('check_runs').columns(['recorded_at', 'id']).execute();
}

/** Drops the index again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('check_runs_recorded_at').execute();
}
