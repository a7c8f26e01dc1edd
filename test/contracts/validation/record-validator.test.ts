import { describe, expect, test } from 'vitest';
import { compileRecordValidator } from '../../../contracts/index.js';

const SCHEMA = {
  type: 'object',
  required: ['order_id', 'amount'],
  additionalProperties: false,
  properties: {
    order_id: { type: 'string', pattern: '^ord_[0-9]+$' },
    amount: { type: 'number', minimum: 0 },
    email: { type: 'string', format: 'email', pii: true },
    status: { enum: ['paid', 'shipped'] },
    items: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } } },
    channel: { anyOf: [{ type: 'string' }, { type: 'null' }] },
  },
};

describe('compileRecordValidator', () => {
  const validator = compileRecordValidator(SCHEMA, { label: 'commerce.orders 2.0.0' });

  test.each([
    ['a valid record', { order_id: 'ord_1', amount: 3 }, []],
    ['a missing required field', { amount: 3 }, [{ field: 'order_id', rule: 'record-required', pointer: '/order_id', message: 'field order_id is missing (required)' }]],
    ['a wrong type', { order_id: 'ord_1', amount: '3' }, [{ field: 'amount', rule: 'record-type', pointer: '/amount', message: 'field amount must be number' }]],
    ['a pattern miss', { order_id: 'x', amount: 3 }, [{ field: 'order_id', rule: 'record-pattern', pointer: '/order_id', message: 'field order_id must match pattern "^ord_[0-9]+$"' }]],
    ['an undeclared field', { order_id: 'ord_1', amount: 3, extra: 1 }, [{ field: 'extra', rule: 'record-additional-properties', pointer: '/extra', message: 'field extra is not declared, and the contract allows no undeclared fields there' }]],
    ['an array item', { order_id: 'ord_1', amount: 3, items: [{ sku: 'a' }, {}] }, [{ field: 'items[].sku', rule: 'record-required', pointer: '/items/1/sku', message: 'field items[].sku is missing (required)' }]],
    // The alternatives' own failures only explain the anyOf: one error, not three.
    ['no alternative matches', { order_id: 'ord_1', amount: 3, channel: 4 }, [{ field: 'channel', rule: 'record-any-of', pointer: '/channel', message: 'field channel must match a schema in anyOf' }]],
    ['a record that is not an object', 'text', [{ field: '', rule: 'record-type', pointer: '', message: 'the record must be object' }]],
  ])('%s', (_name, record, errors) => {
    const verdict = validator.validate(record);
    expect(verdict.errors).toEqual(errors);
    expect(verdict.valid).toBe(errors.length === 0);
    expect(validator.raw(record)).toBe(errors.length === 0);
  });

  test.each([
    ['a bad email', { order_id: 'ord_1', amount: 3, email: 'dana@@example' }],
    ['a value outside the enum', { order_id: 'ord_1', amount: 3, status: 'secret-status-value' }],
  ])('never puts the failing value in a message: %s', (_name, record) => {
    const text = JSON.stringify(validator.validate(record));
    expect(validator.validate(record).valid).toBe(false);
    expect(text).not.toContain('dana@@example');
    expect(text).not.toContain('secret-status-value');
  });

  test('names the schema by its label when it does not compile', () => {
    expect(() => compileRecordValidator({ $ref: '#/definitions/missing' }, { label: 'commerce.orders 2.0.0' })).toThrow(/^commerce.orders 2.0.0: the record schema does not compile/);
  });
});
