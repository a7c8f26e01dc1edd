import { describe, expect, test } from 'vitest';
import { createValidatorCache, DEFAULT_VALIDATOR_CACHE_SIZE } from '../../../contracts/validation/index.js';
import { ConcordError } from '../../../contracts/errors.js';

const key = (version: string, hash = 'h1') => ({ contract: 'commerce.orders', version, hash });

describe('validator cache', () => {
  test('compiles once per contract, version and hash', () => {
    const cache = createValidatorCache();
    const schema = { type: 'object', required: ['id'] };
    const first = cache.validatorFor(key('1.0.0'), schema);
    expect(cache.validatorFor(key('1.0.0'), schema)).toBe(first);
    expect(cache.compiled).toBe(1);
    cache.validatorFor(key('1.0.0', 'h2'), schema);
    cache.validatorFor(key('1.1.0'), schema);
    expect(cache.compiled).toBe(3);
  });

  test('keeps at most maxEntries, evicting the least recently used one past it', () => {
    const cache = createValidatorCache(2);
    const schema = { type: 'string' };
    cache.validatorFor(key('1'), schema);
    cache.validatorFor(key('2'), schema);
    cache.validatorFor(key('1'), schema);
    cache.validatorFor(key('3'), schema);
    expect(cache.size).toBe(2);
    expect(cache.compiled).toBe(3);
    cache.validatorFor(key('1'), schema);
    expect(cache.compiled).toBe(3);
    cache.validatorFor(key('2'), schema);
    expect(cache.compiled).toBe(4);
    expect(DEFAULT_VALIDATOR_CACHE_SIZE).toBeGreaterThan(0);
  });

  test.each([
    // draft-07 by default: `dependentRequired` is an unknown keyword there, so it does nothing.
    [{ type: 'object', dependentRequired: { a: ['b'] } }, { a: 1 }, true],
    [{ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', dependentRequired: { a: ['b'] } }, { a: 1 }, false],
    [{ $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: [{ type: 'string' }] }, ['x', 2], true],
    [{ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'string' }], items: false }, ['x', 2], false],
    // Concord's annotations are not keywords ajv knows; they must not stop compilation.
    [{ type: 'object', properties: { email: { type: 'string', pii: true, 'x-pii': true, deprecated: true } } }, { email: 'a' }, true],
    [{ type: 'string', format: 'email' }, 'not an email', false],
    // Patterns are Unicode-aware, as ajv's own `u` flag makes them.
    [{ type: 'string', pattern: '^\\p{L}+$' }, 'Zoë', true],
    [{ type: 'string', pattern: '^\\p{L}+$' }, 'Zoë1', false],
    [{ type: 'string', format: 'date-time' }, '2026-11-01T10:00:00Z', true],
  ])('%j validates %j as %s', (schema, value, valid) => {
    const validate = createValidatorCache().validatorFor(key('1'), schema).raw;
    expect(validate(value)).toBe(valid);
  });

  test('matches each pattern with its own expression (ajv shares patterns by their text)', () => {
    const validate = createValidatorCache().validatorFor(key('1'), {
      type: 'object',
      properties: { a: { type: 'string', pattern: '^ord_[0-9]+$' }, b: { type: 'string', pattern: '^[A-Z]{3}$' } },
    }).raw;
    expect(validate({ a: 'ord_1', b: 'EUR' })).toBe(true);
    expect(validate({ a: 'EUR', b: 'ord_1' })).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toEqual(['/a', '/b']);
  });

  test('matches a pattern that makes a backtracking engine take exponential time, in linear time', () => {
    // With native RegExp this input takes longer than the age of the universe; RE2 answers at once.
    const validate = createValidatorCache().validatorFor(key('1'), { type: 'string', pattern: '^(a+)+$' }).raw;
    expect(validate(`${'a'.repeat(50_000)}!`)).toBe(false);
    expect(validate('a'.repeat(50_000))).toBe(true);
  });

  test.each([
    [{ $schema: 'http://json-schema.org/draft-04/schema#' }, /commerce.orders 1: \$schema .* is not supported/],
    [{ type: 'object', properties: { a: { $ref: '#/definitions/missing' } } }, /commerce.orders 1: the record schema does not compile/],
  ])('refuses %j', (schema, message) => {
    const cache = createValidatorCache();
    expect(() => cache.validatorFor(key('1'), schema)).toThrow(message);
    expect(() => cache.validatorFor(key('1'), schema)).toThrow(ConcordError);
  });
});
