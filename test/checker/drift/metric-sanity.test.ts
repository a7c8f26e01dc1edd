import { beforeAll, describe, expect, test } from 'vitest';
import type { Contract, MetricDefinition } from '../../../contracts/index.js';
import { detectMetricDrift } from '../../../checker/drift/metric-sanity.js';
import { cleanOrders, ordersContract, random, type OrderRecord } from './orders-feed.js';

let orders: Contract;

beforeAll(async () => {
  orders = await ordersContract();
});

const REF = { contract: 'commerce.orders', version: '2.1.0' };

function withMetrics(...metrics: MetricDefinition[]): Contract {
  return { ...orders, metrics: [...orders.metrics, ...metrics] };
}

function check(contract: Contract, records: Iterable<unknown>): string[] {
  return detectMetricDrift({ ref: REF, contract, sample: records }).map((finding) => `${finding.path} ${finding.field ?? '-'}`);
}

function feed(change: (record: OrderRecord, next: () => number) => void = () => undefined): OrderRecord[] {
  const next = random(21);
  const records = cleanOrders(1_000, 17);
  for (const record of records) change(record, next);
  return records;
}

describe('metric sanity', () => {
  test('a clean feed computes every metric', () => {
    expect(check(orders, feed())).toEqual([]);
  });

  test.each([
    ['a field the expression reads is missing from every record', (record: OrderRecord) => delete record['refunded_amount'], ['/metrics/net_revenue/expression refunded_amount']],
    ['strings in the arithmetic', (record: OrderRecord, next: () => number) => next() < 0.1 && (record['amount'] = String(record['amount'])), ['/metrics/net_revenue/expression amount']],
    ['a number where the filter compares with strings', (record: OrderRecord) => (record['status'] = 2), ['/metrics/net_revenue/filter status']],
    ['a field the filter reads is missing from every record', (record: OrderRecord) => delete record['status'], ['/metrics/net_revenue/filter status']],
  ])('%s', (_name, change, expected) => {
    expect(check(orders, feed(change))).toEqual(expected);
  });

  test('strings never reached by the filter do not count', () => {
    const records = feed((record) => {
      if (record['status'] === 'cancelled') record['amount'] = String(record['amount']);
    });
    expect(check(orders, records)).toEqual([]);
  });

  test('a sum over a field that arrives as strings cannot be computed, a count over it can', () => {
    const contract = withMetrics(
      { name: 'gross_revenue', type: 'simple', aggregation: 'sum', expression: 'amount' },
      { name: 'amounts_seen', type: 'simple', aggregation: 'count', expression: 'amount' },
    );
    const findings = detectMetricDrift({ ref: REF, contract, sample: feed((record) => (record['amount'] = String(record['amount']))) });
    expect(findings.map((finding) => `${finding.path} ${finding.field ?? '-'}`)).toEqual([
      '/metrics/net_revenue/expression amount',
      '/metrics/gross_revenue/expression amount',
    ]);
    expect(findings[1]!.message).toContain('gives a string where aggregation sum needs a number');
    expect(findings[1]!.message).toContain('100% of the records');
  });

  test('parts that name other metrics, or read array items, are not evaluated', () => {
    const contract = withMetrics(
      { name: 'refund_ratio', type: 'ratio', numerator: 'net_revenue', denominator: 'amount' },
      { name: 'net_after_fees', type: 'derived', expression: 'net_revenue * 0.97' },
      { name: 'units', type: 'simple', aggregation: 'sum', expression: 'items[].quantity' },
    );
    expect(check(contract, feed((record) => delete record['items']))).toEqual([]);
    expect(check(contract, feed((record) => (record['amount'] = 'n/a')))).toEqual([
      '/metrics/net_revenue/expression amount',
      '/metrics/refund_ratio/denominator amount',
    ]);
  });

  test('an empty sample gives no findings', () => {
    expect(check(orders, [])).toEqual([]);
  });

  test('the sample is read once, so a generator of records works', () => {
    const records = feed((record) => delete record['refunded_amount']);
    function* once(): Generator<unknown> {
      yield* records;
    }
    expect(check(orders, once())).toEqual(check(orders, records));
  });

  test('one finding per metric part and field, with a fingerprint that ignores the counts', () => {
    const a = detectMetricDrift({ ref: REF, contract: orders, sample: feed((record, next) => next() < 0.1 && (record['amount'] = 'x')) });
    const b = detectMetricDrift({ ref: REF, contract: orders, sample: feed((record, next) => next() < 0.5 && (record['amount'] = 'x')) });
    expect(a.map((finding) => finding.fingerprint)).toEqual(b.map((finding) => finding.fingerprint));
    expect(a[0]!.message).not.toEqual(b[0]!.message);
  });
});
