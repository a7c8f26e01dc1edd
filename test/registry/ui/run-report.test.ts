import { describe, expect, test } from 'vitest';
import { readRunReport, violationRate } from '../../../registry/ui/run-report.js';

const group = (rate: number, extra: Record<string, unknown> = {}) => ({
  rule: 'schema-violation',
  severity: 'breaking',
  path: '/properties/a',
  field: 'a',
  message: 'a is wrong',
  keyword: 'type',
  count: 1,
  rate,
  examples: ['x'],
  fingerprint: 'f',
  ...extra,
});

describe('readRunReport', () => {
  test('reads violations, drift, read issues and the sampler', () => {
    const view = readRunReport({
      sampler: 'head 500',
      readIssues: { count: 3, examples: [] },
      violations: [group(0.5)],
      drift: [{ rule: 'null-rate-rose', severity: 'warning', path: '/properties/b', message: 'b is null more often', before: 0.1, after: 0.4, fingerprint: 'g' }],
    });
    expect(view).toEqual({
      sampler: 'head 500',
      readIssues: 3,
      violations: [group(0.5)],
      drift: [{ rule: 'null-rate-rose', severity: 'warning', path: '/properties/b', message: 'b is null more often', before: 0.1, after: 0.4, fingerprint: 'g' }],
    });
  });

  test.each([
    ['a finding that is not an object', 'oops'],
    ['an unknown severity', group(0.1, { severity: 'fatal' })],
    ['a missing message', group(0.1, { message: undefined })],
    ['a rate that is not a number', group('high' as unknown as number)],
  ])('skips %s', (_label, item) => {
    expect(readRunReport({ violations: [item, group(0.2)], drift: 'none' }).violations.map((each) => each.rate)).toEqual([0.2]);
  });
});

describe('violationRate', () => {
  test.each([
    [[], 0],
    [[0.1, 0.3, 0.2], 0.3],
    [[1.5], 1],
  ])('of groups with rates %j is %d', (rates, expected) => {
    expect(violationRate(readRunReport({ violations: rates.map((rate) => group(rate)) }))).toBe(expected);
  });
});
