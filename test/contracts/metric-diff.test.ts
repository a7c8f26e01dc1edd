import { describe, expect, test } from 'vitest';
import { judge } from '../../contracts/compat-mode.js';
import { diffMetrics } from '../../contracts/diff/metric-diff.js';
import type { MetricDefinition } from '../../contracts/model.js';
import { ruleById } from '../../contracts/rules/catalog.js';
import { METRIC_RULES } from '../../contracts/rules/metric-rules.js';

const NET_REVENUE: MetricDefinition = {
  name: 'net_revenue',
  type: 'simple',
  description: 'Revenue after refunds.',
  aggregation: 'sum',
  expression: 'amount - refunded_amount',
  filter: "status in ['paid', 'shipped']",
  unit: 'EUR',
  grain: 'day',
  dimensions: ['currency', 'channel'],
  tags: ['finance'],
};

const DANA = { name: 'Dana Fischer', email: 'dana.fischer@example.com' };
const LEE = { name: 'Lee Park', email: 'lee.park@example.com' };

function edited(changes: Partial<MetricDefinition>): MetricDefinition {
  return { ...NET_REVENUE, ...changes };
}

describe('diffMetrics: one change per edit, with the rule, path and message', () => {
  test.each<[string, MetricDefinition, string, string]>([
    ['type', edited({ type: 'cumulative' }), 'metric-type-changed', '/metrics/net_revenue/type'],
    ['aggregation', edited({ aggregation: 'avg' }), 'metric-aggregation-changed', '/metrics/net_revenue/aggregation'],
    ['expression', edited({ expression: 'amount' }), 'metric-expression-changed', '/metrics/net_revenue/expression'],
    ['filter changed', edited({ filter: "status = 'paid'" }), 'metric-filter-changed', '/metrics/net_revenue/filter'],
    ['filter removed', edited({ filter: undefined }), 'metric-filter-changed', '/metrics/net_revenue/filter'],
    ['unit', edited({ unit: 'USD' }), 'metric-unit-changed', '/metrics/net_revenue/unit'],
    ['grain', edited({ grain: 'week' }), 'metric-grain-changed', '/metrics/net_revenue/grain'],
    ['window', edited({ window: '30d' }), 'metric-window-changed', '/metrics/net_revenue/window'],
    ['numerator', edited({ numerator: 'a' }), 'metric-numerator-changed', '/metrics/net_revenue/numerator'],
    ['denominator', edited({ denominator: 'b' }), 'metric-denominator-changed', '/metrics/net_revenue/denominator'],
    ['references', edited({ references: 'finance.revenue#net_revenue' }), 'metric-references-changed', '/metrics/net_revenue/references'],
    ['dimension removed', edited({ dimensions: ['currency'] }), 'metric-dimension-removed', '/metrics/net_revenue/dimensions'],
    ['dimension added', edited({ dimensions: ['currency', 'channel', 'country'] }), 'metric-dimension-added', '/metrics/net_revenue/dimensions'],
    ['description', edited({ description: 'Net revenue.' }), 'metric-description-changed', '/metrics/net_revenue/description'],
    ['owner', edited({ owner: LEE }), 'metric-owner-changed', '/metrics/net_revenue/owner'],
    ['tags', edited({ tags: ['finance', 'kpi'] }), 'metric-tags-changed', '/metrics/net_revenue/tags'],
  ])('%s', (_label, after, rule, path) => {
    // Judging looks every rule up in the catalog, so an id missing there fails here.
    const findings = judge(diffMetrics([NET_REVENUE], [after], DANA), 'forward', 'strict');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule, path, severity: ruleById(rule).breaks === 'both' ? 'breaking' : 'info' });
    expect(findings[0]!.message).toContain('net_revenue');
  });

  test('a meaning change says what changed and what to do', () => {
    const [change] = diffMetrics([NET_REVENUE], [edited({ aggregation: 'avg' })]);
    expect(change).toEqual({
      rule: 'metric-aggregation-changed',
      path: '/metrics/net_revenue/aggregation',
      message:
        'metric net_revenue changes its aggregation from "sum" to "avg": its numbers mean something else now; add a metric under a new name instead, or publish a major version',
      before: 'sum',
      after: 'avg',
    });
  });

  test('a removed dimension names the field', () => {
    expect(diffMetrics([NET_REVENUE], [edited({ dimensions: ['currency'] })])[0]).toMatchObject({ field: 'channel', before: 'channel' });
  });
});

describe('diffMetrics: edits that change nothing', () => {
  test.each<[string, MetricDefinition]>([
    ['identical', NET_REVENUE],
    ['whitespace in the expression', edited({ expression: 'amount-refunded_amount' })],
    ['keyword case and list order in the filter', edited({ filter: "status IN ['shipped', 'paid']" })],
    ['dimension order', edited({ dimensions: ['channel', 'currency'] })],
    ['tag order and repeats', edited({ tags: ['finance', 'finance'] })],
    ['the contract owner written out', edited({ owner: { ...DANA, email: 'Dana.Fischer@example.com' } })],
  ])('%s', (_label, after) => {
    expect(diffMetrics([NET_REVENUE], [after], DANA)).toEqual([]);
  });

  test('windows that state one span in other units are the same', () => {
    expect(diffMetrics([edited({ window: '30d' })], [edited({ window: '720h' })])).toEqual([]);
  });
});

describe('diffMetrics: added, removed and renamed metrics', () => {
  const ORDERS: MetricDefinition = { name: 'orders', type: 'simple', aggregation: 'count' };

  test('an added metric', () => {
    expect(diffMetrics([NET_REVENUE], [NET_REVENUE, ORDERS])).toEqual([
      { rule: 'metric-added', path: '/metrics/orders', message: 'metric orders was added', after: 'orders' },
    ]);
  });

  test('a removed metric', () => {
    const changes = diffMetrics([NET_REVENUE, ORDERS], [ORDERS]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ rule: 'metric-removed', path: '/metrics/net_revenue', before: 'net_revenue' });
    expect(changes[0]!.message).toContain('publish a major version');
  });

  test('a removed and an added metric with the same meaning are one rename, with its other edits', () => {
    const renamed = edited({ name: 'revenue_net', expression: 'amount -  refunded_amount', description: 'Renamed.' });
    const changes = diffMetrics([NET_REVENUE, ORDERS], [ORDERS, renamed]);
    expect(changes.map((change) => [change.rule, change.path])).toEqual([
      ['metric-renamed', '/metrics/revenue_net'],
      ['metric-description-changed', '/metrics/revenue_net/description'],
    ]);
    expect(changes[0]).toMatchObject({ before: 'net_revenue', after: 'revenue_net' });
  });

  test('a removed and an added metric that mean different things stay a removal and an addition', () => {
    const other = edited({ name: 'gross_revenue', expression: 'amount' });
    expect(diffMetrics([NET_REVENUE], [other]).map((change) => change.rule)).toEqual(['metric-removed', 'metric-added']);
  });

  test('names with / and ~ are escaped in pointers', () => {
    expect(diffMetrics([], [{ ...ORDERS, name: 'a/b~c' }])[0]?.path).toBe('/metrics/a~1b~0c');
  });
});

describe('metric rules in the catalog', () => {
  test.each(METRIC_RULES.map((rule) => [rule.id, rule] as const))('%s is in the catalog', (id, rule) => {
    expect(ruleById(id)).toBe(rule);
  });

  test('meaning changes break in every direction; additions need a minor bump; documentation a patch', () => {
    const findings = judge(
      diffMetrics([NET_REVENUE], [edited({ unit: 'USD', description: 'x' }), { name: 'orders', type: 'simple', aggregation: 'count' }]),
      'forward',
      'strict',
    );
    expect(findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['metric-unit-changed', 'breaking'],
      ['metric-description-changed', 'info'],
      ['metric-added', 'info'],
    ]);
    expect(judge(diffMetrics([NET_REVENUE], [edited({ unit: 'USD' })]), 'backward', 'strict')[0]?.severity).toBe('breaking');
    expect(ruleById('metric-added').bump).toBe('minor');
    expect(ruleById('metric-tags-changed').bump).toBe('patch');
  });
});
