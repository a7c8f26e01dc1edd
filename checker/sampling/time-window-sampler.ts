import { ConcordError } from '../../contracts/index.js';
import type { Sampler } from '../model.js';
import { createReservoir } from './reservoir.js';
import { checkSampleSize, DEFAULT_SAMPLE_SEED, DEFAULT_SAMPLE_SIZE } from './sample-size.js';
import { timestampOf } from './timestamp.js';

export interface TimeWindowOptions {
  /** Dotted path of the record's timestamp field (`created_at`, `meta.emitted_at`). */
  readonly field: string;
  /** Inclusive start: a Date, an ISO 8601 text or epoch milliseconds. */
  readonly from: Date | string | number;
  /** Exclusive end, like `from`. */
  readonly to: Date | string | number;
  /** Records kept at most (default DEFAULT_SAMPLE_SIZE); past it a seeded reservoir keeps a uniform sample of the window. */
  readonly max?: number;
  /** Reservoir seed, default DEFAULT_SAMPLE_SEED. */
  readonly seed?: number;
}

function instant(value: Date | string | number, name: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new ConcordError('invalid-argument', `time window ${name} ${JSON.stringify(String(value))} is not a date: use ISO 8601 like 2026-11-01T00:00:00Z`);
  }
  return ms;
}

/**
 * Keeps records whose `field` holds a timestamp in [from, to): ISO 8601 strings, or epoch
 * seconds or milliseconds as numbers. Feeds are rarely ordered by time, so it reads the whole
 * stream (no `limit`, `offer` always true); records without a readable timestamp are skipped.
 * Throws ConcordError `invalid-argument` for unreadable bounds, `from` not before `to`, or `max`
 * outside 1..MAX_SAMPLE_SIZE.
 */
export function createTimeWindowSampler(options: TimeWindowOptions): Sampler {
  const from = instant(options.from, 'start');
  const to = instant(options.to, 'end');
  if (from >= to) {
    throw new ConcordError('invalid-argument', `time window start ${new Date(from).toISOString()} is not before its end ${new Date(to).toISOString()}: swap them`);
  }
  const max = options.max ?? DEFAULT_SAMPLE_SIZE;
  checkSampleSize(max);
  const path = options.field.split('.');
  const reservoir = createReservoir<unknown>(max, options.seed ?? DEFAULT_SAMPLE_SEED);
  const positions: number[] = [];
  let seen = 0;
  return {
    get seen() {
      return seen;
    },
    offer(record) {
      seen += 1;
      const at = timestampOf(record, path);
      if (at !== undefined && at >= from && at < to) {
        const slot = reservoir.add(record);
        if (slot >= 0) positions[slot] = seen - 1;
      }
      return true;
    },
    kept: () => {
      const order = positions.map((_, slot) => slot).sort((a, b) => positions[a]! - positions[b]!);
      return order.map((slot) => reservoir.items[slot]);
    },
  };
}
