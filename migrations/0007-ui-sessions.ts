import type { Kysely } from 'kysely';

/*
 * Sessions of the web UI. Logging in used to put the API token itself in the cookie, so a captured
 * cookie kept working after logout. A session has an id of its own: the cookie carries it, the
 * table keeps only its sha-256 hash, and the row ties it to the principal and to the token that
 * logged in (null for the configured admin token, which is not stored). A session ends when its
 * row is deleted (logout), when it expires, or when its token is revoked.
 */

/** Creates `ui_sessions`, indexed by token (revocation) and by expiry (pruning). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ui_sessions')
    .addColumn('id_hash', 'text', (col) => col.primaryKey())
    .addColumn('principal_id', 'text', (col) => col.notNull().references('principals.id'))
    .addColumn('token_id', 'text', (col) => col.references('api_tokens.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('ui_sessions_token').on('ui_sessions').column('token_id').execute();
  await db.schema.createIndex('ui_sessions_expires').on('ui_sessions').column('expires_at').execute();
}

/** Drops the table again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ui_sessions').execute();
}
