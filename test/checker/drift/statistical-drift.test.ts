import { describe, expect, test } from 'vitest';
import { DEFAULT_DRIFT_THRESHOLDS } from '../../../checker/drift/drift-thresholds.js';
import { CATEGORICAL_MIN_TOP_COVERAGE, detectStatisticalDrift } from '../../../checker/drift/statistical-drift.js';
import type { FeedProfile, FieldProfile } from '../../../checker/model.js';

// Pure threshold checks on hand-made profiles; analyzer-backed shifts are in detect-drift.test.ts.

const REF = { contract: 'commerce.orders', version: '2.1.0' };

function field(name: string, values: number, top: { value: unknown; count: number }[], presenceRate = 1, nulls = 0): FieldProfile {
  const present = values + nulls;
  return { field: name, declared: true, present, presenceRate, nulls, nullRate: nulls / present, types: { string: values }, distinct: top.length, top };
}

function profile(...fields: FieldProfile[]): FeedProfile {
  return { records: 1_000, fields, observedSchema: true };
}

function rules(current: FeedProfile, baseline: FeedProfile): string[] {
  return detectStatisticalDrift({ ref: REF, profile: current, baseline, thresholds: DEFAULT_DRIFT_THRESHOLDS, nullReported: new Set(), valuesReported: new Set() }).map(
    (finding) => `${finding.rule} ${finding.severity}`,
  );
}

describe(`categorical fields need top values holding ${CATEGORICAL_MIN_TOP_COVERAGE * 100}% of the baseline`, () => {
  const shifted = field('code', 1_000, [{ value: 'b', count: 1_000 }]);

  test.each([
    [500, ['categorical-shift breaking']],
    [499, []],
  ])('top values holding %i of 1000 values', (covered, expected) => {
    const baseline = field('code', 1_000, [{ value: 'a', count: covered }]);
    expect(rules(profile(shifted), profile(baseline))).toEqual(expected);
  });
});

describe('null-or-missing rate jumps', () => {
  const top = [{ value: 'a', count: 900 }];

  test.each([
    ['exactly ten points more missing', 0.9, 0, ['null-rate-jump warning']],
    ['a hair less than ten points', 0.901, 0, []],
    ['ten points more null', 1, 120, ['null-rate-jump warning']],
  ])('%s', (_name, presenceRate, nulls, expected) => {
    const before = field('code', 1_000, top);
    const now = field('code', 1_000 - nulls, top, presenceRate, nulls);
    expect(rules(profile(now), profile(before)).filter((rule) => rule.startsWith('null'))).toEqual(expected);
  });

  test('is not reported again for a field schema drift already reported', () => {
    const before = field('items[].sku', 1_000, top);
    const now = field('items[].sku', 0, [], 0);
    const findings = detectStatisticalDrift({ ref: REF, profile: profile(now), baseline: profile(before), thresholds: DEFAULT_DRIFT_THRESHOLDS, nullReported: new Set(['items']), valuesReported: new Set() });
    expect(findings).toEqual([]);
  });

  test('fields the contract does not declare are left to schema drift', () => {
    const before = { ...field('extra', 1_000, top), declared: false };
    const now = { ...field('extra', 0, [], 0), declared: false };
    expect(rules(profile(now), profile(before))).toEqual([]);
  });
});
