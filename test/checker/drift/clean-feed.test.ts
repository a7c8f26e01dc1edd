import { beforeAll, describe, expect, test } from 'vitest';
import type { Contract } from '../../../contracts/index.js';
import { detectDrift, verdictOf } from '../../../checker/drift/index.js';
import type { Analysis } from '../../../checker/analysis/index.js';
import { analyze, cleanOrders, NOW, ordersContract, type OrderRecord } from './orders-feed.js';

/** The bar for "no false alarms": a clean feed of this many records passes without a single finding. */
const CLEAN_RECORDS = 100_000;

describe(`a clean feed of ${CLEAN_RECORDS} orders`, () => {
  let contract: Contract;
  let records: OrderRecord[];
  let run: Analysis;
  let baseline: Analysis;

  beforeAll(async () => {
    contract = await ordersContract();
    records = cleanOrders(CLEAN_RECORDS, 1);
    run = analyze(contract, records);
    baseline = analyze(contract, cleanOrders(CLEAN_RECORDS, 2));
  }, 120_000);

  test('has no violations to begin with (the generator matches the contract)', () => {
    expect(run.violations).toEqual([]);
    expect(run.profile.records).toBe(CLEAN_RECORDS);
  });

  test('gives no drift finding at all without a baseline', () => {
    const findings = detectDrift({ contract, profile: run.profile, violations: run.violations, sample: records, read: records.length, wholeFeedRead: true, now: NOW });
    expect(findings).toEqual([]);
    expect(verdictOf([...run.violations, ...findings])).toBe('pass');
  });

  test('gives no drift finding at all against a baseline from another clean sample with a different seed', () => {
    const findings = detectDrift({
      contract,
      profile: run.profile,
      violations: run.violations,
      sample: records,
      read: records.length,
      wholeFeedRead: true,
      baseline: baseline.profile,
      now: NOW,
    });
    expect(findings).toEqual([]);
  });
});
