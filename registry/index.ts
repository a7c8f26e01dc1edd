/**
 * The registry service as the CLI wires it: open and migrate the database, bootstrap the admin and
 * create the app. Other parts import only this file; the typed HTTP client has its own face,
 * `registry/client/index.ts`, which is all the checker and agents may use.
 */
export { ADMIN_PRINCIPAL_ID } from './auth/authenticator.js';
export { bootstrapAdmin } from './auth/bootstrap-admin.js';
export { createRegistry } from './create-registry.js';
export type { Registry } from './create-registry.js';
export { migrateToLatest } from './storage/migrate.js';
export { DEFAULT_SQLITE_PATH, isPostgresUrl, openDatabase } from './storage/open-database.js';
export type { Database, OpenDatabaseOptions } from './storage/open-database.js';
export { createPrincipalStore } from './storage/principal-store.js';
export { createSessionStore } from './storage/session-store.js';
export { MAX_PAGE_SIZE } from './storage/paging.js';
