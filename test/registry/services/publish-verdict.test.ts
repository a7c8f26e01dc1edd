import { describe, expect, test } from 'vitest';
import { contractChanges } from '../../../contracts/diff/contract-diff.js';
import { contractVerdict } from '../../../contracts/diff/history-verdicts.js';
import { normalizeContract } from '../../../contracts/document/normalize-contract.js';
import type { ContractDocument } from '../../../contracts/document/normalize-contract.js';
import type { Contract } from '../../../contracts/model.js';
import type { HistoryEntry } from '../../../registry/services/history.js';
import { evaluatePublish, refusalOf } from '../../../registry/services/publish-verdict.js';
import type { PublishFacts } from '../../../registry/services/publish-verdict.js';
import type { ContractSummary } from '../../../registry/storage/contract-records.js';
import type { Principal } from '../../../registry/storage/principal-store.js';

/*
 * evaluatePublish is pure: facts in, verdict out, no store. Here the facts are made by hand, as a
 * worker that evaluates away from the database would receive them.
 */

function contract(version: string, fields: readonly string[]): Contract {
  const document = {
    contract: 'commerce.orders',
    version,
    owner: { name: 'Dana Fischer', email: 'dana@example.com' },
    schema: { type: 'object', properties: Object.fromEntries(fields.map((field) => [field, { type: 'string' }])), required: [...fields] },
  } as unknown as ContractDocument;
  return normalizeContract(document);
}

const principal = (id: string, role: Principal['role'], namespaces: string[] = []): Principal => ({ id, name: id, role, namespaces, createdAt: '' });

const SUMMARY: ContractSummary = {
  id: 'commerce.orders',
  namespace: 'commerce',
  name: 'orders',
  owner: { name: 'Dana Fischer', email: 'dana@example.com' },
  ownerPrincipalId: 'olivia',
  status: 'active',
  tags: [],
  createdAt: '',
  updatedAt: '',
};

const v1 = contract('1.0.0', ['a', 'b']);
const HISTORY: readonly HistoryEntry[] = [
  {
    header: { contractId: 'commerce.orders', version: '1.0.0', contentHash: 'h1', status: 'active', compatibility: v1.compatibility, publishedBy: 'olivia', publishedAt: '' },
    contract: v1,
  },
];

function facts(overrides: Partial<PublishFacts>): PublishFacts {
  return {
    candidate: contract('1.1.0', ['a']),
    contentHash: 'h2',
    warnings: [],
    registered: { summary: SUMMARY, ownerPrincipal: { name: 'Olivia Owner' } },
    history: HISTORY,
    changes: contractChanges,
    metrics: { definitions: new Map(), owners: new Map() },
    pins: [],
    ...overrides,
  };
}

describe('evaluatePublish on facts alone', () => {
  test.each([
    ['anonymous', undefined, ['not-authenticated', 'breaking-change']],
    ['a reader', principal('rhea', 'reader'), ['role-forbidden', 'breaking-change']],
    ['a publisher of another namespace', principal('otto', 'publisher', ['finance']), ['namespace-forbidden', 'not-owner', 'breaking-change']],
    ['another publisher of the namespace', principal('nadia', 'publisher', ['commerce']), ['not-owner', 'breaking-change']],
    ['the owner', principal('olivia', 'publisher', ['commerce']), ['breaking-change']],
    ['an admin', principal('ada', 'admin'), ['breaking-change']],
  ])('%s sending a breaking minor hears %j', (_who, who, codes) => {
    const verdict = evaluatePublish(facts(who === undefined ? {} : { principal: who }));
    expect(verdict.reasons.map((reason) => reason.code)).toEqual(codes);
    expect(verdict).toMatchObject({ outcome: 'refused', previousVersion: '1.0.0', compatible: false, requiredBump: 'major', line: '1.x' });
    const refusal = refusalOf(verdict);
    expect(refusal?.message).toBe(verdict.reasons[0]?.message);
    expect(refusal?.reasons.map((reason) => reason.code)).toEqual(codes);
  });

  test('the ownership reason names the owning principal and the contact person apart', () => {
    const verdict = evaluatePublish(facts({ principal: principal('nadia', 'publisher', ['commerce']), candidate: contract('1.1.0', ['a', 'b']) }));
    expect(verdict.reasons).toEqual([
      expect.objectContaining({ code: 'not-owner', message: expect.stringMatching(/owned by principal Olivia Owner \(its contact person is Dana Fischer <dana@example\.com>\)/) }),
    ]);
  });

  test('the same content under a published version is existing, not refused', () => {
    const verdict = evaluatePublish(facts({ principal: principal('olivia', 'publisher', ['commerce']), candidate: v1, contentHash: 'h1' }));
    expect(verdict).toMatchObject({ outcome: 'existing', reasons: [], firstVersion: false });
    expect(refusalOf(verdict)).toBeUndefined();
  });

  test('a transitive check asks the facts\' verdict source about the versions before the predecessor', () => {
    const transitive = (version: string, fields: readonly string[]): Contract => ({ ...contract(version, fields), compatibility: { ...v1.compatibility, mode: 'forward_transitive' } });
    const history = ['1.0.0', '1.1.0', '1.2.0'].map((version, index): HistoryEntry => {
      const model = transitive(version, ['a', 'b']);
      return { header: { ...HISTORY[0]!.header, version, contentHash: `h${index}`, compatibility: model.compatibility }, contract: model };
    });
    const asked: string[] = [];
    const verdict = evaluatePublish(
      facts({
        principal: principal('olivia', 'publisher', ['commerce']),
        candidate: transitive('1.3.0', ['a', 'b', 'c']),
        history,
        verdicts: (before, after, mode, policy) => {
          asked.push(before.version);
          return contractVerdict(before, after, mode, policy);
        },
      }),
    );
    expect(verdict).toMatchObject({ outcome: 'accepted', previousVersion: '1.2.0' });
    expect(asked.sort()).toEqual(['1.0.0', '1.1.0']);
  });
});
