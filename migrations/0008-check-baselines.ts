import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/*
 * Baselines apart from the latest run. The statistical drift of a check compares with its
 * source's baseline, and a baseline that follows every run lets a breaking run become the
 * yardstick of the next one: a fixed feed then keeps failing against the broken one. So a run
 * becomes its source's baseline only when its verdict is pass, or when a person accepts it
 * (`accepted_by` names them; it is null when a passing run set it).
 *
 * One row per (contract, source) points at the run. Existing history is carried over: each
 * source's newest passing run becomes its baseline.
 */

/** Creates `check_baselines` and fills it from each source's newest passing run. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('check_baselines')
    .addColumn('contract_id', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('run_id', 'integer', (col) => col.notNull())
    .addColumn('accepted_by', 'text')
    .addColumn('set_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('check_baselines_key', ['contract_id', 'source'])
    .addForeignKeyConstraint('check_baselines_run', ['run_id'], 'check_runs', ['id'])
    .execute();
  await sql`
    insert into check_baselines (contract_id, source, run_id, accepted_by, set_at)
    select runs.contract_id, runs.source, runs.id, null, runs.recorded_at
    from check_runs runs
    where runs.id in (select max(id) from check_runs where verdict = 'pass' group by contract_id, source)
  `.execute(db);
}

/** Drops `check_baselines`. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('check_baselines').execute();
}
