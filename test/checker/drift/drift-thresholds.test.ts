import { beforeAll, describe, expect, test } from 'vitest';
import { isConcordError, loadContractText, type Contract } from '../../../contracts/index.js';
import { detectDrift } from '../../../checker/drift/index.js';
import { DEFAULT_DRIFT_THRESHOLDS, resolveThresholds } from '../../../checker/drift/drift-thresholds.js';
import { analyze, cleanOrders, NOW, ordersContract, random } from './orders-feed.js';

const CONTRACT_TEXT = `
contract: commerce.tiny
version: 1.0.0
owner: { name: Dana Fischer, email: dana.fischer@example.com }
schema: { type: object, properties: { status: { type: string } } }
sla:
  volume: { min: 1, per: day }
  x-drift: { psi_warn: 0.2, psi_breaking: 0.4, null_rate_jump: 0.05, min_values_for_shift: 50, rename_max_presence: 0, unreadable_warn: 0.02, unreadable_breaking: 0.5 }
`;

function errorOf(run: () => unknown): { code: string; message: string; pointer?: string } {
  try {
    run();
  } catch (error) {
    if (isConcordError(error)) return { code: error.code, message: error.message, ...(error.detail.pointer !== undefined ? { pointer: error.detail.pointer } : {}) };
    throw error;
  }
  throw new Error('expected a ConcordError');
}

function withBlock(contract: Contract, block: unknown): Contract {
  return { ...contract, sla: { ...contract.sla, 'x-drift': block } };
}

describe('thresholds', () => {
  let tiny: Contract;

  beforeAll(async () => {
    const loaded = await loadContractText(CONTRACT_TEXT);
    expect(loaded.problems).toEqual([]);
    tiny = loaded.contract!;
  });

  test('default to the named constants when the contract and job say nothing', async () => {
    expect(resolveThresholds(await ordersContract())).toEqual(DEFAULT_DRIFT_THRESHOLDS);
  });

  test('come from the contract sla x-drift block, which the contract format accepts as an extension', () => {
    expect(resolveThresholds(tiny)).toEqual({ psiWarn: 0.2, psiBreaking: 0.4, nullRateJump: 0.05, minValuesForShift: 50, renameMaxPresence: 0, unreadableWarn: 0.02, unreadableBreaking: 0.5 });
  });

  test('the job overrides the contract', () => {
    expect(resolveThresholds(tiny, { psiWarn: 0.3, minValuesForShift: 10 })).toMatchObject({ psiWarn: 0.3, psiBreaking: 0.4, minValuesForShift: 10 });
  });

  test.each([
    [{ psi_warm: 0.1 }, '/sla/x-drift/psi_warm', 'unknown drift threshold'],
    [{ psi_warn: -0.1 }, '/sla/x-drift/psi_warn', 'at least 0'],
    [{ psi_breaking: 'high' }, '/sla/x-drift/psi_breaking', 'at least 0'],
    [{ null_rate_jump: 1.5 }, '/sla/x-drift/null_rate_jump', 'from 0 to 1'],
    [{ rename_max_presence: -0.01 }, '/sla/x-drift/rename_max_presence', 'from 0 to 1'],
    [{ unreadable_breaking: 1.01 }, '/sla/x-drift/unreadable_breaking', 'from 0 to 1'],
    [{ min_values_for_shift: 0 }, '/sla/x-drift/min_values_for_shift', 'whole number'],
    [{ min_values_for_shift: 2.5 }, '/sla/x-drift/min_values_for_shift', 'whole number'],
    [[0.1], '/sla/x-drift', 'mapping'],
  ])('a contract block %j is refused at %s', (block, pointer, phrase) => {
    const error = errorOf(() => resolveThresholds(withBlock(tiny, block)));
    expect(error.code).toBe('invalid-contract');
    expect(error.pointer).toBe(pointer);
    expect(error.message).toContain(phrase);
    expect(error.message).toMatch(/^commerce\.tiny 1\.0\.0: /);
  });

  test.each([
    [{ psiWarn: Number.NaN }, 'psiWarn'],
    [{ psiWarm: 0.1 } as Record<string, number>, 'unknown drift threshold option psiWarm'],
    [{ nullRateJump: 2 }, 'nullRateJump'],
    [{ psiWarn: 0.5, psiBreaking: 0.3 }, 'above the breaking one'],
    [{ unreadableWarn: 0.2, unreadableBreaking: 0.1 }, 'unreadable-input warning threshold 0.2 is above the breaking one'],
  ])('bad job options %j are an invalid argument', (options, phrase) => {
    const error = errorOf(() => resolveThresholds(tiny, options));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toContain(phrase);
  });
});

describe('thresholds decide the severity of a real shift', () => {
  let contract: Contract;
  let baseline: ReturnType<typeof analyze>['profile'];
  let shifted: { records: Record<string, unknown>[]; analysis: ReturnType<typeof analyze> };

  beforeAll(async () => {
    contract = await ordersContract();
    baseline = analyze(contract, cleanOrders(2_000, 3)).profile;
    const records = cleanOrders(2_000, 7);
    const next = random(5);
    // A third of web orders move to the app: PSI about 0.19, between the default bands.
    for (const record of records) if (record['channel'] === 'web' && next() < 0.4) record['channel'] = 'app';
    shifted = { records, analysis: analyze(contract, records) };
  });

  function severities(checked: Contract, thresholds = {}): string[] {
    return detectDrift({
      contract: checked,
      profile: shifted.analysis.profile,
      violations: shifted.analysis.violations,
      sample: shifted.records,
      read: shifted.records.length,
      wholeFeedRead: false,
      baseline,
      now: NOW,
      thresholds,
    }).map((finding) => `${finding.rule} ${finding.severity}`);
  }

  test.each([
    ['the defaults', {}, {}, ['categorical-shift warning']],
    ['a job lowering the breaking band', {}, { psiBreaking: 0.12 }, ['categorical-shift breaking']],
    ['a contract raising the warning band', { psi_warn: 0.5, psi_breaking: 0.6 }, {}, []],
    ['a job overriding the contract', { psi_warn: 0.5, psi_breaking: 0.6 }, { psiWarn: 0.05 }, ['categorical-shift warning']],
    ['a job asking for more values than the run has', {}, { minValuesForShift: 2_001 }, []],
    ['a job asking for exactly the values the run has', {}, { minValuesForShift: 2_000 }, ['categorical-shift warning']],
  ])('%s', (_name, block, thresholds, expected) => {
    expect(severities(Object.keys(block).length > 0 ? withBlock(contract, block) : contract, thresholds)).toEqual(expected);
  });
});
