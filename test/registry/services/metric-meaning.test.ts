import { describe, expect, test } from 'vitest';
import type { MetricDefinition } from '../../../contracts/model.js';
import { meaningDifferences } from '../../../registry/services/metric-catalog.js';

const base: MetricDefinition = { name: 'net_revenue', type: 'simple', aggregation: 'sum', expression: 'amount - refunded', filter: "status = 'paid'", unit: 'EUR', grain: 'day' };

describe('metric meaning', () => {
  test.each([
    ['spacing and operand order of the filter', { filter: "'paid' == status" }],
    ['extra spaces in the expression', { expression: ' amount  -  refunded ' }],
    ['a description, owner, tags and dimensions', { description: 'x', owner: { name: 'a', email: 'a@b.c' }, tags: ['t'], dimensions: ['currency'] }],
  ])('%s do not change the meaning', (_name, change) => {
    expect(meaningDifferences(base, { ...base, ...change })).toEqual([]);
  });

  test.each([
    ['type', { type: 'cumulative' as const }],
    ['aggregation', { aggregation: 'avg' as const }],
    ['expression', { expression: 'refunded - amount' }],
    ['filter', { filter: "status = 'shipped'" }],
    ['unit', { unit: 'USD' }],
    ['grain', { grain: 'week' }],
    ['window', { window: '30d' }],
  ])('another %s does', (key, change) => {
    const differences = meaningDifferences(base, { ...base, ...change });
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatch(new RegExp(`^${key} `));
  });

  test('a filter on one side only is a difference', () => {
    const { filter: _filter, ...unfiltered } = base;
    expect(meaningDifferences(base, unfiltered)).toEqual([`filter "status = 'paid'" vs (none)`]);
  });
});
