import { beforeAll, describe, expect, test } from 'vitest';
import type { Contract } from '../../../contracts/index.js';
import { detectDrift, DRIFT_RULES, verdictOf } from '../../../checker/drift/index.js';
import { schemaPointer } from '../../../checker/drift/drift-finding.js';
import type { CheckFinding, FeedProfile } from '../../../checker/model.js';
import { analyze, cleanOrders, NOW, ordersContract, random } from './orders-feed.js';
import { CASE_RECORDS, cleanFeed, DRIFT_CASES, type DriftCase } from './drift-cases.js';

let orders: Contract;
let baseline: FeedProfile;

beforeAll(async () => {
  orders = await ordersContract();
  baseline = analyze(orders, cleanOrders(CASE_RECORDS, 3)).profile;
});

/** The case's own baseline, when it changes the baseline feed; else the shared clean one. */
function baselineOf(driftCase: DriftCase, contract: Contract): FeedProfile {
  if (driftCase.mutateBaseline === undefined) return baseline;
  const records = cleanOrders(CASE_RECORDS, 3);
  driftCase.mutateBaseline(records);
  return analyze(contract, records).profile;
}

function run(driftCase: DriftCase, options: { source?: string } = {}): CheckFinding[] {
  const contract = driftCase.contract !== undefined ? driftCase.contract(orders) : orders;
  const records = cleanFeed();
  driftCase.mutate(records, random(99));
  const analysis = analyze(contract, records);
  return detectDrift({
    contract,
    profile: analysis.profile,
    violations: analysis.violations,
    sample: records,
    read: driftCase.read ?? records.length,
    ...(driftCase.readIssues !== undefined ? { readIssues: driftCase.readIssues } : {}),
    wholeFeedRead: driftCase.wholeFeedRead ?? false,
    now: driftCase.now ?? NOW,
    ...(driftCase.baseline === true ? { baseline: baselineOf(driftCase, contract) } : {}),
    ...options,
  });
}

describe('each kind of drift in a real feed is flagged with its rule, severity and path', () => {
  test.each(DRIFT_CASES.map((driftCase) => [driftCase.name, driftCase] as const))('%s', (_name, driftCase) => {
    const findings = run(driftCase);
    expect(findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.path}`)).toEqual(driftCase.expected);
    for (const finding of findings) {
      expect(finding.message).toMatch(/^commerce\.orders 2\.1\.0: /);
      if (finding.field !== undefined && finding.path.startsWith('/properties')) expect(finding.path).toBe(schemaPointer(finding.field));
      if (finding.field !== undefined) expect(finding.message).toContain(finding.field);
      expect(finding.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  test('every drift rule is exercised by some case', () => {
    const exercised = new Set(DRIFT_CASES.flatMap((driftCase) => driftCase.expected.map((line) => line.split(' ')[0])));
    const untested = DRIFT_RULES.map((rule) => rule.id).filter((id) => !exercised.has(id));
    expect(untested).toEqual([]);
  });
});

describe('messages say what happened and what to do', () => {
  test.each([
    ['numbers arriving as strings', 'field-type-changed', ['numbers arriving as strings', 'fix the producer to send the declared type']],
    ['dates arriving as epoch milliseconds', 'date-as-epoch', ['epoch milliseconds', 'date-time']],
    ['a required field renamed', 'field-likely-renamed', ['channel', 'sales_channel', 'most likely renamed']],
    ['an enum value outside the contract', 'enum-value-unexpected', ['"refunded"']],
    ['a metric whose field is missing from every record', 'metric-not-computable', ['net_revenue', 'refunded_amount', 'missing from all 2000']],
  ])('%s', (name, rule, phrases) => {
    const finding = run(DRIFT_CASES.find((driftCase) => driftCase.name === name)!).find((candidate) => candidate.rule === rule)!;
    for (const phrase of phrases) expect(finding.message).toContain(phrase);
  });
});

describe('fingerprints', () => {
  const stringsCase = DRIFT_CASES.find((driftCase) => driftCase.name === 'numbers arriving as strings')!;

  test('are the same for the same drift at other rates, and never hold counts or values', () => {
    const lighter: DriftCase = {
      ...stringsCase,
      mutate: (records, next) => {
        for (const record of records) if (next() < 0.1) record['amount'] = String(record['amount']);
      },
    };
    const a = run(stringsCase).map((finding) => finding.fingerprint);
    const b = run(lighter).map((finding) => finding.fingerprint);
    expect(b).toEqual(a);
  });

  test('differ per source when a source is given', () => {
    const a = run(stringsCase, { source: 'prod' }).map((finding) => finding.fingerprint);
    const b = run(stringsCase, { source: 'staging' }).map((finding) => finding.fingerprint);
    expect(a).toHaveLength(2);
    expect(a.some((fingerprint) => b.includes(fingerprint))).toBe(false);
  });
});

describe('the verdict', () => {
  test.each([
    [[], 'pass'],
    [['info'], 'pass'],
    [['info', 'warning'], 'warn'],
    [['warning', 'breaking', 'info'], 'breaking'],
  ] as const)('%j gives %s', (severities, verdict) => {
    expect(verdictOf(severities.map((severity) => ({ severity })))).toBe(verdict);
  });

  test('of a real drifted run is breaking, and of an open-model undeclared field only a warning', () => {
    expect(verdictOf(run(DRIFT_CASES.find((driftCase) => driftCase.name === 'a stale feed')!))).toBe('breaking');
    expect(verdictOf(run(DRIFT_CASES[0]!))).toBe('warn');
  });
});

describe('sampled runs', () => {
  test('judge no volume when the feed was not read to its end', () => {
    const volumeCase = DRIFT_CASES.find((driftCase) => driftCase.name.startsWith('a volume below'))!;
    expect(run({ ...volumeCase, wholeFeedRead: false })).toEqual([]);
  });

  test('skip statistical drift without a baseline', () => {
    const shiftCase = DRIFT_CASES.find((driftCase) => driftCase.name.startsWith('a categorical'))!;
    expect(run({ ...shiftCase, baseline: false })).toEqual([]);
  });
});
