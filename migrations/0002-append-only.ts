import type { Kysely } from 'kysely';
import { allowUpdateAndDelete, forbidUpdateAndDelete } from './dialect.js';

/*
 * Published versions, their metric rows and marks, and the audit log are history: consumers pin
 * what was published and auditors read what happened. The database refuses to rewrite them, so a
 * bug or a hand-typed statement cannot either.
 */
const APPEND_ONLY: readonly (readonly [table: string, reason: string])[] = [
  ['contract_versions', 'publish a new version instead of changing a published one'],
  ['metric_definitions', 'metric definitions belong to a published version; publish a new version'],
  ['version_marks', 'a deprecation or yank is permanent; publish a new version to supersede it'],
  ['audit_log', 'audit entries record what happened and are never rewritten'],
];

/** Installs the no-update, no-delete triggers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, reason] of APPEND_ONLY) await forbidUpdateAndDelete(db, table, reason);
}

/** Removes the triggers again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table] of APPEND_ONLY) await allowUpdateAndDelete(db, table);
}
