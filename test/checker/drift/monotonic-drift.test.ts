import { beforeAll, describe, expect, test } from 'vitest';
import { loadContractText, type Contract } from '../../../contracts/index.js';
import { detectDrift } from '../../../checker/drift/index.js';
import { DEFAULT_DRIFT_THRESHOLDS, MONOTONIC_BREAKING_SHARE, MONOTONIC_REGRESSED_SHARE } from '../../../checker/drift/drift-thresholds.js';
import { detectStatisticalDrift } from '../../../checker/drift/statistical-drift.js';
import type { CheckFinding, FeedProfile, FieldProfile, NumericProfile, Sampler } from '../../../checker/model.js';
import { createHeadSampler, createReservoirSampler } from '../../../checker/sampling/index.js';
import { CASE_RECORDS, numberOrders, withSequentialOrderIds } from './drift-cases.js';
import { analyze, cleanOrders, NOW, ordersContract, type OrderRecord } from './orders-feed.js';

// Fields whose values only grow, through the real analyzer, samplers and detectDrift.

let orders: Contract;

beforeAll(async () => {
  orders = await ordersContract();
});

type Patch = (contract: Contract) => Contract;

/** The contract with extra record properties declared. */
function declaring(properties: Record<string, unknown>): Patch {
  return (contract) => {
    const schema = contract.schema as { properties: Record<string, unknown> };
    return { ...contract, schema: { ...schema, properties: { ...schema.properties, ...properties } } };
  };
}

/** The contract with `order_id` an integer sequence, declared monotonic or not. */
function sequential(monotonic: boolean): Patch {
  return (contract) => {
    const declared = withSequentialOrderIds(contract);
    if (monotonic) return declared;
    return declaring({ order_id: { type: 'integer', minimum: 1 } })(declared);
  };
}

/** Every drift finding of a run of `contract` against the baseline records. */
function findings(contract: Contract, baselineRecords: readonly OrderRecord[], runRecords: readonly OrderRecord[]): CheckFinding[] {
  const run = analyze(contract, runRecords);
  return detectDrift({
    contract,
    profile: run.profile,
    violations: run.violations,
    sample: runRecords,
    read: runRecords.length,
    wholeFeedRead: false,
    now: NOW,
    baseline: analyze(contract, baselineRecords).profile,
  });
}

/** `rule severity path` of every drift finding of a run against the baseline records. */
function drift(patch: Patch, baselineRecords: readonly OrderRecord[], runRecords: readonly OrderRecord[]): string[] {
  return findings(patch(orders), baselineRecords, runRecords).map((finding) => `${finding.rule} ${finding.severity} ${finding.path}`);
}

type Change = (record: OrderRecord, index: number) => void;

/** Clean orders with each record changed by `change`. */
function changed(seed: number, change: Change): OrderRecord[] {
  const records = cleanOrders(CASE_RECORDS, seed);
  records.forEach(change);
  return records;
}

/** Clean orders whose order ids count up from `first`, with each record changed by `change`. */
function feed(seed: number, first: number, change: Change = () => undefined): OrderRecord[] {
  return changed(seed, (record, index) => {
    record['order_id'] = first + index;
    change(record, index);
  });
}

const DAY_SECONDS = 86_400;
const EPOCH = 1_795_000_000;

describe('an order id sequence that grows by 1,000,000 between the baseline and the run', () => {
  test.each([
    ['without the annotation it is a numeric shift', false, ['numeric-shift breaking /properties/order_id']],
    ['declared x-concord-monotonic it is what the field should do', true, []],
  ])('%s', (_name, monotonic, expected) => {
    expect(drift(sequential(monotonic), feed(3, 4_000_001), feed(7, 5_000_001))).toEqual(expected);
  });
});

describe('a declared-monotonic field going backwards is monotonic-regressed', () => {
  test.each([
    ['the sequence restarted at 1', feed(7, 1), ['monotonic-regressed breaking /properties/order_id']],
    ['the run replays an older stretch of the sequence', feed(7, 3_000_001), ['monotonic-regressed breaking /properties/order_id']],
    ['the run re-reads the baseline records themselves', feed(3, 4_000_001), []],
    [
      'a tenth of the run is a backfill of old orders',
      feed(7, 5_000_001, (record, index) => {
        if (index % 10 === 0) record['order_id'] = 1_000 + index;
      }),
      ['monotonic-regressed warning /properties/order_id'],
    ],
    [
      'a handful of late records below the baseline are no reset',
      feed(7, 5_000_001, (record, index) => {
        if (index % 500 === 0) record['order_id'] = 1_000 + index;
      }),
      [],
    ],
  ])('%s', (_name, run, expected) => {
    expect(drift(sequential(true), feed(3, 4_000_001), run)).toEqual(expected);
  });

  test('and without the annotation the same restart is only a distribution shift', () => {
    expect(drift(sequential(false), feed(3, 4_000_001), feed(7, 1))).toEqual(['numeric-shift breaking /properties/order_id']);
  });

  test('the message names the field, both ranges and what to do', () => {
    const [finding] = findings(sequential(true)(orders), feed(3, 4_000_001), feed(7, 1));
    expect(finding?.message).toBe(
      "commerce.orders 2.1.0: field order_id is declared monotonic (x-concord-monotonic) but went backwards: about 100% of its values are below the baseline's smallest value 4000001 (this run's values span 1 to 2000, the baseline's 4000001 to 4002000), and 100% are below the baseline's largest value, so the feed restarted its sequence or replays old data: check the producer for a sequence or counter that restarted, a restore from backup, or a replay of old data; remove the annotation if the field may legitimately go down.",
    );
    expect(finding?.before).toEqual({ min: 4_000_001, max: 4_002_000 });
  });
});

test('a YAML contract declaring the mark on a $ref definition loads clean and is honoured', async () => {
  const loaded = await loadContractText(`
contract: commerce.events
version: 1.0.0
owner: { name: Dana Fischer, email: dana.fischer@example.com }
schema:
  type: object
  required: [seq]
  properties:
    seq: { $ref: '#/definitions/Sequence' }
  definitions:
    Sequence: { type: integer, minimum: 1, x-concord-monotonic: true }
`);
  expect(loaded.problems).toEqual([]);
  const contract = loaded.contract!;
  const numbered = (first: number): { seq: number }[] => Array.from({ length: CASE_RECORDS }, (_, index) => ({ seq: first + index }));
  const judge = (first: number): string[] => {
    const run = analyze(contract, numbered(first));
    const baseline = analyze(contract, numbered(1_000_001)).profile;
    return detectDrift({ contract, profile: run.profile, violations: run.violations, sample: [], read: CASE_RECORDS, wholeFeedRead: false, now: NOW, baseline }).map(
      (finding) => `${finding.rule} ${finding.severity} ${finding.path}`,
    );
  };
  expect(judge(2_000_001)).toEqual([]);
  expect(judge(1)).toEqual(['monotonic-regressed breaking /properties/seq']);
});

describe('a growing table read whole on every run', () => {
  // The table gains 10,000 orders between runs; every run reads it from the start.
  let before: OrderRecord[];
  let after: OrderRecord[];

  beforeAll(() => {
    after = cleanOrders(110_000, 11);
    numberOrders(after, 1);
    before = after.slice(0, 100_000);
  });

  function sample(sampler: Sampler, table: readonly OrderRecord[]): OrderRecord[] {
    for (const record of table) if (!sampler.offer(record)) break;
    return [...sampler.kept()] as OrderRecord[];
  }

  test('head samples see the same oldest orders on every run: nothing to report', () => {
    expect(drift(sequential(true), sample(createHeadSampler(CASE_RECORDS), before), sample(createHeadSampler(CASE_RECORDS), after))).toEqual([]);
  });

  const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
  const reservoirs = (seed: number): [OrderRecord[], OrderRecord[]] => [sample(createReservoirSampler(CASE_RECORDS, seed), before), sample(createReservoirSampler(CASE_RECORDS, seed + 100), after)];
  const smallest = (records: readonly OrderRecord[]): number => Math.min(...records.map((record) => record['order_id'] as number));

  test.each(SEEDS)('reservoir samples (seed %i) spread over the whole table: no false alarm', (seed) => {
    const [baseline, run] = reservoirs(seed);
    expect(drift(sequential(true), baseline, run)).toEqual([]);
  });

  test('where some reservoir runs dip below the baseline minimum by chance, which a bare minimum check would call a reset', () => {
    const dipping = SEEDS.filter((seed) => {
      const [baseline, run] = reservoirs(seed);
      return smallest(run) < smallest(baseline);
    });
    expect(dipping.length).toBeGreaterThan(0);
  });
});

describe('other kinds of growing fields', () => {
  const epochs = (start: number) => (record: OrderRecord, index: number) => (record['event_time'] = start + index * 30);
  const dates = (date: string) => (record: OrderRecord) => (record['business_date'] = date);

  test.each([
    ['epoch seconds a day later, undeclared order', { event_time: { type: 'integer' } }, epochs(EPOCH), epochs(EPOCH + DAY_SECONDS), ['numeric-shift breaking /properties/event_time']],
    ['epoch seconds a day later, declared', { event_time: { type: 'integer', 'x-concord-monotonic': true } }, epochs(EPOCH), epochs(EPOCH + DAY_SECONDS), []],
    ['epoch seconds a day earlier, declared', { event_time: { type: 'integer', 'x-concord-monotonic': true } }, epochs(EPOCH), epochs(EPOCH - DAY_SECONDS), ['monotonic-regressed breaking /properties/event_time']],
    ["a daily batch's date, undeclared order", { business_date: { type: 'string', format: 'date' } }, dates('2026-11-19'), dates('2026-11-20'), ['categorical-shift breaking /properties/business_date']],
    ["a daily batch's date, declared", { business_date: { type: 'string', format: 'date', 'x-concord-monotonic': true } }, dates('2026-11-19'), dates('2026-11-20'), []],
    ['a batch replaying an old date, declared', { business_date: { type: 'string', format: 'date', 'x-concord-monotonic': true } }, dates('2026-11-19'), dates('2026-10-01'), ['monotonic-regressed breaking /properties/business_date']],
    ['a string marked monotonic keeps its distribution check', { channel: { type: 'string', 'x-concord-monotonic': true } }, () => undefined, (record: OrderRecord) => (record['channel'] = 'store'), ['categorical-shift breaking /properties/channel']],
  ])('%s', (_name, properties, atBaseline, atRun, expected) => {
    expect(drift(declaring(properties), changed(3, atBaseline), changed(7, atRun))).toEqual(expected);
  });
});

describe('the thresholds, one step either side (hand-made quantile summaries)', () => {
  const REF = { contract: 'commerce.orders', version: '2.1.0' };
  const BASELINE: NumericProfile = { min: 1_000, max: 2_000, mean: 1_500, quantiles: { p01: 1_010, p25: 1_250, p50: 1_500, p75: 1_750, p99: 1_990 } };

  function profile(numeric: NumericProfile): FeedProfile {
    const field: FieldProfile = { field: 'seq', declared: true, present: 1_000, presenceRate: 1, nulls: 0, nullRate: 0, types: { integer: 1_000 }, distinct: 1_000, numeric };
    return { records: 1_000, fields: [field], observedSchema: true };
  }

  /** A run whose quantile summary puts p01 at `p01` and p75 at `p75`, spread evenly in between. */
  function run(p01: number, p75: number): NumericProfile {
    return { min: 0, max: p75 + 1_000, mean: p75, quantiles: { p01, p25: p01 + (p75 - p01) / 3, p50: p01 + ((p75 - p01) * 2) / 3, p75, p99: p75 + 900 } };
  }

  test.each([
    [`${MONOTONIC_REGRESSED_SHARE * 100}% below the baseline's minimum is not yet a regression`, run(1_000, 5_000), []],
    ['just over it is a warning while most values are beyond the baseline', run(999, 5_000), ['monotonic-regressed warning']],
    [`${MONOTONIC_BREAKING_SHARE * 100}% below the baseline's maximum is breaking`, run(999, 2_000), ['monotonic-regressed breaking']],
    ['just under that is a warning', run(999, 2_001), ['monotonic-regressed warning']],
  ])('%s', (_name, numeric, expected) => {
    const findings = detectStatisticalDrift({
      ref: REF,
      profile: profile(numeric),
      baseline: profile(BASELINE),
      thresholds: DEFAULT_DRIFT_THRESHOLDS,
      nullReported: new Set(),
      valuesReported: new Set(),
      monotonic: new Map([['seq', 'number']]),
    });
    expect(findings.map((finding) => `${finding.rule} ${finding.severity}`)).toEqual(expected);
  });
});

describe('a numeric shift marks medians that are estimates', () => {
  test.each([
    [1_000, false],
    [5_000, true],
  ])('%i records: median marked ≈ %s', (count, marked) => {
    const records = (first: number): OrderRecord[] =>
      cleanOrders(count, 3).map((record, index) => ({ ...record, order_id: first + index }));
    const [shift] = findings(sequential(false)(orders), records(1), records(4_000_001)).filter((finding) => finding.rule === 'numeric-shift');
    expect(shift?.message).toMatch(marked ? /the median moved from ≈\d+ to ≈\d+/ : /the median moved from \d+ to \d+/);
  });
});
