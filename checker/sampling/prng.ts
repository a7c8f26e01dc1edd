/**
 * A small seeded pseudo-random generator (mulberry32): fast, 32 bits of state, and the same
 * sequence for the same seed on every machine, so a seeded sample is reproducible. Not for secrets.
 * Returns a function yielding floats in [0, 1).
 */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
