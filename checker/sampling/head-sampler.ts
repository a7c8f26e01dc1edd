import type { Sampler } from '../model.js';
import { checkSampleSize } from './sample-size.js';

/**
 * Keeps the first `size` records. Its `limit` is `size`, so sources read no more than that, and
 * `offer` returns false once the sample is full so reading stops. Throws ConcordError
 * `invalid-argument` for a size outside 1..MAX_SAMPLE_SIZE.
 */
export function createHeadSampler(size: number): Sampler {
  checkSampleSize(size);
  const records: unknown[] = [];
  let seen = 0;
  return {
    limit: size,
    get seen() {
      return seen;
    },
    offer(record) {
      if (records.length >= size) return false;
      seen += 1;
      records.push(record);
      return records.length < size;
    },
    kept: () => records,
  };
}
