import type { Sampler } from '../model.js';
import { createReservoir } from './reservoir.js';
import { checkSampleSize, DEFAULT_SAMPLE_SEED } from './sample-size.js';

/**
 * Keeps a uniform random sample of `size` records from the whole feed (it reads everything, so it
 * has no `limit` and `offer` always returns true). Seeded (default DEFAULT_SAMPLE_SEED): the same
 * seed over the same feed keeps the same records. `kept()` returns them in feed order. Throws
 * ConcordError `invalid-argument` for a size outside 1..MAX_SAMPLE_SIZE.
 */
export function createReservoirSampler(size: number, seed: number = DEFAULT_SAMPLE_SEED): Sampler {
  checkSampleSize(size);
  const reservoir = createReservoir<unknown>(size, seed);
  // Feed position of the record in each slot, so the sample can be replayed in feed order.
  const positions: number[] = [];
  return {
    get seen() {
      return reservoir.offered;
    },
    offer(record) {
      const slot = reservoir.add(record);
      if (slot >= 0) positions[slot] = reservoir.offered - 1;
      return true;
    },
    kept: () => {
      const order = positions.map((_, slot) => slot).sort((a, b) => positions[a]! - positions[b]!);
      return order.map((slot) => reservoir.items[slot]);
    },
  };
}
