import { describe, expect, test } from 'vitest';
import { checkAgainstHistory, contractChanges } from '../../contracts/diff/contract-diff.js';
import { checkHistoryVerdicts, contractVerdict, verdictOf } from '../../contracts/diff/history-verdicts.js';
import { streamSchemaChanges } from '../../contracts/diff/schema-diff.js';
import { normalizeContract } from '../../contracts/document/normalize-contract.js';
import type { ContractDocument } from '../../contracts/document/normalize-contract.js';
import type { Change } from '../../contracts/findings.js';
import type { CompatibilityMode, CompatibilityPolicy, Contract } from '../../contracts/model.js';

/*
 * A verdict per earlier version must decide exactly as the full comparison would: same
 * `compatible`, same `requiredBump`, for every mode and policy, and the full report it hands out
 * on demand is the one `checkAgainstHistory` gives.
 */

type Property = Readonly<Record<string, unknown>>;

function contract(version: string, properties: Readonly<Record<string, Property>>, extra: Readonly<Record<string, unknown>> = {}): Contract {
  return normalizeContract({
    contract: 'commerce.orders',
    version,
    owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
    compatibility: 'forward',
    schema: { type: 'object', properties, required: ['id'] },
    ...extra,
  } as unknown as ContractDocument);
}

const id = { type: 'string' };
/** A history in which fields come, go, change type, get documented, and a metric changes. */
const HISTORY: readonly Contract[] = [
  contract('1.0.0', { id, amount: { type: 'number' } }),
  contract('1.1.0', { id, amount: { type: 'number' }, note: { type: 'string' } }),
  contract('1.1.1', { id, amount: { type: 'number', description: 'in cents' }, note: { type: 'string' } }),
  contract('2.0.0', { id, amount: { type: 'integer' }, note: { type: 'string' } }),
  contract('2.1.0', { id, amount: { type: 'integer' } }, { metrics: [{ name: 'total', type: 'simple', aggregation: 'sum', expression: 'amount' }] }),
  contract('2.2.0', { id, amount: { type: 'integer' }, tier: { enum: ['a', 'b'] } }, { metrics: [{ name: 'total', type: 'simple', aggregation: 'count', expression: 'amount' }] }),
];
const CANDIDATE = contract('2.3.0', { id, amount: { type: 'number' }, tier: { enum: ['a', 'b', 'c'] }, note: { type: 'integer' } });

const MODES: readonly CompatibilityMode[] = ['forward_transitive', 'backward_transitive', 'full_transitive', 'forward', 'none'];
const POLICIES: readonly CompatibilityPolicy[] = ['strict', 'lenient'];
const CASES = MODES.flatMap((mode) => POLICIES.map((policy) => [mode, policy] as const));

describe('verdicts against every earlier version', () => {
  test.each(CASES)('in %s (%s) they decide as the full comparisons, whose reports they give on demand', (mode, policy) => {
    const full = checkAgainstHistory(CANDIDATE, HISTORY, { mode, policy });
    const verdicts = checkHistoryVerdicts(CANDIDATE, HISTORY, { mode, policy });
    expect(verdicts.compatible).toBe(full.compatible);
    expect(verdicts.verdicts.map((entry) => [entry.version, entry.verdict])).toEqual(
      full.comparisons.map((comparison) => [comparison.version, { compatible: comparison.report.compatible, requiredBump: comparison.report.requiredBump }]),
    );
    expect(verdicts.verdicts.map((entry) => entry.report())).toEqual(full.comparisons.map((comparison) => comparison.report));
  });

  test.each(CASES)('in %s (%s) a verdict from computed changes equals one computed by the engine', (mode, policy) => {
    for (const earlier of HISTORY) {
      expect(verdictOf(contractChanges(earlier, CANDIDATE), mode, policy)).toEqual(contractVerdict(earlier, CANDIDATE, mode, policy));
    }
  });

  test('the history holds both verdicts, so the cases above can tell them apart', () => {
    const verdicts = checkHistoryVerdicts(CANDIDATE, HISTORY, { mode: 'full_transitive', policy: 'strict' }).verdicts.map((entry) => entry.verdict.compatible);
    expect(verdicts).toContain(false);
    expect(checkHistoryVerdicts(HISTORY[2]!, HISTORY.slice(0, 2), { mode: 'forward_transitive', policy: 'lenient' }).verdicts.map((entry) => entry.verdict)).toEqual([
      { compatible: true, requiredBump: 'minor' },
      { compatible: true, requiredBump: 'patch' },
    ]);
  });

  test('only the latest earlier version is compared in full up front; older ones only when asked', () => {
    const asked: string[] = [];
    const check = checkHistoryVerdicts(CANDIDATE, HISTORY, {
      mode: 'full_transitive',
      changes: (before, after) => {
        asked.push(before.version);
        return contractChanges(before, after);
      },
    });
    expect(asked).toEqual(['2.2.0']);
    check.verdicts[0]?.report();
    expect(asked).toEqual(['2.2.0', '1.0.0']);
  });

  test('a streamed comparison stops where its sink throws, after the first change', () => {
    const seen: Change[] = [];
    const stop = new Error('enough');
    expect(() =>
      streamSchemaChanges(HISTORY[0]!.schema, CANDIDATE.schema, (change) => {
        seen.push(change);
        throw stop;
      }),
    ).toThrow(stop);
    expect(seen).toHaveLength(1);
  });
});
