import type { Change } from '../../contracts/findings.js';
import { systemClock, timestamp } from './clock.js';
import type { Clock } from './clock.js';
import { fromJsonText, toJsonText } from './json-text.js';
import type { Executor } from './tables.js';

/**
 * Mode-independent changes between two contract contents, keyed by their content hashes. The
 * diff of two given contents never changes, so entries are written once and never updated; the
 * compatibility mode is applied to them afterwards (`judge` in contracts/compat-mode.ts).
 */
export interface DiffCache {
  get(beforeHash: string, afterHash: string): Promise<readonly Change[] | undefined>;
  /** Stores the changes; a second put for the same pair keeps the first (both are the same diff). */
  put(beforeHash: string, afterHash: string, changes: readonly Change[]): Promise<void>;
}

export interface DiffCacheOptions {
  /** Defaults to the system clock. */
  readonly clock?: Clock;
}

/** The diff cache over `executor`. */
export function createDiffCache(executor: Executor, options: DiffCacheOptions = {}): DiffCache {
  const clock = options.clock ?? systemClock;
  return {
    async get(beforeHash, afterHash) {
      const row = await executor
        .selectFrom('diff_cache')
        .select('changes')
        .where('before_hash', '=', beforeHash)
        .where('after_hash', '=', afterHash)
        .executeTakeFirst();
      return row === undefined ? undefined : Object.freeze(fromJsonText<Change[]>(row.changes, 'diff_cache.changes'));
    },

    async put(beforeHash, afterHash, changes) {
      await executor
        .insertInto('diff_cache')
        .values({
          before_hash: beforeHash,
          after_hash: afterHash,
          changes: toJsonText(changes),
          created_at: timestamp(clock()),
        })
        .onConflict((conflict) => conflict.columns(['before_hash', 'after_hash']).doNothing())
        .execute();
    },
  };
}
