import { describe, expect, test } from 'vitest';
import { HyperLogLog, MAX_TOP_VALUES, NumericSketch, TOP_TRACKED_VALUES, TopValues } from '../../../checker/analysis/index.js';
import { hashNumber, hashString } from '../../../checker/analysis/value-hash.js';
import { createPrng } from '../../../checker/sampling/prng.js';

describe('HyperLogLog distinct count', () => {
  test.each([
    ['strings like ids', (i: number) => hashString(`cus_${i.toString(36).padStart(12, '0')}`)],
    ['short strings', (i: number) => hashString(String(i))],
    ['integers', (i: number) => hashNumber(i)],
    ['decimals', (i: number) => hashNumber(i / 100 + 0.001)],
  ])('estimates 100,000 distinct %s within 4%%', (_kind, hashOf) => {
    const sketch = new HyperLogLog();
    // Each value twice: repeats must not count.
    for (let round = 0; round < 2; round += 1) for (let i = 0; i < 100_000; i += 1) sketch.add(hashOf(i));
    expect(Math.abs(sketch.estimate() - 100_000) / 100_000).toBeLessThan(0.04);
  });

  test.each([1, 10, 1_000])('counts %i distinct values almost exactly', (count) => {
    const sketch = new HyperLogLog();
    for (let i = 0; i < count * 5; i += 1) sketch.add(hashString(`v${i % count}`));
    expect(Math.abs(sketch.estimate() - count)).toBeLessThanOrEqual(Math.max(1, count * 0.02));
  });

  test('tells a string from the number it spells', () => {
    expect(hashString('1')).not.toBe(hashNumber(1));
  });
});

describe('numeric sketch', () => {
  test('keeps exact min, max and mean and quantiles within 2% of rank on 100,000 uniform values', () => {
    const random = createPrng(11);
    const sketch = new NumericSketch();
    const values: number[] = [];
    for (let i = 0; i < 100_000; i += 1) {
      const value = random() * 1_000;
      values.push(value);
      sketch.add(value);
    }
    values.sort((a, b) => a - b);
    expect(sketch.min).toBe(values[0]);
    expect(sketch.max).toBe(values.at(-1));
    expect(sketch.sum / sketch.count).toBeCloseTo(values.reduce((sum, value) => sum + value, 0) / values.length, 6);
    const quantiles = sketch.quantiles();
    for (const [key, q] of [['p01', 0.01], ['p25', 0.25], ['p50', 0.5], ['p75', 0.75], ['p99', 0.99]] as const) {
      const rank = values.findIndex((value) => value >= quantiles[key]!) / values.length;
      expect(Math.abs(rank - q)).toBeLessThan(0.02);
    }
  });

  test('gives exact quantiles while every value fits the sample', () => {
    const sketch = new NumericSketch();
    for (let i = 1; i <= 100; i += 1) sketch.add(i);
    expect(sketch.quantiles()).toEqual({ p01: 1, p25: 25, p50: 50, p75: 75, p99: 99 });
  });
});

describe('top values', () => {
  test('counts a categorical field exactly, most frequent first, at most MAX_TOP_VALUES', () => {
    const top = new TopValues();
    for (let i = 0; i < 10_000; i += 1) top.add(`c${i % 20 < 10 ? i % 20 : i % 3}`);
    const listed = top.top();
    expect(listed).toHaveLength(MAX_TOP_VALUES);
    expect(listed[0]!.count).toBeGreaterThanOrEqual(listed.at(-1)!.count);
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i += 1) {
      const value = `c${i % 20 < 10 ? i % 20 : i % 3}`;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    for (const { value, count } of listed) expect(count).toBe(counts.get(value as string));
  });

  test(`keeps the frequent value among more than ${TOP_TRACKED_VALUES} rare ones`, () => {
    const top = new TopValues();
    for (let i = 0; i < 50_000; i += 1) top.add(i % 5 < 3 ? 'frequent' : `rare-${i % 1_000}`);
    expect(top.top()[0]!.value).toBe('frequent');
  });

  test('lists nothing for ids, which are not categories', () => {
    const top = new TopValues();
    for (let i = 0; i < 5_000; i += 1) top.add(`ord_${i}`);
    expect(top.top()).toEqual([]);
    const short = new TopValues();
    for (let i = 0; i < 500; i += 1) short.add(i);
    expect(short.top()).toEqual([]);
  });
});
