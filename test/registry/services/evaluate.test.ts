import { describe, expect, test } from 'vitest';
import { contractChanges } from '../../../contracts/diff/contract-diff.js';
import type { ChangeSource } from '../../../contracts/diff/contract-diff.js';
import { contractVerdict } from '../../../contracts/diff/history-verdicts.js';
import type { VerdictSource } from '../../../contracts/diff/history-verdicts.js';
import { normalizeContract } from '../../../contracts/document/normalize-contract.js';
import type { ContractDocument } from '../../../contracts/document/normalize-contract.js';
import type { Contract } from '../../../contracts/model.js';
import { evaluateCandidate, MAX_FIELDS_IN_MESSAGE } from '../../../registry/services/evaluate.js';
import type { HistoryEntry } from '../../../registry/services/history.js';
import type { VersionHeader } from '../../../registry/storage/contract-records.js';

const FIELDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

function contract(version: string, fields: readonly string[] = FIELDS, mode = 'forward'): Contract {
  const document = {
    contract: 'commerce.orders',
    version,
    owner: { name: 'Dana', email: 'dana@example.com' },
    compatibility: mode,
    schema: { type: 'object', properties: Object.fromEntries(fields.map((field) => [field, { type: 'string' }])), required: [...fields] },
  } as unknown as ContractDocument;
  return normalizeContract(document);
}

function entry(model: Contract, yanked = false): HistoryEntry {
  const header: VersionHeader = {
    contractId: model.id,
    version: model.version,
    contentHash: model.version,
    status: 'active',
    compatibility: model.compatibility,
    publishedBy: 'dana',
    publishedAt: '',
    ...(yanked ? { yanked: { reason: 'bad', by: 'dana', at: '' } } : {}),
  };
  return { header, contract: model };
}

describe('evaluating a candidate against the published history', () => {
  test('a first version needs nothing', () => {
    const evaluation = evaluateCandidate(contract('1.0.0'), [], contractChanges);
    expect(evaluation).toMatchObject({ compatible: true, changes: [], requiredBump: 'none' });
    expect(evaluation.refusal).toBeUndefined();
  });

  test.each([
    ['1.0.5', /not above 1\.1\.0, the highest version of its line 1\.x: a line only grows, so publish it as 1\.1\.1 or higher/],
    ['1.1.0-rc.1', /not above 1\.1\.0, the highest version of its line 1\.x/],
    ['0.9.0', /not above the latest version 1\.1\.0, and its line 0\.9\.x has no published version to maintain: publish it as 1\.1\.1/],
  ])('%s after 1.1.0 is refused for its version order', (version, message) => {
    const evaluation = evaluateCandidate(contract(version), [entry(contract('1.0.0')), entry(contract('1.1.0'))], contractChanges);
    expect(evaluation.refusal).toMatchObject({ code: 'conflict', message: expect.stringMatching(message) });
    expect(evaluation.refusalCode).toBe('version-order');
  });

  test('a yanked latest version is left out: the candidate is compared with the one below it', () => {
    const evaluation = evaluateCandidate(contract('1.0.1'), [entry(contract('1.0.0')), entry(contract('1.1.0', ['a']), true)], contractChanges);
    expect(evaluation).toMatchObject({ previous: '1.0.0', compatible: true, changes: [] });
    expect(evaluation.refusal).toBeUndefined();
  });

  test(`a refusal names at most ${MAX_FIELDS_IN_MESSAGE} breaking fields and counts the rest, while findings hold all`, () => {
    const removed = FIELDS.slice(0, MAX_FIELDS_IN_MESSAGE + 1);
    const evaluation = evaluateCandidate(contract('1.1.0', FIELDS.slice(MAX_FIELDS_IN_MESSAGE + 1)), [entry(contract('1.0.0'))], contractChanges);
    expect(evaluation.refusal?.code).toBe('breaking-change');
    expect(evaluation.refusal?.message).toMatch(/publish it as 2\.0\.0, or keep a, b, c, d, e and 1 more as in 1\.0\.0$/);
    const fields = new Set(evaluation.refusal?.findings.map((finding) => ('field' in finding ? finding.field : undefined)));
    for (const field of removed) expect(fields).toContain(field);
  });

  test('in a transitive mode, a major bump past an old version covers what broke since it', () => {
    const history = [entry(contract('1.0.0', FIELDS, 'forward_transitive')), entry(contract('2.0.0', ['a', 'b'], 'forward_transitive'))];
    const evaluation = evaluateCandidate(contract('2.1.0', ['a', 'b'], 'forward_transitive'), history, contractChanges);
    expect(evaluation.compatible).toBe(false);
    expect(evaluation.refusal).toBeUndefined();
    expect(evaluation).toMatchObject({ previous: '2.0.0', requiredBump: 'none', versionCheck: { ok: true } });
  });

  test('mode none shows the changes but asks for no bump', () => {
    const evaluation = evaluateCandidate(contract('1.0.1', ['a'], 'none'), [entry(contract('1.0.0', FIELDS, 'none'))], contractChanges);
    expect(evaluation.changes.length).toBeGreaterThan(0);
    expect(evaluation.changes.every((finding) => finding.severity !== 'breaking')).toBe(true);
    expect(evaluation).toMatchObject({ compatible: true, requiredBump: 'none' });
    expect(evaluation.refusal).toBeUndefined();
  });
});

describe('maintenance lines: a version below the latest that is the newest of its own line', () => {
  const lines = [entry(contract('1.0.0')), entry(contract('1.1.1')), entry(contract('2.0.0', ['a', 'b']))];

  test.each([
    ['1.1.2', '1.x', '1.1.1', '1.1.1'],
    ['1.2.0', '1.x', '1.1.1', '1.1.1'],
    ['2.0.1', '2.x', '2.0.0', '2.0.0'],
  ])('%s is compared with its predecessor in line %s', (version, line, lineLatest, previous) => {
    const evaluation = evaluateCandidate(contract(version, version.startsWith('2') ? ['a', 'b'] : FIELDS), lines, contractChanges);
    expect(evaluation).toMatchObject({ line, lineLatest, previous, compatible: true, changes: [] });
    expect(evaluation.refusal).toBeUndefined();
  });

  test('a breaking change in the 1.x line is refused against 1.1.1, and the advice skips the taken 2.x line', () => {
    const evaluation = evaluateCandidate(contract('1.2.0', ['a', 'b', 'c']), lines, contractChanges);
    expect(evaluation).toMatchObject({ previous: '1.1.1', refusalCode: 'breaking-change', requiredBump: 'major' });
    expect(evaluation.refusal?.message).toMatch(/has breaking changes, and the 2\.x line it would need is already published: publish it as 3\.0\.0, or keep d, e, f, g as in 1\.1\.1$/);
  });

  test.each(['1.1.0', '1.0.5', '1.1.1-rc.1'])('%s is below 1.1.1 in its own line: refused, naming 1.1.1', (version) => {
    const evaluation = evaluateCandidate(contract(version), lines, contractChanges);
    expect(evaluation.refusalCode).toBe('version-order');
    expect(evaluation.refusal?.message).toMatch(/not above 1\.1\.1, the highest version of its line 1\.x/);
  });

  test('in a transitive mode a maintenance release is compared with every version below it, not with later lines', () => {
    const transitive = [entry(contract('1.0.0', ['a', 'b', 'c'], 'forward_transitive')), entry(contract('1.1.1', FIELDS, 'forward_transitive')), entry(contract('2.0.0', ['a'], 'forward_transitive'))];
    // Compatible with 1.1.1 (fields only added back are fine forward), but it drops c, which 1.0.0 had.
    const evaluation = evaluateCandidate(contract('1.1.2', ['a', 'b', 'd', 'e', 'f', 'g'], 'forward_transitive'), transitive, contractChanges);
    expect(evaluation.previous).toBe('1.1.1');
    expect(evaluation.refusalCode).toBe('breaking-change');
    expect(evaluation.refusal?.findings.some((finding) => 'field' in finding && finding.field === 'c')).toBe(true);
  });

  test.each([
    // [what, fields of 1.1.1 and of the candidate, refusal, versions compared in full]
    ['keeps every field', ['a', 'b', 'c'], undefined, ['1.1.1']],
    ['drops c, which 1.0.x had', ['a', 'b'], 'breaking-change', ['1.0.0', '1.0.1', '1.1.1']],
  ] as const)('transitively, a maintenance release that %s is compared in full with its predecessor and by verdict with the older versions', (_what, fields, refusalCode, fullyCompared) => {
    const history = [
      entry(contract('1.0.0', ['a', 'b', 'c'], 'forward_transitive')),
      entry(contract('1.0.1', ['a', 'b', 'c'], 'forward_transitive')),
      entry(contract('1.1.1', fields, 'forward_transitive')),
      entry(contract('2.0.0', ['a'], 'forward_transitive')),
    ];
    const inFull: string[] = [];
    const byVerdict: string[] = [];
    const changes: ChangeSource = (before, after) => {
      inFull.push(before.version);
      return contractChanges(before, after);
    };
    const verdicts: VerdictSource = (before, after, mode, policy) => {
      byVerdict.push(before.version);
      return contractVerdict(before, after, mode, policy);
    };
    const candidate = contract('1.1.2', fields, 'forward_transitive');
    const evaluation = evaluateCandidate(candidate, history, changes, verdicts);
    expect(evaluation.previous).toBe('1.1.1');
    expect(evaluation.refusalCode).toBe(refusalCode);
    // 2.0.0 is a later line and is never compared; only a refusing older version is compared in full.
    expect(byVerdict.sort()).toEqual(['1.0.0', '1.0.1']);
    expect([...new Set(inFull)].sort()).toEqual(fullyCompared);
  });

  test('in initial development each minor is a line: 0.3.2 after 0.4.0 is compared with 0.3.1', () => {
    const evaluation = evaluateCandidate(contract('0.3.2'), [entry(contract('0.3.1')), entry(contract('0.4.0'))], contractChanges);
    expect(evaluation).toMatchObject({ line: '0.3.x', previous: '0.3.1' });
    expect(evaluation.refusal).toBeUndefined();
  });
});
