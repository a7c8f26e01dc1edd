import type { CachedChanges } from './history.js';
import { withTransaction } from './registry-stores.js';
import type { ServiceContext } from './service-context.js';

/**
 * Stores the diffs a check computed in the background, in one transaction of its own after the
 * check's: the answer does not wait for them, and since the cache only saves time, a failure is
 * logged and never fails the request.
 */
export function saveComputedDiffs(context: ServiceContext, cached: CachedChanges): void {
  context.background.run('storing computed diffs in the diff cache', () => withTransaction(context.stores, context.clock, (trx) => cached.save(trx.diffCache)));
}
