import { describe, expect, test } from 'vitest';
import { MAX_DEFINITION_NAME_LENGTH } from '../../contracts/lint/definition-names.js';
import { lintSemantics } from '../../contracts/lint/semantic-lint.js';
import { SEMANTIC_LINT_RULES } from '../../contracts/lint/semantic-lint-rules.js';
import type { Contract, FeatureDefinition, MetricDefinition } from '../../contracts/model.js';
import { MAX_SCHEMA_NODES_VISITED } from '../../contracts/schema-fields.js';

const NET_REVENUE: MetricDefinition = {
  name: 'net_revenue',
  type: 'simple',
  aggregation: 'sum',
  expression: 'amount - refunded_amount',
  filter: "status in ['paid', 'shipped']",
  unit: 'EUR',
  grain: 'day',
  dimensions: ['currency', 'channel'],
};

const ORDER_COUNT: FeatureDefinition = {
  name: 'customer_order_count_30d',
  entity: 'customer.id',
  dtype: 'int64',
  source: { fields: ['order_id'], aggregation: 'count', window: '30d', filter: 'amount > 0' },
  freshness: '1h',
  ttl: '7d',
};

const CONTRACT: Contract = {
  id: 'commerce.orders',
  version: '2.1.0',
  owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
  status: 'active',
  compatibility: { mode: 'forward', policy: 'strict' },
  schema: {
    type: 'object',
    properties: {
      order_id: { type: 'string' },
      customer: { type: 'object', properties: { id: { type: 'string' } } },
      amount: { type: 'number' },
      refunded_amount: { type: 'number' },
      status: { type: 'string', enum: ['paid', 'shipped', 'cancelled'] },
      currency: { type: 'string' },
      channel: { type: 'string' },
      created_at: { type: 'string', format: 'date-time' },
      paid: { type: 'boolean' },
    },
  },
  metrics: [
    NET_REVENUE,
    { name: 'orders', type: 'simple', aggregation: 'count' },
    { name: 'revenue_per_order', type: 'ratio', numerator: 'net_revenue', denominator: 'orders' },
    { name: 'refund_share', type: 'derived', expression: 'refunded_amount / net_revenue' },
    { name: 'revenue_30d', type: 'cumulative', aggregation: 'sum', expression: 'amount', window: '30d', references: 'finance.revenue#gross_revenue' },
  ],
  features: [ORDER_COUNT, { name: 'last_status', entity: 'customer.id', dtype: 'string', source: { fields: ['status'], aggregation: 'latest' } }],
  sla: { freshness: { field: 'created_at', max_age: '15m' }, volume: { min: 1000, max: 50_000, per: 'day' } },
  sources: [],
  tags: [],
};

function withMetric(changes: Partial<MetricDefinition>): Contract {
  return { ...CONTRACT, metrics: [{ ...NET_REVENUE, ...changes }, ...CONTRACT.metrics.slice(1)] };
}

function withFeature(changes: Partial<FeatureDefinition>, source: Partial<FeatureDefinition['source']> = {}): Contract {
  return { ...CONTRACT, features: [{ ...ORDER_COUNT, ...changes, source: { ...ORDER_COUNT.source, ...source } }, ...CONTRACT.features.slice(1)] };
}

function withSla(sla: Contract['sla']): Contract {
  return { ...CONTRACT, sla };
}

/** The reference contract with one record field declared anew. */
function withField(name: string, schema: Record<string, unknown>): Contract {
  const record = CONTRACT.schema as { properties: Record<string, unknown> };
  return { ...CONTRACT, schema: { ...record, properties: { ...record.properties, [name]: schema } } };
}

const CASES: readonly (readonly [rule: string, contract: Contract, path: string, message: string])[] = [
  [
    'schema-too-large',
    { ...CONTRACT, schema: { properties: Object.fromEntries(Array.from({ length: MAX_SCHEMA_NODES_VISITED }, (_, i) => [`f${i}`, {}])) } },
    '/schema',
    `more than ${MAX_SCHEMA_NODES_VISITED} subschemas`,
  ],
  ['metric-invalid-name', withMetric({ name: 'Net-Revenue' }), '/metrics/0/name', 'metric name "Net-Revenue" is not snake_case: use lower-case letters, digits and _, starting with a letter, e.g. net_revenue'],
  [
    'metric-invalid-name',
    { ...CONTRACT, metrics: [...CONTRACT.metrics, { name: 'x'.repeat(MAX_DEFINITION_NAME_LENGTH + 1), type: 'simple', aggregation: 'count' }] },
    '/metrics/5/name',
    `${MAX_DEFINITION_NAME_LENGTH + 1} characters long, over the limit of ${MAX_DEFINITION_NAME_LENGTH}`,
  ],
  ['metric-duplicate-name', { ...CONTRACT, metrics: [...CONTRACT.metrics, NET_REVENUE] }, '/metrics/5/name', 'metric net_revenue is defined twice (first at /metrics/0)'],
  ['metric-invalid-expression', withMetric({ expression: 'amount - ' }), '/metrics/0/expression', "metric net_revenue expression: expected a value after '-' at column 10"],
  ['metric-invalid-expression', withMetric({ filter: "status in ('paid')" }), '/metrics/0/filter', "metric net_revenue filter: expected '[' to start the list after 'in' at column 11"],
  ['metric-unknown-field', withMetric({ expression: 'amount - refund_amount' }), '/metrics/0/expression', "unknown field 'refund_amount' at column 10: did you mean 'refunded_amount'?"],
  ['metric-unknown-field', withMetric({ filter: "state = 'paid'" }), '/metrics/0/filter', "metric net_revenue filter: unknown field 'state' at column 1"],
  ['metric-type-mismatch', withMetric({ expression: 'status' }), '/metrics/0/expression', 'sum cannot aggregate a string'],
  ['metric-type-mismatch', withMetric({ filter: 'amount' }), '/metrics/0/filter', 'a filter must be a condition'],
  ['metric-type-mismatch', withMetric({ expression: "amount + 'x'" }), '/metrics/0/expression', "'+' needs a number, but 'x' at column 10 is a string"],
  ['metric-missing-aggregation', withMetric({ aggregation: undefined }), '/metrics/0', 'metric net_revenue is simple but has no aggregation'],
  ['metric-missing-expression', withMetric({ expression: undefined }), '/metrics/0', 'metric net_revenue has no expression: add the value to sum'],
  [
    'metric-missing-expression',
    { ...CONTRACT, metrics: [{ name: 'share', type: 'ratio', numerator: 'amount' }] },
    '/metrics/0',
    'ratio metric share has no denominator',
  ],
  ['metric-unknown-field', { ...CONTRACT, metrics: [...CONTRACT.metrics, { name: 'r', type: 'ratio', numerator: 'net_revenue', denominator: 'visits' }] }, '/metrics/5/denominator', "unknown field 'visits'"],
  ['metric-type-mismatch', { ...CONTRACT, metrics: [...CONTRACT.metrics, { name: 'r', type: 'ratio', numerator: 'status', denominator: 'orders' }] }, '/metrics/5/numerator', "metric r numerator must be a number, but 'status' is a string"],
  ['metric-self-reference', { ...CONTRACT, metrics: [...CONTRACT.metrics, { name: 'loop', type: 'derived', expression: 'loop + 1' }] }, '/metrics/5/expression', 'refers to metric loop itself'],
  ['metric-unknown-dimension', withMetric({ dimensions: ['currency', 'chanel'] }), '/metrics/0/dimensions/1', "metric net_revenue dimension 'chanel' is not a field: did you mean 'channel'?"],
  ['metric-duplicate-dimension', withMetric({ dimensions: ['currency', 'currency'] }), '/metrics/0/dimensions/1', 'lists dimension currency twice'],
  ['metric-invalid-window', { ...CONTRACT, metrics: [{ ...CONTRACT.metrics[4]!, window: '30 days' }] }, '/metrics/0/window', 'metric revenue_30d window "30 days" is not a duration'],
  ['metric-invalid-window', { ...CONTRACT, metrics: [{ ...CONTRACT.metrics[4]!, window: '3651d' }] }, '/metrics/0/window', 'is not a duration'],
  ['metric-window-ignored', withMetric({ window: '7d' }), '/metrics/0/window', 'metric net_revenue is simple, so its window means nothing'],
  ['metric-invalid-grain', withMetric({ grain: 'daily' }), '/metrics/0/grain', 'grain "daily" is not a grain: use one of minute, hour, day'],
  ['metric-invalid-reference', withMetric({ references: 'finance/revenue' }), '/metrics/0/references', 'write namespace.name#metric'],
  ['feature-invalid-name', withFeature({ name: '30d_count' }), '/features/0/name', 'feature name "30d_count" is not snake_case'],
  ['feature-duplicate-name', { ...CONTRACT, features: [ORDER_COUNT, ORDER_COUNT] }, '/features/1/name', 'feature customer_order_count_30d is defined twice'],
  ['feature-unknown-field', withFeature({ entity: 'customer_id' }), '/features/0/entity', "feature customer_order_count_30d entity 'customer_id' is not a field: did you mean 'customer.id'?"],
  ['feature-unknown-field', withFeature({}, { fields: ['order_id', 'order_no'] }), '/features/0/source/fields/1', "source field 'order_no' is not a field"],
  ['feature-unknown-field', withFeature({}, { filter: 'amout > 0' }), '/features/0/source/filter', "feature customer_order_count_30d source.filter: unknown field 'amout'"],
  ['feature-invalid-expression', withFeature({}, { filter: 'amount >' }), '/features/0/source/filter', "expected a value after '>' at column 9"],
  ['feature-type-mismatch', withFeature({}, { filter: 'amount' }), '/features/0/source/filter', 'a filter must be a condition'],
  ['feature-type-mismatch', withFeature({ dtype: 'float64' }, { fields: ['status'], aggregation: 'sum' }), '/features/0/source/aggregation', "applies sum to 'status', which is a string"],
  ['feature-dtype-mismatch', withFeature({ dtype: 'string' }), '/features/0/dtype', 'is declared string, but its source gives a number'],
  ['feature-dtype-mismatch', withFeature({ dtype: 'bool' }, { fields: ['status'], aggregation: 'latest' }), '/features/0/dtype', 'is declared bool, but its source gives a string'],
  ['feature-invalid-duration', withFeature({ freshness: 'hourly' }), '/features/0/freshness', 'feature customer_order_count_30d freshness "hourly" is not a duration: write a whole number and a unit'],
  ['feature-invalid-duration', withFeature({ ttl: '0d' }), '/features/0/ttl', 'ttl "0d" is not a duration'],
  ['feature-invalid-duration', withFeature({}, { window: '1 month' }), '/features/0/source/window', 'source.window "1 month" is not a duration'],
  ['sla-unknown-field', withSla({ freshness: { field: 'created', max_age: '15m' } }), '/sla/freshness/field', "sla freshness field 'created' is not a field: did you mean 'created_at'?"],
  ['sla-not-timestamp', withSla({ freshness: { field: 'order_id', max_age: '15m' } }), '/sla/freshness/field', 'declare it as type string with format date-time'],
  ['sla-invalid-duration', withSla({ freshness: { field: 'created_at', max_age: 'PT15M' } }), '/sla/freshness/max_age', 'sla freshness max_age "PT15M" is not a duration'],
  ['sla-invalid-duration', withSla({ volume: { min: 1, per: 'daily' } }), '/sla/volume/per', 'sla volume per "daily" is not a period'],
  ['sla-invalid-volume', withSla({ volume: { min: 10, max: 5, per: 'day' } }), '/sla/volume', 'sla volume min 10 is above max 5'],
  ['sla-invalid-volume', withSla({ volume: { min: -1, per: 'day' } }), '/sla/volume/min', 'a record count cannot be negative'],
  [
    'schema-monotonic-unordered',
    withField('channel', { type: 'string', 'x-concord-monotonic': true }),
    '/schema/properties/channel/x-concord-monotonic',
    "field 'channel' is marked x-concord-monotonic but is declared as a string, so drift cannot tell whether its values grow and ignores the mark: declare it as type integer or number",
  ],
  [
    'schema-monotonic-unordered',
    withField('customer', { type: 'object', properties: { id: { type: 'boolean', 'x-concord-monotonic': true } } }),
    '/schema/properties/customer/properties/id/x-concord-monotonic',
    "field 'customer.id' is marked x-concord-monotonic but is declared as a condition (true/false)",
  ],
];

describe('lintSemantics', () => {
  test('the reference contract is clean', () => {
    expect(lintSemantics(CONTRACT)).toEqual([]);
  });

  test.each(CASES.map(([rule, contract, path, message]) => [rule, path, message, contract] as const))('%s at %s: %s', (rule, path, message, contract) => {
    const problems = lintSemantics(contract);
    const matching = problems.filter((problem) => problem.rule === rule);
    expect(matching).toHaveLength(1);
    expect(matching[0]).toMatchObject({ path, severity: SEMANTIC_LINT_RULES.find((spec) => spec.id === rule)!.severity });
    expect(matching[0]!.message).toContain(message);
    expect(matching[0]).not.toHaveProperty('line');
  });

  test('every rule in the table has a case that triggers it', () => {
    const covered = new Set(CASES.map(([rule]) => rule));
    expect(SEMANTIC_LINT_RULES.map((rule) => rule.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  test.each([
    ['a name at the length limit', { ...CONTRACT, metrics: [...CONTRACT.metrics, { name: 'x'.repeat(MAX_DEFINITION_NAME_LENGTH), type: 'simple', aggregation: 'count' }] } as Contract],
    ['a count metric without an expression', { ...CONTRACT, metrics: [{ name: 'orders', type: 'simple', aggregation: 'count' }] } as Contract],
    ['a derived metric over fields and metrics', { ...CONTRACT, metrics: [...CONTRACT.metrics, { name: 'd', type: 'derived', expression: 'orders * 2 + amount' }] } as Contract],
    ['a date-time SLA field with a week volume', withSla({ freshness: { field: 'created_at', max_age: '2w' }, volume: { min: 0, per: '7d' } })],
    ['a timestamp feature from a date-time field', withFeature({ dtype: 'timestamp' }, { fields: ['created_at'], aggregation: 'max' })],
    ['an embedding feature', withFeature({ dtype: 'embedding' }, { fields: ['amount', 'refunded_amount'], aggregation: 'latest' })],
    ['no SLA at all', withSla(undefined)],
    ['a monotonic integer id', withField('order_id', { type: 'integer', 'x-concord-monotonic': true })],
    ['a monotonic nullable number', withField('amount', { type: ['number', 'null'], 'x-concord-monotonic': true })],
    ['a monotonic date-time', withField('created_at', { type: 'string', format: 'date-time', 'x-concord-monotonic': true })],
    ['a monotonic date', withField('created_at', { type: 'string', format: 'date', 'x-concord-monotonic': true })],
    ['a string marked not monotonic', withField('channel', { type: 'string', 'x-concord-monotonic': false })],
  ])('%s is clean', (_label, contract) => {
    expect(lintSemantics(contract)).toEqual([]);
  });

  test('when the schema is too large, field checks are skipped but parsing still is checked', () => {
    const contract: Contract = {
      ...withMetric({ expression: 'amount -' }),
      schema: { properties: Object.fromEntries(Array.from({ length: MAX_SCHEMA_NODES_VISITED }, (_, i) => [`f${i}`, {}])) },
    };
    expect(lintSemantics(contract).map((problem) => problem.rule)).toEqual(['schema-too-large', 'metric-invalid-expression']);
  });
});
