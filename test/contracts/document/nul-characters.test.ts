import { describe, expect, test } from 'vitest';
import { loadContractText } from '../../../contracts/document/load-contract.js';

const NUL = '\u0000';

function documentWith(overrides: Record<string, unknown>): string {
  return JSON.stringify({
    contract: 'commerce.orders',
    version: '1.0.0',
    title: 'Orders',
    owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
    schema: { type: 'object', properties: { code: { type: 'string' } } },
    ...overrides,
  });
}

describe('NUL characters in a contract document', () => {
  test.each([
    ['the title', { title: `Orders${NUL}` }, '/title'],
    ['a tag', { tags: ['commerce', `pii${NUL}`] }, '/tags/1'],
    ['the owner', { owner: { name: `Dana${NUL}`, email: 'dana.fischer@example.com' } }, '/owner/name'],
    ['a metric description', { metrics: [{ name: 'n', type: 'simple', aggregation: 'count', description: `x${NUL}` }] }, '/metrics/0/description'],
    ['an extension key', { 'x-notes': { [`a${NUL}b`]: 1 } }, '/x-notes'],
  ])('in %s are a document-nul-character error at its pointer, in YAML and JSON alike', async (_where, overrides, pointer) => {
    const text = documentWith(overrides);
    for (const format of ['json', 'yaml'] as const) {
      const loaded = await loadContractText(text, { format });
      expect(loaded.contract).toBeUndefined();
      expect(loaded.problems).toContainEqual(expect.objectContaining({ rule: 'document-nul-character', severity: 'breaking', path: pointer }));
    }
  });

  test('inside the record schema they are data and load', async () => {
    const loaded = await loadContractText(documentWith({ schema: { type: 'object', properties: { code: { enum: [`a${NUL}b`] } } } }));
    expect(loaded.problems.filter((problem) => problem.severity === 'breaking')).toEqual([]);
    expect(loaded.contract).toBeDefined();
  });
});
