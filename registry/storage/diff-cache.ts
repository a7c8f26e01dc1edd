import type { Change } from '../../contracts/index.js';
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
  /** The cached changes from each of `beforeHashes` to `afterHash`, by before hash; missing pairs are left out. */
  getMany(beforeHashes: readonly string[], afterHash: string): Promise<ReadonlyMap<string, readonly Change[]>>;
  /** Stores many diffs in as few statements as possible; like `put`, an existing pair keeps its entry. */
  putMany(entries: readonly DiffCacheEntry[]): Promise<void>;
}

export interface DiffCacheEntry {
  readonly beforeHash: string;
  readonly afterHash: string;
  readonly changes: readonly Change[];
}

/**
 * Pairs per statement in putMany. A publish in a transitive mode stores a diff per earlier version
 * at once; 200 rows keep a statement well under SQLite's and PostgreSQL's limits on bound
 * parameters (4 per row) while a history of hundreds of versions still takes only a few statements.
 */
export const DIFF_CACHE_BATCH = 200;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += DIFF_CACHE_BATCH) result.push(items.slice(start, start + DIFF_CACHE_BATCH));
  return result;
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

    async getMany(beforeHashes, afterHash) {
      const found = new Map<string, readonly Change[]>();
      const wanted = new Set(beforeHashes);
      if (wanted.size === 0) return found;
      // Every cached diff into `afterHash` (index diff_cache_after, migration 0004): at most one
      // per earlier content of the same contract, and none at all for content never seen before.
      const rows = await executor.selectFrom('diff_cache').select(['before_hash', 'changes']).where('after_hash', '=', afterHash).execute();
      for (const row of rows) {
        if (wanted.has(row.before_hash)) found.set(row.before_hash, Object.freeze(fromJsonText<Change[]>(row.changes, 'diff_cache.changes')));
      }
      return found;
    },

    async putMany(entries) {
      const createdAt = timestamp(clock());
      for (const batch of chunks(entries)) {
        await executor
          .insertInto('diff_cache')
          .values(batch.map((entry) => ({ before_hash: entry.beforeHash, after_hash: entry.afterHash, changes: toJsonText(entry.changes), created_at: createdAt })))
          .onConflict((conflict) => conflict.columns(['before_hash', 'after_hash']).doNothing())
          .execute();
      }
    },
  };
}
