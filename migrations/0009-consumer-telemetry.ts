import type { Kysely } from 'kysely';

/*
 * What agents report through the SDK's telemetry: per consumer, contract and contract version,
 * how many records they validated and rejected, and the fields rejected records failed at (names
 * only, a JSON array of { field, count }). Counts add up across reports; `last_seen` is the time
 * of the latest report, so the version with the newest one is the version in use. Rows go with
 * their consumer.
 */

/** Creates `consumer_telemetry`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consumer_telemetry')
    .addColumn('consumer', 'text', (col) => col.notNull().references('consumers.name').onDelete('cascade'))
    .addColumn('contract_id', 'text', (col) => col.notNull().references('contracts.id'))
    .addColumn('version', 'text', (col) => col.notNull())
    .addColumn('validated', 'bigint', (col) => col.notNull())
    .addColumn('rejected', 'bigint', (col) => col.notNull())
    .addColumn('top_fields', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('first_seen', 'text', (col) => col.notNull())
    .addColumn('last_seen', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('consumer_telemetry_key', ['consumer', 'contract_id', 'version'])
    .execute();
  await db.schema.createIndex('consumer_telemetry_contract').on('consumer_telemetry').columns(['contract_id', 'last_seen']).execute();
}

/** Drops `consumer_telemetry`. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('consumer_telemetry').execute();
}
