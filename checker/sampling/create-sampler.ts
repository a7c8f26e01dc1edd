import { ConcordError } from '../../contracts/index.js';
import type { Sampler } from '../model.js';
import { createHeadSampler } from './head-sampler.js';
import { createReservoirSampler } from './reservoir-sampler.js';
import { DEFAULT_SAMPLE_SIZE } from './sample-size.js';
import { createTimeWindowSampler } from './time-window-sampler.js';

export const SAMPLER_KINDS = ['head', 'reservoir', 'window'] as const;
export type SamplerKind = (typeof SAMPLER_KINDS)[number];

export interface SamplerOptions {
  /** `head` (default): the first N records; `reservoir`: N uniformly from the whole feed; `window`: records in a time window. */
  readonly kind?: SamplerKind | string;
  /** N, default DEFAULT_SAMPLE_SIZE (the window's `max`). */
  readonly size?: number;
  /** Seed for `reservoir` and `window`, default DEFAULT_SAMPLE_SEED. */
  readonly seed?: number;
  /** For `window`: the timestamp field and the [from, to) bounds. */
  readonly field?: string;
  readonly from?: Date | string | number;
  readonly to?: Date | string | number;
}

/**
 * Builds a sampler by name. Throws ConcordError `invalid-argument` for an unknown kind, a window
 * without field/from/to, or a size outside 1..MAX_SAMPLE_SIZE.
 */
export function createSampler(options: SamplerOptions = {}): Sampler {
  const kind = options.kind ?? 'head';
  const size = options.size ?? DEFAULT_SAMPLE_SIZE;
  switch (kind) {
    case 'head':
      return createHeadSampler(size);
    case 'reservoir':
      return createReservoirSampler(size, options.seed);
    case 'window': {
      const { field, from, to } = options;
      if (field === undefined || from === undefined || to === undefined) {
        throw new ConcordError('invalid-argument', 'the window sampler needs a timestamp field and from/to bounds: pass --window-field, --from and --to');
      }
      return createTimeWindowSampler({ field, from, to, max: size, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
    }
    default:
      throw new ConcordError('invalid-argument', `sampler ${JSON.stringify(kind)} is not known: use one of ${SAMPLER_KINDS.join(', ')}`);
  }
}
