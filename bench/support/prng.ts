/**
 * A small seeded pseudo-random generator (mulberry32), so benchmark inputs are the same on every
 * run and two engines always see the same pairs.
 */
export interface Prng {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** An integer in [low, high], both included. */
  readonly int: (low: number, high: number) => number;
  readonly pick: <T>(entries: readonly T[]) => T;
  /** True with probability `share`. */
  readonly chance: (share: number) => boolean;
  /** A shuffled copy (Fisher-Yates). */
  readonly shuffle: <T>(entries: readonly T[]) => T[];
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (low: number, high: number): number => low + Math.floor(next() * (high - low + 1));
  return {
    next,
    int,
    pick: <T>(entries: readonly T[]): T => entries[int(0, entries.length - 1)] as T,
    chance: (share) => next() < share,
    shuffle: <T>(entries: readonly T[]): T[] => {
      const copy = [...entries];
      for (let index = copy.length - 1; index > 0; index -= 1) {
        const other = int(0, index);
        [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
      }
      return copy;
    },
  };
}
