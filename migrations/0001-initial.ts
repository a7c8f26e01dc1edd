import { sql } from 'kysely';
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import { dialectOf } from './dialect.js';

/*
 * The registry's first schema. Conventions that hold in every table, on both dialects:
 * - timestamps are ISO-8601 UTC text written by the application (`Date#toISOString`): identical
 *   bytes on SQLite and PostgreSQL, readable in a SQL prompt, and fixed-width so text order is
 *   time order under any collation (lease and retry comparisons rely on that);
 * - JSON is stored as text, not jsonb, so a document reads back byte for byte as it was written
 *   and both drivers hand back the same type;
 * - booleans are integers 0/1 because SQLite has no boolean type.
 * Checker runs get their own later migration; the name `runs` is left free for it.
 */

type Table = CreateTableBuilder<string, never>;

/** An auto-numbered primary key: `integer ... autoincrement` on SQLite, `serial` on PostgreSQL. */
function withSerialId(db: Kysely<unknown>, table: Table): Table {
  if (dialectOf(db) === 'postgres') return table.addColumn('id', 'serial', (col) => col.primaryKey());
  return table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
}

const required = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder => col.notNull();

/** Creates every table of the first schema. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('principals')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', required)
    .addColumn('role', 'text', required)
    .addColumn('namespaces', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', required)
    .addCheckConstraint('principals_role', sql`role in ('admin', 'publisher', 'reader')`)
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('principal_id', 'text', (col) => col.notNull().references('principals.id'))
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('prefix', 'text', required)
    .addColumn('label', 'text')
    .addColumn('created_at', 'text', required)
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_principal').on('api_tokens').column('principal_id').execute();

  await db.schema
    .createTable('contracts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('namespace', 'text', required)
    .addColumn('name', 'text', required)
    .addColumn('owner_name', 'text', required)
    .addColumn('owner_email', 'text', required)
    .addColumn('owner_principal_id', 'text', (col) => col.references('principals.id'))
    .addColumn('team', 'text')
    .addColumn('title', 'text')
    .addColumn('status', 'text', required)
    .addColumn('latest_version', 'text')
    .addColumn('created_at', 'text', required)
    .addColumn('updated_at', 'text', required)
    .execute();
  await db.schema.createIndex('contracts_namespace').on('contracts').column('namespace').execute();
  await db.schema.createIndex('contracts_owner_email').on('contracts').column('owner_email').execute();

  await db.schema
    .createTable('contract_tags')
    .addColumn('contract_id', 'text', (col) => col.notNull().references('contracts.id'))
    .addColumn('tag', 'text', required)
    .addPrimaryKeyConstraint('contract_tags_pk', ['contract_id', 'tag'])
    .execute();
  await db.schema.createIndex('contract_tags_tag').on('contract_tags').column('tag').execute();

  await db.schema
    .createTable('contract_versions')
    .addColumn('contract_id', 'text', (col) => col.notNull().references('contracts.id'))
    .addColumn('version', 'text', required)
    .addColumn('major', 'integer', required)
    .addColumn('minor', 'integer', required)
    .addColumn('patch', 'integer', required)
    .addColumn('prerelease', 'text')
    .addColumn('content_hash', 'text', required)
    .addColumn('document', 'text', required)
    .addColumn('bundled_schema', 'text', required)
    .addColumn('status', 'text', required)
    .addColumn('compatibility_mode', 'text', required)
    .addColumn('compatibility_policy', 'text', required)
    .addColumn('published_by', 'text', (col) => col.notNull().references('principals.id'))
    .addColumn('published_at', 'text', required)
    .addPrimaryKeyConstraint('contract_versions_pk', ['contract_id', 'version'])
    .execute();

  await db.schema
    .createTable('version_marks')
    .addColumn('contract_id', 'text', required)
    .addColumn('version', 'text', required)
    .addColumn('mark', 'text', required)
    .addColumn('reason', 'text', required)
    .addColumn('marked_by', 'text', required)
    .addColumn('marked_at', 'text', required)
    .addPrimaryKeyConstraint('version_marks_pk', ['contract_id', 'version', 'mark'])
    .addForeignKeyConstraint('version_marks_version', ['contract_id', 'version'], 'contract_versions', [
      'contract_id',
      'version',
    ])
    .addCheckConstraint('version_marks_mark', sql`mark in ('deprecated', 'yanked')`)
    .execute();

  await db.schema
    .createTable('metric_definitions')
    .addColumn('contract_id', 'text', required)
    .addColumn('version', 'text', required)
    .addColumn('name', 'text', required)
    .addColumn('definition', 'text', required)
    .addColumn('meaning_hash', 'text', required)
    .addColumn('is_canonical', 'integer', required)
    .addColumn('reference', 'text')
    .addPrimaryKeyConstraint('metric_definitions_pk', ['contract_id', 'version', 'name'])
    .addForeignKeyConstraint('metric_definitions_version', ['contract_id', 'version'], 'contract_versions', [
      'contract_id',
      'version',
    ])
    .addCheckConstraint('metric_definitions_canonical', sql`is_canonical in (0, 1)`)
    .execute();
  await db.schema.createIndex('metric_definitions_name').on('metric_definitions').column('name').execute();
  await db.schema
    .createIndex('metric_definitions_reference')
    .on('metric_definitions')
    .column('reference')
    .execute();

  await db.schema
    .createTable('consumers')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('contact_name', 'text', required)
    .addColumn('contact_email', 'text', required)
    .addColumn('webhook_url', 'text')
    .addColumn('created_by', 'text', required)
    .addColumn('created_at', 'text', required)
    .addColumn('updated_at', 'text', required)
    .execute();

  await db.schema
    .createTable('pins')
    .addColumn('consumer', 'text', (col) => col.notNull().references('consumers.name'))
    .addColumn('contract_id', 'text', (col) => col.notNull().references('contracts.id'))
    .addColumn('range', 'text', required)
    .addColumn('fields', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', required)
    .addColumn('updated_at', 'text', required)
    .addPrimaryKeyConstraint('pins_pk', ['consumer', 'contract_id'])
    .execute();
  await db.schema.createIndex('pins_contract').on('pins').column('contract_id').execute();

  await withSerialId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'text', required)
    .addColumn('actor', 'text', required)
    .addColumn('action', 'text', required)
    .addColumn('contract_id', 'text')
    .addColumn('from_version', 'text')
    .addColumn('to_version', 'text')
    .addColumn('detail', 'text', (col) => col.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('audit_log_contract').on('audit_log').columns(['contract_id', 'id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  await withSerialId(db, db.schema.createTable('webhook_outbox'))
    .addColumn('event', 'text', required)
    .addColumn('url', 'text', required)
    .addColumn('payload', 'text', required)
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('lease_token', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', required)
    .execute();
  // Only undelivered rows are ever scanned for work, so the index holds only those.
  await db.schema
    .createIndex('webhook_outbox_due')
    .on('webhook_outbox')
    .column('next_attempt_at')
    .where(sql.ref('delivered_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('diff_cache')
    .addColumn('before_hash', 'text', required)
    .addColumn('after_hash', 'text', required)
    .addColumn('changes', 'text', required)
    .addColumn('created_at', 'text', required)
    .addPrimaryKeyConstraint('diff_cache_pk', ['before_hash', 'after_hash'])
    .execute();
}

/** Drops every table of the first schema, dependents first. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const newestFirst = [
    'diff_cache',
    'webhook_outbox',
    'audit_log',
    'pins',
    'consumers',
    'metric_definitions',
    'version_marks',
    'contract_versions',
    'contract_tags',
    'contracts',
    'api_tokens',
    'principals',
  ];
  for (const table of newestFirst) await db.schema.dropTable(table).execute();
}
