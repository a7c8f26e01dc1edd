import { describe, expect, test } from 'vitest';
import type { Expr } from '../../../contracts/expressions/ast.js';
import { evaluateExpression, MAX_EVALUATION_DEPTH, readField } from '../../../contracts/expressions/evaluate.js';
import { parseExpression } from '../../../contracts/expressions/parser.js';

const order = {
  amount: 120.5,
  refunded_amount: 20.5,
  status: 'paid',
  channel: 'web',
  created_at: '2026-11-19T14:37:12.345Z',
  vip: true,
  note: null,
  customer: { id: 'cus_1', tier: 'gold' },
  items: [{ sku: 'a' }],
  label: '  Mixed Case ',
};

function value(text: string, record: unknown = order): unknown {
  const result = evaluateExpression(parseExpression(text), record);
  if (!result.ok) throw new Error(`unexpected error: ${result.error.message}`);
  return result.value;
}

function failure(text: string, record: unknown = order) {
  const result = evaluateExpression(parseExpression(text), record);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('evaluateExpression computes values', () => {
  test.each([
    ['amount - refunded_amount', 100],
    ['amount * 2 + 1', 242],
    ['7 % 3', 1],
    ['-amount', -120.5],
    ['(1 + 2) * 3', 9],
    ["status in ['paid', 'shipped']", true],
    ["status not in ['paid', 'shipped']", false],
    ["status = 'paid' and channel != 'app'", true],
    ['amount > 100 or vip', true],
    ['not vip', false],
    ['customer.tier', 'gold'],
    ["created_at >= '2026-01-01'", true],
    ['abs(-3)', 3],
    ['floor(2.7)', 2],
    ['ceil(2.1)', 3],
    ['round(2.345, 2)', 2.35],
    ['round(1234, -2)', 1200],
    ['round(2.5)', 3],
    ['round(0.1234567890123456, 15)', 0.123456789012346],
    ['lower(status)', 'paid'],
    ['upper(channel)', 'WEB'],
    ['trim(label)', 'Mixed Case'],
    ["length('añb')", 3],
    ["length('😀')", 1],
    ['coalesce(missing, note, 5)', 5],
    ["if(vip, 'yes', 'no')", 'yes'],
    ["date_trunc('day', created_at)", '2026-11-19T00:00:00.000Z'],
    ["date_trunc('hour', created_at)", '2026-11-19T14:00:00.000Z'],
    ["date_trunc('minute', created_at)", '2026-11-19T14:37:00.000Z'],
    ["date_trunc('week', created_at)", '2026-11-16T00:00:00.000Z'],
    ["date_trunc('month', created_at)", '2026-11-01T00:00:00.000Z'],
    ["date_trunc('quarter', created_at)", '2026-10-01T00:00:00.000Z'],
    ["date_trunc('year', created_at)", '2026-01-01T00:00:00.000Z'],
    ['vip = true', true],
  ])('%s gives %j', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });
});

describe('null follows SQL', () => {
  test.each([
    ['missing + 1', null],
    ['note * 2', null],
    ['missing = 1', null],
    ['missing is null', true],
    ['note is null', true],
    ['amount is not null', true],
    ['missing in [1, 2]', null],
    ['amount in [1, null]', null],
    ['amount in [120.5, null]', true],
    ['false and missing', false],
    ['missing and false', false],
    ['true and missing', null],
    ['true or missing', true],
    ['missing or true', true],
    ['false or missing', null],
    ['not missing', null],
    ['-missing', null],
    ["if(missing, 'then', 'else')", 'else'],
    ['abs(missing)', null],
    ['lower(note)', null],
    ["date_trunc('day', missing)", null],
    ['1 / 0', null],
    ['5 % 0', null],
    ['1e308 * 10', null],
    ['customer.missing.deeper', null],
    ['status.length', null],
  ])('%s gives %j', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  test('a field absent from a non-object record reads as null', () => {
    expect(value('amount', 42)).toBeNull();
    expect(value('amount', null)).toBeNull();
  });
});

describe('type errors are values naming the column and field, never the record values', () => {
  test.each([
    ["amount + 'x'", 'type-mismatch', 10, undefined],
    ['amount - refunded_amount', 'type-mismatch', 10, 'refunded_amount'],
    ['status = 1', 'type-mismatch', 1, 'status'],
    ["status in ['paid', 2]", 'type-mismatch', 1, 'status'],
    ['not status', 'type-mismatch', 5, 'status'],
    ['vip < true', 'type-mismatch', 1, undefined],
    ['customer + 1', 'type-mismatch', 1, 'customer'],
    ['customer', 'type-mismatch', 1, 'customer'],
    ['customer = 1', 'type-mismatch', 1, 'customer'],
    ['abs(status)', 'type-mismatch', 5, 'status'],
    ['length(amount)', 'type-mismatch', 8, 'amount'],
    ["if(status, 1, 2)", 'type-mismatch', 4, 'status'],
    ['round(amount, 0.5)', 'invalid-argument', 15, undefined],
    ['round(amount, 16)', 'invalid-argument', 15, undefined],
    ["date_trunc('day', status)", 'invalid-argument', 19, 'status'],
    ["date_trunc('day', amount)", 'type-mismatch', 19, 'amount'],
    ['items[].sku', 'unsupported', 1, 'items[].sku'],
  ])('%s fails with %s at column %i', (text, kind, column, field) => {
    const record = { ...order, refunded_amount: '20.50' };
    const error = failure(text, record);
    expect(error).toMatchObject({ kind, column });
    expect(error.field).toBe(field);
    expect(error.message).toContain(`column ${column}`);
    expect(error.message).not.toContain('20.50');
    expect(error.message).not.toContain('paid');
  });

  test('the type errors name the types met', () => {
    expect(failure('amount - refunded_amount', { amount: 1, refunded_amount: '2' }).message).toBe(
      "'-' needs a number, but the value at column 10 is a string",
    );
  });

  test('a string is never coerced to a number, however numeric it looks', () => {
    expect(failure('amount * 1', { amount: '12.50' }).kind).toBe('type-mismatch');
    expect(failure('amount > 0', { amount: '12.50' }).kind).toBe('type-mismatch');
  });
});

describe('reading fields', () => {
  test.each([
    [['amount'], { present: true, value: 120.5 }],
    [['note'], { present: true, value: null }],
    [['customer', 'id'], { present: true, value: 'cus_1' }],
    [['missing'], { present: false }],
    [['customer', 'missing'], { present: false }],
    [['constructor'], { present: false }],
    [['__proto__'], { present: false }],
    [['status', 'length'], { present: false }],
  ])('%j reads %j', (path, expected) => {
    expect(readField(order, path)).toEqual(expected);
  });
});

describe('limits', () => {
  function chain(depth: number): Expr {
    let expr: Expr = { kind: 'number', value: 1, start: 0, end: 1 };
    for (let level = 1; level < depth; level += 1) expr = { kind: 'unary', op: '-', operand: expr, start: 0, end: 1 };
    return expr;
  }

  test(`a tree ${MAX_EVALUATION_DEPTH} levels deep evaluates`, () => {
    const result = evaluateExpression(chain(MAX_EVALUATION_DEPTH), {});
    expect(result).toEqual({ ok: true, value: (MAX_EVALUATION_DEPTH - 1) % 2 === 0 ? 1 : -1 });
  });

  test(`a tree one level deeper than ${MAX_EVALUATION_DEPTH} is refused as an error value`, () => {
    const result = evaluateExpression(chain(MAX_EVALUATION_DEPTH + 1), {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('too-large');
  });

  test('the longest chain the parser accepts evaluates without running out of stack', () => {
    const text = Array.from({ length: 2048 }, () => '1').join('+');
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(value(text)).toBe(2048);
  });
});
