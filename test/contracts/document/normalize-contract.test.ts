import { describe, expect, test } from 'vitest';
import { normalizeContract, type ContractDocument } from '../../../contracts/document/normalize-contract.js';

const minimal: ContractDocument = {
  contract: 'commerce.orders',
  version: '1.0.0',
  owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
  schema: { type: 'object', properties: { id: { type: 'string' } } },
};

describe('normalizeContract', () => {
  test('fills the defaults', () => {
    const { contract: id, ...rest } = minimal;
    expect(normalizeContract(minimal)).toEqual({
      ...rest,
      id,
      status: 'active',
      compatibility: { mode: 'forward', policy: 'strict' },
      metrics: [],
      features: [],
      sources: [],
      tags: [],
    });
  });

  test.each([
    ['a mode string gets the strict policy', 'full_transitive', { mode: 'full_transitive', policy: 'strict' }],
    ['an object with only a policy gets the forward mode', { policy: 'lenient' }, { mode: 'forward', policy: 'lenient' }],
    ['an object with both keeps both', { mode: 'backward', policy: 'lenient' }, { mode: 'backward', policy: 'lenient' }],
  ] as const)('compatibility: %s', (_name, compatibility, expected) => {
    expect(normalizeContract({ ...minimal, compatibility }).compatibility).toEqual(expected);
  });

  test('keeps what is given and drops top-level x- keys', () => {
    const contract = normalizeContract({
      ...minimal,
      status: 'deprecated',
      deprecated: 'use commerce.orders_v2',
      sunset: '2030-01-31',
      tags: ['a'],
      'x-cost-center': 4711,
    });
    expect(contract).toMatchObject({ status: 'deprecated', deprecated: 'use commerce.orders_v2', sunset: '2030-01-31', tags: ['a'] });
    expect(Object.keys(contract)).not.toContain('x-cost-center');
  });

  test('the result is a frozen copy, all the way down', () => {
    const document = { ...minimal, metrics: [{ name: 'n', type: 'simple' as const, aggregation: 'count' as const, dimensions: ['a'] }] };
    const contract = normalizeContract(document);
    expect(Object.isFrozen(contract)).toBe(true);
    expect(Object.isFrozen(contract.owner)).toBe(true);
    expect(Object.isFrozen(contract.metrics[0]?.dimensions)).toBe(true);
    expect(Object.isFrozen((contract.schema as { properties: { id: object } }).properties.id)).toBe(true);
    expect(Object.isFrozen(document.metrics[0])).toBe(false);
    expect(contract.schema).not.toBe(document.schema);
  });
});
