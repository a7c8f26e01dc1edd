import type { Contract } from '../../../contracts/index.js';
import type { ReadIssueKind } from '../../../checker/model.js';
import { cleanOrders, NOW, type OrderRecord } from './orders-feed.js';

/** Records a drift case starts from: enough for stable rates, few enough to run every case quickly. */
export const CASE_RECORDS = 2_000;

export interface DriftCase {
  readonly name: string;
  /** Changes the clean records in place; `next` is seeded, so every run sees the same feed. */
  readonly mutate: (records: OrderRecord[], next: () => number) => void;
  /** Changes the contract the feed is checked against, when the case needs another one. */
  readonly contract?: (contract: Contract) => Contract;
  /** Whether the run gets a baseline profile from a clean feed of another seed. */
  readonly baseline?: boolean;
  /** Changes that baseline feed in place (it is then profiled against the case's contract), when the case needs its own. */
  readonly mutateBaseline?: (records: OrderRecord[]) => void;
  readonly read?: number;
  /** Read issues of the run by kind, for the read-health rules. */
  readonly readIssues?: Readonly<Partial<Record<ReadIssueKind, number>>>;
  readonly wholeFeedRead?: boolean;
  readonly now?: Date;
  /** Every drift finding expected, as `rule severity path`, in the order detectDrift returns them. */
  readonly expected: readonly string[];
}

function some(records: OrderRecord[], next: () => number, share: number, change: (record: OrderRecord) => void): void {
  for (const record of records) if (next() < share) change(record);
}

function schemaWith(contract: Contract, patch: Record<string, unknown>): Contract {
  return { ...contract, schema: { ...(contract.schema as Record<string, unknown>), ...patch } };
}

/** The contract with `order_id` an integer sequence declared monotonic, as an auto-increment key is. */
export function withSequentialOrderIds(contract: Contract): Contract {
  const schema = contract.schema as { properties: Record<string, unknown> };
  return schemaWith(contract, { properties: { ...schema.properties, order_id: { type: 'integer', minimum: 1, 'x-concord-monotonic': true } } });
}

/** Numbers the records' order ids from `first` on, in feed order. */
export function numberOrders(records: OrderRecord[], first: number): void {
  records.forEach((record, index) => (record['order_id'] = first + index));
}

export function cleanFeed(seed = 7): OrderRecord[] {
  return cleanOrders(CASE_RECORDS, seed);
}

export const HOUR_LATER = new Date(NOW.getTime() + 3_600_000);

export const DRIFT_CASES: readonly DriftCase[] = [
  {
    name: 'an undeclared field on the open record',
    mutate: (records, next) => some(records, next, 0.3, (record) => (record['coupon_code'] = 'WINTER10')),
    expected: ['undeclared-field warning /properties/coupon_code'],
  },
  {
    name: 'an undeclared field on a closed record',
    contract: (contract) => schemaWith(contract, { additionalProperties: false }),
    mutate: (records, next) => some(records, next, 0.3, (record) => (record['coupon_code'] = 'WINTER10')),
    expected: ['undeclared-field breaking /properties/coupon_code'],
  },
  {
    name: 'a required field renamed',
    mutate: (records) => {
      for (const record of records) {
        record['sales_channel'] = record['channel'];
        delete record['channel'];
      }
    },
    expected: ['field-likely-renamed breaking /properties/channel'],
  },
  {
    name: 'an optional field renamed, judged against a baseline',
    baseline: true,
    mutate: (records) => {
      for (const record of records) {
        if (!('refunded_amount' in record)) continue;
        record['refund_amount'] = record['refunded_amount'];
        delete record['refunded_amount'];
      }
    },
    expected: ['metric-not-computable breaking /metrics/net_revenue/expression', 'field-likely-renamed warning /properties/refunded_amount'],
  },
  {
    name: 'a required field missing from some records',
    mutate: (records, next) => some(records, next, 0.1, (record) => delete record['customer_id']),
    expected: ['required-field-missing breaking /properties/customer_id'],
  },
  {
    name: 'a required field missing from every record',
    mutate: (records) => records.forEach((record) => delete record['currency']),
    expected: ['required-field-missing breaking /properties/currency'],
  },
  {
    name: 'an optional field never present',
    mutate: (records) => records.forEach((record) => delete record['items']),
    expected: ['optional-field-never-present info /properties/items'],
  },
  {
    name: 'an optional field the baseline saw, never present now',
    baseline: true,
    mutate: (records) => records.forEach((record) => delete record['items']),
    expected: ['optional-field-never-present warning /properties/items'],
  },
  {
    name: 'numbers arriving as strings',
    mutate: (records, next) => some(records, next, 0.4, (record) => (record['amount'] = (record['amount'] as number).toFixed(2))),
    expected: ['field-type-changed breaking /properties/amount', 'metric-not-computable breaking /metrics/net_revenue/expression'],
  },
  {
    name: 'dates arriving as epoch milliseconds',
    mutate: (records) => records.forEach((record) => (record['created_at'] = Date.parse(record['created_at'] as string))),
    expected: ['date-as-epoch breaking /properties/created_at'],
  },
  {
    name: 'an enum value outside the contract',
    mutate: (records, next) => some(records, next, 0.05, (record) => (record['status'] = 'refunded')),
    expected: ['enum-value-unexpected breaking /properties/status'],
  },
  {
    name: 'null where the schema forbids it',
    mutate: (records, next) => some(records, next, 0.05, (record) => (record['customer_id'] = null)),
    expected: ['null-not-allowed breaking /properties/customer_id'],
  },
  {
    name: 'a null-or-missing rate jump against the baseline',
    baseline: true,
    mutate: (records, next) => some(records, next, 0.9, (record) => delete record['refunded_amount']),
    expected: ['null-rate-jump warning /properties/refunded_amount'],
  },
  {
    name: 'a format violation',
    mutate: (records, next) => some(records, next, 0.1, (record) => (record['created_at'] = '20/11/2026 11:59')),
    expected: ['format-mismatch breaking /properties/created_at'],
  },
  {
    name: 'a pattern violation',
    mutate: (records, next) => some(records, next, 0.1, (record) => (record['currency'] = 'eur')),
    expected: ['pattern-mismatch breaking /properties/currency'],
  },
  {
    name: 'a minimum breached',
    mutate: (records, next) => some(records, next, 0.05, (record) => (record['amount'] = -1)),
    expected: ['constraint-breach breaking /properties/amount'],
  },
  {
    name: 'a minimum breached inside array items',
    mutate: (records, next) => some(records, next, 0.05, (record) => ((record['items'] as { quantity: number }[])[0]!.quantity = 0)),
    expected: ['constraint-breach breaking /properties/items/items/properties/quantity'],
  },
  {
    name: 'a categorical distribution shift against the baseline',
    baseline: true,
    mutate: (records, next) => some(records, next, 0.8, (record) => (record['channel'] = 'store')),
    expected: ['categorical-shift breaking /properties/channel'],
  },
  {
    name: 'a numeric distribution shift against the baseline (cents instead of euros)',
    baseline: true,
    mutate: (records) =>
      records.forEach((record) => {
        record['amount'] = Math.round((record['amount'] as number) * 100);
        if ('refunded_amount' in record) record['refunded_amount'] = Math.round((record['refunded_amount'] as number) * 100);
      }),
    // refunded_amount shifts too, but its 400-odd values are under the 500 a comparison needs.
    expected: ['numeric-shift breaking /properties/amount'],
  },
  {
    name: 'a declared-monotonic order id sequence restarted since the baseline',
    baseline: true,
    contract: withSequentialOrderIds,
    mutateBaseline: (records) => numberOrders(records, 5_000_001),
    mutate: (records) => numberOrders(records, 1),
    expected: ['monotonic-regressed breaking /properties/order_id'],
  },
  {
    name: 'a value the schema forbids with `not`',
    contract: (contract) => {
      const schema = contract.schema as { properties: Record<string, unknown> };
      return schemaWith(contract, { properties: { ...schema.properties, customer_id: { type: 'string', not: { const: 'cus_000000000000' } } } });
    },
    mutate: (records, next) => some(records, next, 0.05, (record) => (record['customer_id'] = 'cus_000000000000')),
    expected: ['schema-drift breaking /properties/customer_id'],
  },
  {
    name: 'a field present where the schema allows none',
    contract: (contract) => {
      const schema = contract.schema as { properties: Record<string, unknown> };
      return schemaWith(contract, { properties: { ...schema.properties, legacy_flag: false } });
    },
    mutate: (records, next) => some(records, next, 0.05, (record) => (record['legacy_flag'] = true)),
    expected: ['schema-drift breaking /properties/legacy_flag'],
  },
  {
    name: 'a volume below the SLA minimum when the whole feed was read',
    mutate: (records) => records.splice(500),
    wholeFeedRead: true,
    expected: ['volume-below-sla breaking /sla/volume/min'],
  },
  {
    name: 'a volume above the SLA maximum when the whole feed was read',
    contract: (contract) => ({ ...contract, sla: { ...contract.sla!, volume: { min: 10, max: 1_500, per: 'day' } } }),
    mutate: () => undefined,
    wholeFeedRead: true,
    expected: ['volume-above-sla warning /sla/volume/max'],
  },
  {
    name: 'a stale feed',
    mutate: () => undefined,
    now: HOUR_LATER,
    expected: ['freshness-breached breaking /sla/freshness'],
  },
  {
    name: 'a metric whose field is missing from every record',
    mutate: (records) => records.forEach((record) => delete record['refunded_amount']),
    expected: ['metric-not-computable breaking /metrics/net_revenue/expression', 'optional-field-never-present info /properties/refunded_amount'],
  },
  {
    name: 'no record readable at all',
    mutate: (records) => records.splice(0),
    readIssues: { malformed: 40, decode: 2 },
    read: 0,
    expected: ['no-records-analysed breaking /', 'freshness-breached breaking /sla/freshness'],
  },
  {
    name: 'an unreadable share between the warning and the breaking threshold',
    mutate: () => undefined,
    // 60 of 2,060 units: 2.9%.
    readIssues: { malformed: 50, oversized: 10 },
    expected: ['feed-unreadable warning /'],
  },
  {
    name: 'an unreadable share above the breaking threshold',
    mutate: () => undefined,
    readIssues: { decode: 300 },
    expected: ['feed-unreadable breaking /'],
  },
  {
    name: 'an unreadable share at or below the warning threshold, only counted',
    mutate: () => undefined,
    // 10 of 2,010 units: 0.5%.
    readIssues: { malformed: 10, retry: 500 },
    expected: [],
  },
  {
    name: 'a document that broke off before its end',
    mutate: () => undefined,
    readIssues: { truncated: 1 },
    expected: ['feed-truncated breaking /'],
  },
];

