import { describe, expect, test } from 'vitest';
import { categoricalBins, numericBins, psi, PSI_EMPTY_BIN_SHARE } from '../../../checker/drift/psi.js';
import type { FieldProfile, NumericProfile } from '../../../checker/model.js';

// Pure threshold arithmetic: the profiles here are hand-made on purpose, the analyzer-backed cases live in detect-drift.test.ts.

describe('psi', () => {
  test.each([
    [[0.5, 0.5], [0.5, 0.5], 0],
    [[0.5, 0.5], [0.6, 0.4], 0.1 * Math.log(0.6 / 0.5) + -0.1 * Math.log(0.4 / 0.5)],
    [[0.25, 0.25, 0.25, 0.25], [0.1, 0.4, 0.25, 0.25], -0.15 * Math.log(0.1 / 0.25) + 0.15 * Math.log(0.4 / 0.25)],
  ])('of %j and %j is %f', (expected, actual, value) => {
    expect(psi(expected, actual)).toBeCloseTo(value, 10);
  });

  test('floors empty bins, so a bin appearing from nothing has a large but finite term', () => {
    const score = psi([1, 0], [0.9, 0.1]);
    expect(Number.isFinite(score)).toBe(true);
    expect(score).toBeCloseTo(-0.1 * Math.log(0.9) + (0.1 - PSI_EMPTY_BIN_SHARE) * Math.log(0.1 / PSI_EMPTY_BIN_SHARE), 10);
    expect(score).toBeGreaterThan(0.25);
  });

  test('is symmetric in the sense that a shift and its reverse score alike', () => {
    expect(psi([0.7, 0.3], [0.4, 0.6])).toBeCloseTo(psi([0.4, 0.6], [0.7, 0.3]), 10);
  });
});

function field(top: { value: unknown; count: number }[], present: number, nulls = 0): FieldProfile {
  return { field: 'channel', declared: true, present, presenceRate: 1, nulls, nullRate: nulls / present, types: { string: present - nulls }, distinct: top.length, top };
}

describe('categorical bins', () => {
  test('are the baseline top values plus "other", with shares over non-null values', () => {
    const before = field([{ value: 'web', count: 50 }, { value: 'app', count: 30 }], 110, 10);
    const now = field([{ value: 'app', count: 60 }, { value: 'store', count: 40 }], 100);
    expect(categoricalBins(before, now)).toEqual({ labels: ['"web"', '"app"', 'other'], expected: [0.5, 0.3, expect.closeTo(0.2, 10)], actual: [0, 0.6, expect.closeTo(0.4, 10)] });
  });

  test('keep 1 and "1" apart', () => {
    const before = field([{ value: 1, count: 100 }], 100);
    const now = field([{ value: '1', count: 100 }], 100);
    expect(categoricalBins(before, now)!.actual).toEqual([0, 1]);
  });

  test('are undefined without baseline top values (pii fields, ids)', () => {
    expect(categoricalBins(field([], 100), field([{ value: 'a', count: 1 }], 100))).toBeUndefined();
  });
});

function numeric(quantiles: Record<string, number>, min: number, max: number): NumericProfile {
  return { min, max, mean: quantiles['p50']!, quantiles };
}

describe('numeric bins', () => {
  const base = numeric({ p01: 1, p25: 10, p50: 20, p75: 30, p99: 99 }, 0, 100);

  test('cut at the baseline quantiles, so the baseline shares are the quantile steps', () => {
    const bins = numericBins(base, base);
    expect(bins.cuts).toEqual([1, 10, 20, 30, 99]);
    expect(bins.expected.map((share) => Number(share.toFixed(10)))).toEqual([0.01, 0.24, 0.25, 0.25, 0.24, 0.01]);
    expect(psi(bins.expected, bins.actual)).toBe(0);
  });

  test('score a scaled distribution (cents instead of euros) far above the breaking band', () => {
    const cents = numeric({ p01: 100, p25: 1000, p50: 2000, p75: 3000, p99: 9900 }, 0, 10000);
    const bins = numericBins(base, cents);
    expect(psi(bins.expected, bins.actual)).toBeGreaterThan(1);
  });

  test('score a small wobble of the quantiles well under the warning band', () => {
    const wobble = numeric({ p01: 1.1, p25: 10.2, p50: 19.8, p75: 30.3, p99: 98 }, 0, 101);
    const bins = numericBins(base, wobble);
    expect(psi(bins.expected, bins.actual)).toBeLessThan(0.01);
  });

  test('handle discrete values whose quantiles tie', () => {
    const counts = numeric({ p01: 1, p25: 1, p50: 2, p75: 3, p99: 5 }, 1, 5);
    const bins = numericBins(counts, counts);
    expect(bins.cuts).toEqual([1, 2, 3, 5]);
    expect(psi(bins.expected, bins.actual)).toBe(0);
    const moreFives = numeric({ p01: 1, p25: 3, p50: 5, p75: 5, p99: 5 }, 1, 5);
    expect(psi(bins.expected, numericBins(counts, moreFives).actual)).toBeGreaterThan(0.25);
  });
});
