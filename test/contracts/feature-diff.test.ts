import { describe, expect, test } from 'vitest';
import { judge } from '../../contracts/compat-mode.js';
import { diffFeatures } from '../../contracts/diff/feature-diff.js';
import type { FeatureDefinition } from '../../contracts/model.js';
import { ruleById } from '../../contracts/rules/catalog.js';
import { FEATURE_RULES } from '../../contracts/rules/feature-rules.js';

const COUNT_30D: FeatureDefinition = {
  name: 'customer_order_count_30d',
  entity: 'customer_id',
  dtype: 'int64',
  description: 'Orders in the last 30 days.',
  source: { fields: ['order_id'], aggregation: 'count', window: '30d', filter: "status != 'cancelled'" },
  freshness: '1h',
  ttl: '7d',
  tags: ['ml'],
};

function edited(changes: Partial<FeatureDefinition>, source: Partial<FeatureDefinition['source']> = {}): FeatureDefinition {
  return { ...COUNT_30D, ...changes, source: { ...COUNT_30D.source, ...source } };
}

const PATH = '/features/customer_order_count_30d';

describe('diffFeatures: one change per edit', () => {
  test.each<[string, FeatureDefinition, string, string, string]>([
    ['dtype', edited({ dtype: 'int32' }), 'feature-dtype-changed', `${PATH}/dtype`, 'breaking'],
    ['entity', edited({ entity: 'account_id' }), 'feature-entity-changed', `${PATH}/entity`, 'breaking'],
    ['source fields', edited({}, { fields: ['order_id', 'line_id'] }), 'feature-source-fields-changed', `${PATH}/source/fields`, 'breaking'],
    ['source field order', edited({}, { fields: ['b', 'a'] }), 'feature-source-fields-changed', `${PATH}/source/fields`, 'breaking'],
    ['source aggregation', edited({}, { aggregation: 'count_distinct' }), 'feature-source-aggregation-changed', `${PATH}/source/aggregation`, 'breaking'],
    ['source window', edited({}, { window: '7d' }), 'feature-source-window-changed', `${PATH}/source/window`, 'breaking'],
    ['source filter', edited({}, { filter: "status = 'paid'" }), 'feature-source-filter-changed', `${PATH}/source/filter`, 'breaking'],
    ['source filter removed', edited({}, { filter: undefined }), 'feature-source-filter-changed', `${PATH}/source/filter`, 'breaking'],
    ['freshness longer', edited({ freshness: '6h' }), 'feature-freshness-loosened', `${PATH}/freshness`, 'warning'],
    ['freshness dropped', edited({ freshness: undefined }), 'feature-freshness-loosened', `${PATH}/freshness`, 'warning'],
    ['freshness unreadable', edited({ freshness: 'soon' }), 'feature-freshness-loosened', `${PATH}/freshness`, 'warning'],
    ['freshness shorter', edited({ freshness: '15m' }), 'feature-freshness-tightened', `${PATH}/freshness`, 'info'],
    ['ttl longer', edited({ ttl: '2w' }), 'feature-ttl-loosened', `${PATH}/ttl`, 'warning'],
    ['ttl shorter', edited({ ttl: '1d' }), 'feature-ttl-tightened', `${PATH}/ttl`, 'info'],
    ['description', edited({ description: 'x' }), 'feature-description-changed', `${PATH}/description`, 'info'],
    ['owner', edited({ owner: { name: 'Lee Park', email: 'lee@example.com' } }), 'feature-owner-changed', `${PATH}/owner`, 'info'],
    ['tags', edited({ tags: [] }), 'feature-tags-changed', `${PATH}/tags`, 'info'],
  ])('%s', (_label, after, rule, path, severity) => {
    const findings = judge(diffFeatures([COUNT_30D], [after]), 'forward', 'strict');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule, path, severity });
    expect(findings[0]!.message).toContain('customer_order_count_30d');
  });

  test('a new freshness promise is a tightening', () => {
    const before = edited({ freshness: undefined });
    expect(diffFeatures([before], [COUNT_30D])).toEqual([
      { rule: 'feature-freshness-tightened', path: `${PATH}/freshness`, message: 'feature customer_order_count_30d now promises a freshness of 1h', after: '1h' },
    ]);
  });

  test('a loosened promise says what consumers should expect', () => {
    expect(diffFeatures([COUNT_30D], [edited({ freshness: '6h' })])[0]?.message).toBe(
      'feature customer_order_count_30d changes its freshness from 1h to 6h: consumers may get older values than they planned for; tell them, or keep 1h',
    );
  });
});

describe('diffFeatures: edits that change nothing', () => {
  test.each<[string, FeatureDefinition]>([
    ['identical', COUNT_30D],
    ['filter spacing, keyword case and negation form', edited({}, { filter: "NOT (status  =  'cancelled')" })],
    ['window in other units', edited({}, { window: '720h' })],
    ['freshness in other units', edited({ freshness: '60m' })],
  ])('%s', (_label, after) => {
    expect(diffFeatures([COUNT_30D], [after])).toEqual([]);
  });
});

describe('diffFeatures: added, removed and renamed', () => {
  test('added and removed features', () => {
    const other = edited({ name: 'customer_ltv', dtype: 'float64' }, { aggregation: 'sum', fields: ['amount'] });
    expect(diffFeatures([COUNT_30D], [other]).map((change) => [change.rule, change.path])).toEqual([
      ['feature-removed', PATH],
      ['feature-added', '/features/customer_ltv'],
    ]);
  });

  test('the same definition under a new name is one rename', () => {
    const renamed = edited({ name: 'orders_30d', freshness: '30m' });
    expect(diffFeatures([COUNT_30D], [renamed]).map((change) => change.rule)).toEqual(['feature-renamed', 'feature-freshness-tightened']);
  });
});

describe('feature rules in the catalog', () => {
  test.each(FEATURE_RULES.map((rule) => [rule.id, rule] as const))('%s is in the catalog', (id, rule) => {
    expect(ruleById(id)).toBe(rule);
  });

  test('loosened promises are warnings needing a minor bump, never breaking', () => {
    expect(ruleById('feature-freshness-loosened')).toMatchObject({ breaks: 'none', otherwise: 'warning', bump: 'minor' });
    expect(judge(diffFeatures([COUNT_30D], [edited({ ttl: undefined })]), 'full', 'strict')[0]?.severity).toBe('warning');
  });
});
