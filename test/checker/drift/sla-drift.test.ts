import { beforeAll, describe, expect, test } from 'vitest';
import type { Contract } from '../../../contracts/index.js';
import { detectDrift } from '../../../checker/drift/index.js';
import { analyze, cleanOrders, NOW, ordersContract, type OrderRecord } from './orders-feed.js';

let orders: Contract;

beforeAll(async () => {
  orders = await ordersContract();
});

function check(records: OrderRecord[], options: { wholeFeedRead?: boolean; now?: Date; contract?: Contract } = {}): string[] {
  const contract = options.contract ?? orders;
  const analysis = analyze(contract, records);
  return detectDrift({
    contract,
    profile: analysis.profile,
    violations: analysis.violations,
    sample: records,
    read: records.length,
    wholeFeedRead: options.wholeFeedRead ?? true,
    now: options.now ?? NOW,
  }).map((finding) => `${finding.rule} ${finding.path}`);
}

describe('volume (sla.volume: min 1000 per day)', () => {
  test.each([
    [1_000, true, []],
    [999, true, ['volume-below-sla /sla/volume/min']],
    [999, false, []],
  ])('%i records, whole feed read %s', (count, wholeFeedRead, expected) => {
    expect(check(cleanOrders(count, 11), { wholeFeedRead })).toEqual(expected);
  });

  test.each([
    [1_200, []],
    [1_201, ['volume-above-sla /sla/volume/max']],
  ])('%i records against a max of 1200', (count, expected) => {
    const capped: Contract = { ...orders, sla: { ...orders.sla, volume: { max: 1_200, per: '24h' } } };
    expect(check(cleanOrders(count, 11), { contract: capped })).toEqual(expected);
  });
});

describe('freshness (sla.freshness: created_at, max age 15m)', () => {
  function newestAt(offsetMs: number): OrderRecord[] {
    const records = cleanOrders(1_000, 12).map((record) => ({ ...record, created_at: new Date(NOW.getTime() - 3_600_000).toISOString() }));
    records[500]!['created_at'] = new Date(NOW.getTime() - offsetMs).toISOString();
    return records;
  }

  test.each([
    ['exactly 15 minutes old', 15 * 60_000, []],
    ['one second older than that', 15 * 60_000 + 1_000, ['freshness-breached /sla/freshness']],
    ['in the future', -60_000, []],
  ])('the newest record %s', (_name, offset, expected) => {
    expect(check(newestAt(offset))).toEqual(expected);
  });

  test('an empty feed breaches freshness (and volume, when it was read whole), besides analysing no record', () => {
    expect(check([])).toEqual(['no-records-analysed /', 'volume-below-sla /sla/volume/min', 'freshness-breached /sla/freshness']);
  });

  test('records without the freshness field breach it, naming the field', () => {
    const contract: Contract = { ...orders, sla: { freshness: { field: 'shipped_at', max_age: '1h' } } };
    const records = cleanOrders(1_000, 13);
    const run = analyze(contract, records);
    const findings = detectDrift({ contract, profile: run.profile, violations: run.violations, sample: records, read: 1_000, wholeFeedRead: true, now: NOW });
    expect(findings.map((finding) => finding.rule)).toEqual(['freshness-breached']);
    expect(findings[0]!.message).toContain('shipped_at');
  });

  test('a contract without an SLA has no SLA findings (an empty feed is still not a pass)', () => {
    const { sla: _sla, ...rest } = orders;
    expect(check([], { contract: rest as Contract })).toEqual(['no-records-analysed /']);
  });
});
