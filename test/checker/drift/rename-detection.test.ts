import { beforeAll, describe, expect, test } from 'vitest';
import type { Contract } from '../../../contracts/index.js';
import { detectDrift } from '../../../checker/drift/index.js';
import { DEFAULT_RENAME_MAX_PRESENCE } from '../../../checker/drift/drift-thresholds.js';
import { analyze, cleanOrders, NOW, ordersContract } from './orders-feed.js';

const RECORDS = 2_000;

let orders: Contract;

beforeAll(async () => {
  orders = await ordersContract();
});

/** Renames `from` to `to` in all but `keep` records. */
function renamed(from: string, to: string, keep: number, contract = orders): string[] {
  const records = cleanOrders(RECORDS, 31);
  records.forEach((record, index) => {
    if (index < keep) return;
    record[to] = record[from];
    delete record[from];
  });
  const analysis = analyze(contract, records);
  return detectDrift({ contract, profile: analysis.profile, violations: analysis.violations, sample: records, read: RECORDS, wholeFeedRead: false, now: NOW })
    .filter((finding) => finding.rule !== 'metric-not-computable')
    .map((finding) => `${finding.rule} ${finding.field}`);
}

describe('likely renames', () => {
  const atLimit = Math.round(RECORDS * DEFAULT_RENAME_MAX_PRESENCE);

  test(`a declared field still present in ${DEFAULT_RENAME_MAX_PRESENCE * 100}% of records counts as renamed`, () => {
    expect(renamed('channel', 'sales_channel', atLimit)).toEqual(['field-likely-renamed channel']);
  });

  test('one record more, and it is a field missing from many records next to a new one', () => {
    expect(renamed('channel', 'sales_channel', atLimit + 1)).toEqual(['required-field-missing channel', 'undeclared-field sales_channel']);
  });

  test('a new field of another type is no rename', () => {
    const records = cleanOrders(RECORDS, 31).map(({ channel: _channel, ...rest }) => ({ ...rest, sales_channel: 3 }));
    const analysis = analyze(orders, records);
    const rules = detectDrift({ contract: orders, profile: analysis.profile, violations: analysis.violations, sample: records, read: RECORDS, wholeFeedRead: false, now: NOW }).map(
      (finding) => `${finding.rule} ${finding.field}`,
    );
    expect(rules).toEqual(['required-field-missing channel', 'undeclared-field sales_channel']);
  });

  test('without a signal, two gone fields and two new fields of one type are not paired by guesswork', () => {
    const records = cleanOrders(RECORDS, 31).map(({ order_id, customer_id, ...rest }) => ({ ...rest, ref_a: order_id, ref_b: customer_id }));
    const analysis = analyze(orders, records);
    const rules = detectDrift({ contract: orders, profile: analysis.profile, violations: analysis.violations, sample: records, read: RECORDS, wholeFeedRead: false, now: NOW }).map(
      (finding) => `${finding.rule} ${finding.field}`,
    );
    expect(rules.filter((rule) => rule.startsWith('field-likely-renamed'))).toEqual([]);
    expect(rules).toContain('required-field-missing order_id');
    expect(rules).toContain('undeclared-field ref_b');
  });

  test('similar names pair up two renames in one object', () => {
    const records = cleanOrders(RECORDS, 31).map(({ order_id, customer_id, ...rest }) => ({ ...rest, orderId: order_id, customerId: customer_id }));
    const analysis = analyze(orders, records);
    const findings = detectDrift({ contract: orders, profile: analysis.profile, violations: analysis.violations, sample: records, read: RECORDS, wholeFeedRead: false, now: NOW });
    expect(findings.map((finding) => `${finding.rule} ${finding.field} ${String(finding.after)}`)).toEqual([
      'field-likely-renamed order_id orderId',
      'field-likely-renamed customer_id customerId',
    ]);
  });
});
