/**
 * 32-bit hashes of JSON scalars for the distinct-count sketch: no string is built and nothing is
 * allocated per value. Strings, numbers and booleans are seeded apart so `"1"` and `1` differ.
 */

/** murmur3's finalizer: spreads every input bit over the whole word, which HyperLogLog needs. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, then mixed. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix(h ^ text.length);
}

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);

export function hashNumber(value: number): number {
  if ((value | 0) === value) return mix(Math.imul(value, 0x9e3779b1) ^ 0x5bd1e995);
  float[0] = value;
  return mix(words[0]! ^ mix(words[1]! ^ 0x27d4eb2f));
}

export function hashBoolean(value: boolean): number {
  return value ? 0x3c6ef372 : 0xa54ff53a;
}
