import { describe, expect, test } from 'vitest';
import { ConcordError } from '../../../contracts/errors.js';
import {
  createHeadSampler,
  createReservoirSampler,
  createSampler,
  createTimeWindowSampler,
  DEFAULT_SAMPLE_SIZE,
  MAX_SAMPLE_SIZE,
} from '../../../checker/sampling/index.js';
import type { Sampler } from '../../../checker/model.js';

function feed(count: number): { id: number }[] {
  return Array.from({ length: count }, (_, id) => ({ id }));
}

/** Offers records until the sampler says stop, like a source does; returns how many were read. */
function drive(sampler: Sampler, records: readonly unknown[]): number {
  let read = 0;
  for (const record of records) {
    read += 1;
    if (!sampler.offer(record)) break;
  }
  return read;
}

const ids = (sampler: Sampler): number[] => [...sampler.kept()].map((record) => (record as { id: number }).id);

describe('head sampler', () => {
  test('keeps the first n, pushes n down as its limit and stops the read once full', () => {
    const sampler = createHeadSampler(5);
    expect(sampler.limit).toBe(5);
    expect(drive(sampler, feed(100))).toBe(5);
    expect(ids(sampler)).toEqual([0, 1, 2, 3, 4]);
    expect(sampler.seen).toBe(5);
    expect(sampler.offer({ id: 99 })).toBe(false);
    expect(ids(sampler)).toEqual([0, 1, 2, 3, 4]);
  });

  test('keeps a whole feed shorter than n', () => {
    const sampler = createHeadSampler(10);
    expect(drive(sampler, feed(3))).toBe(3);
    expect(ids(sampler)).toEqual([0, 1, 2]);
  });
});

describe('reservoir sampler', () => {
  test('reads the whole feed and keeps n records in feed order', () => {
    const sampler = createReservoirSampler(100, 7);
    expect(sampler.limit).toBeUndefined();
    expect(drive(sampler, feed(10_000))).toBe(10_000);
    expect(sampler.seen).toBe(10_000);
    const kept = ids(sampler);
    expect(kept).toHaveLength(100);
    expect(new Set(kept).size).toBe(100);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
  });

  test('same seed and same feed keep the same sample; another seed keeps another', () => {
    const run = (seed: number): number[] => {
      const sampler = createReservoirSampler(50, seed);
      drive(sampler, feed(5_000));
      return ids(sampler);
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  test('is uniform: every tenth of the feed holds about a tenth of the sample', () => {
    const sampler = createReservoirSampler(10_000, 3);
    drive(sampler, feed(200_000));
    const deciles = new Array<number>(10).fill(0);
    for (const id of ids(sampler)) deciles[Math.floor(id / 20_000)]! += 1;
    // Binomial(10000, 0.1) has a standard deviation of 30; 150 is five of them.
    for (const count of deciles) expect(Math.abs(count - 1_000)).toBeLessThan(150);
  });

  test('keeps everything when the feed is shorter than n', () => {
    const sampler = createReservoirSampler(10);
    drive(sampler, feed(4));
    expect(ids(sampler)).toEqual([0, 1, 2, 3]);
  });
});

describe('time-window sampler', () => {
  const records = [
    { id: 0, at: '2026-11-01T00:00:00Z' },
    { id: 1, at: '2026-11-01T12:00:00Z' },
    { id: 2, at: Date.parse('2026-11-01T13:00:00Z') / 1000 },
    { id: 3, at: Date.parse('2026-11-01T14:00:00Z') },
    { id: 4, at: '2026-11-02T00:00:00Z' },
    { id: 5, at: 'not a date' },
    { id: 6 },
    { id: 7, at: '2026-10-31T23:59:59Z' },
  ];

  test('keeps records with ISO, epoch-second and epoch-millisecond timestamps in [from, to), reading everything', () => {
    const sampler = createTimeWindowSampler({ field: 'at', from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' });
    expect(drive(sampler, records)).toBe(records.length);
    expect(ids(sampler)).toEqual([0, 1, 2, 3]);
    expect(sampler.seen).toBe(records.length);
  });

  test('follows a dotted field and caps the window at max', () => {
    const nested = feed(1_000).map(({ id }) => ({ id, meta: { at: 1_700_000_000 + id } }));
    const sampler = createTimeWindowSampler({ field: 'meta.at', from: 1_700_000_100_000, to: 1_700_000_600_000, max: 20 });
    drive(sampler, nested);
    const kept = ids(sampler);
    expect(kept).toHaveLength(20);
    for (const id of kept) expect(id >= 100 && id < 600).toBe(true);
  });

  test.each([
    [{ field: 'at', from: 'yesterday', to: '2026-11-02T00:00:00Z' }, /not a date/],
    [{ field: 'at', from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, /not before/],
  ])('refuses bad bounds %j', (options, message) => {
    expect(() => createTimeWindowSampler(options)).toThrow(message);
  });
});

describe('createSampler', () => {
  test.each([
    [{}, 'head', DEFAULT_SAMPLE_SIZE],
    [{ kind: 'head', size: 3 }, 'head', 3],
    [{ kind: 'reservoir', size: 3 }, 'reservoir', undefined],
  ])('%j builds a %s sampler', (options, _kind, limit) => {
    expect(createSampler(options).limit).toBe(limit);
  });

  test('builds a window sampler from field and bounds', () => {
    const sampler = createSampler({ kind: 'window', field: 'at', from: '2026-01-01', to: '2027-01-01', size: 2 });
    drive(sampler, [{ at: '2026-05-01' }, { at: '2025-05-01' }, { at: '2026-06-01' }, { at: '2026-07-01' }]);
    expect([...sampler.kept()]).toHaveLength(2);
  });

  test.each([
    [{ kind: 'tail' }, /sampler "tail" is not known/],
    [{ kind: 'window', field: 'at' }, /needs a timestamp field/],
    [{ size: 0 }, /sample size 0/],
    [{ size: 2.5 }, /sample size 2.5/],
    [{ kind: 'reservoir', size: MAX_SAMPLE_SIZE + 1 }, new RegExp(`sample size ${MAX_SAMPLE_SIZE + 1}`)],
  ])('refuses %j', (options, message) => {
    expect(() => createSampler(options)).toThrow(message);
    expect(() => createSampler(options)).toThrow(ConcordError);
  });

  test('accepts exactly MAX_SAMPLE_SIZE', () => {
    expect(createSampler({ size: MAX_SAMPLE_SIZE }).limit).toBe(MAX_SAMPLE_SIZE);
  });
});
