import { describe, expect, test } from 'vitest';
import { createValidatorCache } from '../../../contracts/validation/index.js';
import { gateValidator } from '../../../checker/gate/gate-validator.js';
import { contractContentHash } from '../../../contracts/content-hash.js';
import type { Contract } from '../../../contracts/model.js';

const CONTRACT: Contract = {
  id: 'shop.orders',
  version: '1.0.0',
  owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
  status: 'active',
  compatibility: { mode: 'forward', policy: 'strict' },
  schema: { type: 'object', required: ['id', 'a/b'], properties: { id: { type: 'integer' }, items: { type: 'array', items: { type: 'string' } } } },
  metrics: [],
  features: [],
  sources: [],
  tags: [],
};
const checked = { contract: CONTRACT, hash: contractContentHash(CONTRACT), origin: 'test' };

describe('gate validator', () => {
  test.each([
    [{ id: 1, 'a/b': 1 }, []],
    [{ 'a/b': 1 }, [{ path: '/id', keyword: 'required', message: 'the record lacks required property id' }]],
    [{ id: 1 }, [{ path: '/a~1b', keyword: 'required', message: 'the record lacks required property a/b' }]],
    [{ id: 'x', 'a/b': 1, items: ['ok', 3] }, [
      { path: '/id', keyword: 'type', message: '/id must be integer' },
      { path: '/items/1', keyword: 'type', message: '/items/1 must be string' },
    ]],
  ])('%j', (record, errors) => {
    expect(gateValidator(createValidatorCache(), checked)(record)).toEqual(errors);
  });

  test('compiles the schema once per contract version and hash', () => {
    const cache = createValidatorCache();
    gateValidator(cache, checked);
    gateValidator(cache, checked);
    expect(cache.compiled).toBe(1);
  });
});
