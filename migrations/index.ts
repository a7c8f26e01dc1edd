import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as appendOnly from './0002-append-only.js';
import * as checkRuns from './0003-check-runs.js';
import * as diffCacheByAfter from './0004-diff-cache-by-after.js';
import * as checkRunsRetention from './0005-check-runs-retention.js';
import * as consumerRole from './0006-consumer-role.js';
import * as uiSessions from './0007-ui-sessions.js';
import * as checkBaselines from './0008-check-baselines.js';
import * as consumerTelemetry from './0009-consumer-telemetry.js';

/**
 * Every migration, in order, imported statically so the list is the same from `tsx` sources and
 * from compiled `dist/` (a folder scan would see `.ts` in one and `.js` in the other). Names sort
 * in the order they must run; add new files at the end with the next number.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '0001-initial': initial,
  '0002-append-only': appendOnly,
  '0003-check-runs': checkRuns,
  '0004-diff-cache-by-after': diffCacheByAfter,
  '0005-check-runs-retention': checkRunsRetention,
  '0006-consumer-role': consumerRole,
  '0007-ui-sessions': uiSessions,
  '0008-check-baselines': checkBaselines,
  '0009-consumer-telemetry': consumerTelemetry,
});

/** A kysely MigrationProvider over {@link MIGRATIONS}. */
export const migrationProvider: MigrationProvider = Object.freeze({
  getMigrations: async () => ({ ...MIGRATIONS }),
});
export { dialectOf } from './dialect.js';
export type { SqlDialect } from './dialect.js';
