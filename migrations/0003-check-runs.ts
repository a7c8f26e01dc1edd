import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dialectOf } from './dialect.js';

/*
 * Checker run history: one row per check run a checker (a CI step, a scheduled job) recorded.
 * The whole JSON report is kept as text (see 0001 for why JSON is text), with the few columns
 * listings and the latest-per-source lookup need pulled out beside it.
 *
 * `source` is the key a baseline is looked up by: the source's name when it came from the
 * contract's `sources`, otherwise its description. Runs are not append-only like published
 * versions: retention (pruning old runs) is a legitimate operation an operator will want.
 */

/** Creates `check_runs` and its indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const table = db.schema.createTable('check_runs');
  const withId =
    dialectOf(db) === 'postgres'
      ? table.addColumn('id', 'serial', (col) => col.primaryKey())
      : table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
  await withId
    .addColumn('contract_id', 'text', (col) => col.notNull())
    .addColumn('version', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('source_description', 'text', (col) => col.notNull())
    .addColumn('verdict', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    .addColumn('records_read', 'integer', (col) => col.notNull())
    .addColumn('records_sampled', 'integer', (col) => col.notNull())
    .addColumn('violation_count', 'integer', (col) => col.notNull())
    .addColumn('drift_count', 'integer', (col) => col.notNull())
    .addColumn('report', 'text', (col) => col.notNull())
    .addColumn('recorded_by', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addForeignKeyConstraint('check_runs_version', ['contract_id', 'version'], 'contract_versions', ['contract_id', 'version'])
    .addCheckConstraint('check_runs_verdict', sql`verdict in ('pass', 'warn', 'breaking')`)
    .execute();
  // History pages and the baseline lookup both read one contract's (and source's) runs newest first.
  await db.schema.createIndex('check_runs_contract_source').on('check_runs').columns(['contract_id', 'source', 'id']).execute();
  await db.schema.createIndex('check_runs_contract').on('check_runs').columns(['contract_id', 'id']).execute();
}

/** Drops `check_runs`. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('check_runs').execute();
}
