import { createPrng } from './prng.js';

/**
 * A uniform random sample of fixed size over a stream of unknown length (Li's Algorithm L: after
 * the reservoir fills, it draws how many items to skip, so most items cost one decrement and no
 * random number). The same seed and the same stream keep the same items. `add` returns the slot
 * the item went into, or -1 when it was skipped, so callers can keep parallel data per slot.
 */
export interface Reservoir<T> {
  add(item: T): number;
  readonly items: readonly T[];
  readonly offered: number;
}

export function createReservoir<T>(capacity: number, seed: number): Reservoir<T> {
  const random = createPrng(seed);
  // log(random()) with random() never exactly 0, which would make the skip infinite.
  const logRandom = (): number => Math.log(1 - random());
  const items: T[] = [];
  let offered = 0;
  let weight = Math.exp(logRandom() / capacity);
  let skip = Math.floor(logRandom() / Math.log(1 - weight));
  return {
    items,
    get offered() {
      return offered;
    },
    add(item) {
      offered += 1;
      if (items.length < capacity) {
        items.push(item);
        return items.length - 1;
      }
      if (skip > 0) {
        skip -= 1;
        return -1;
      }
      const slot = Math.floor(random() * capacity);
      items[slot] = item;
      weight *= Math.exp(logRandom() / capacity);
      skip = Math.floor(logRandom() / Math.log(1 - weight));
      return slot;
    },
  };
}
