import { LRUCache } from 'lru-cache';
import type { ChangeStamp } from './change-stamp.js';

/**
 * Answers computed from the database, kept in memory while the database's change stamp stays the
 * same: the first request after any commit (by this process or another) finds the cache empty,
 * so nothing written is ever hidden behind an old answer.
 */
export interface StampedCache<T> {
  /**
   * The value for `key`: from memory when it was loaded since the last change, otherwise from
   * `load` (kept unless the database changed while it ran). `load`'s errors are never kept.
   */
  get(key: string, load: () => Promise<T>): Promise<T>;
}

/**
 * A cache of at most `capacity` entries checked against `stamp` on every `get`; the least
 * recently used entry goes first once full.
 */
export function createStampedCache<T>(stamp: ChangeStamp, capacity: number): StampedCache<T> {
  // Boxed: the cache holds no undefined values, and a loaded undefined is an answer worth keeping.
  const entries = new LRUCache<string, { readonly value: T }>({ max: capacity });
  let current: string | undefined;

  const refresh = async (): Promise<string> => {
    const now = await stamp();
    if (now !== current) {
      entries.clear();
      current = now;
    }
    return now;
  };

  return {
    async get(key, load) {
      const before = await refresh();
      const hit = entries.get(key);
      if (hit !== undefined) return hit.value;
      const value = await load();
      // Kept under the stamp read before the load, and only while that is still the latest one
      // seen: a later get with the same stamp proves nothing was committed since, while a value
      // loaded across a change may or may not hold what was committed.
      if (current === before) {
        entries.set(key, { value });
      }
      return value;
    },
  };
}
