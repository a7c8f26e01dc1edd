import { describe, expect, test } from 'vitest';
import { parseExpression } from '../../../contracts/expressions/parser.js';
import { typeCheck, valueTypeOf, type TypeCheckOptions } from '../../../contracts/expressions/type-check.js';
import { listFields, type FieldInfo, type JsonType } from '../../../contracts/schema-fields.js';

const fields = listFields({
  type: 'object',
  properties: {
    amount: { type: 'number' },
    quantity: { type: 'integer' },
    status: { type: 'string' },
    paid: { type: 'boolean' },
    created_at: { type: 'string', format: 'date-time' },
    note: { type: ['string', 'null'] },
    mixed: { type: ['string', 'number'] },
    anything: {},
    customer: { type: 'object', properties: { id: { type: 'string' }, age: { type: 'integer' } } },
    lines: { type: 'array', items: { type: 'object', properties: { price: { type: 'number' } } } },
  },
});

function check(text: string, options: TypeCheckOptions = {}) {
  return typeCheck(parseExpression(text), fields, options);
}

describe('typeCheck: types of well-typed expressions', () => {
  test.each([
    ['amount - quantity', 'number'],
    ['customer.age * 2 % 3', 'number'],
    ['lines[].price', 'number'],
    ["status in ['paid', 'shipped']", 'boolean'],
    ['paid and not (note is null)', 'boolean'],
    ["created_at >= '2024-01-01'", 'boolean'],
    ["date_trunc('day', created_at)", 'timestamp'],
    ["upper(coalesce(note, 'none'))", 'string'],
    ['length(status) > 3', 'boolean'],
    ["if(paid, amount, 0)", 'number'],
    ['coalesce(mixed, anything)', 'unknown'],
    ['-amount', 'number'],
    ['null', 'unknown'],
    ['round(amount, 2) = abs(floor(ceil(amount)))', 'boolean'],
    ["trim(lower(status)) != ''", 'boolean'],
    ['mixed + 1', 'number'],
  ])('%j is a %s with no problems', (text, type) => {
    expect(check(text)).toEqual({ type, problems: [] });
  });
});

describe('typeCheck: problems', () => {
  test.each([
    ["amount + 'x'", {}, 'type-mismatch', 10, "'+' needs a number, but 'x' at column 10 is a string"],
    ['status = 1', {}, 'type-mismatch', 1, "'status = 1' at column 1 compares a string with a number"],
    ["amount < 'x'", {}, 'type-mismatch', 1, 'compares a number with a string'],
    ['amout > 0', {}, 'unknown-field', 1, "unknown field 'amout' at column 1: did you mean 'amount'?"],
    ['zzz_unrelated = 1', {}, 'unknown-field', 1, "use a field of the record schema, or add 'zzz_unrelated' to it"],
    ['paid and amount', {}, 'type-mismatch', 10, "'and' needs a condition (true/false), but 'amount' at column 10 is a number"],
    ['not status', {}, 'type-mismatch', 5, "'not' needs a condition"],
    ['-status', {}, 'type-mismatch', 2, "'-' needs a number"],
    ["status in ['a', 2]", {}, 'type-mismatch', 17, "'2' at column 17 is a number, but 'status' is a string"],
    ['paid < true', {}, 'type-mismatch', 1, 'orders conditions (true/false)'],
    ['abs(status)', {}, 'type-mismatch', 5, "abs needs a number, but 'status' at column 5 is a string"],
    ["coalesce(amount, 'x')", {}, 'type-mismatch', 18, "coalesce needs arguments of one type, but 'x' at column 18 is a string"],
    ["if(amount, 1, 2)", {}, 'type-mismatch', 4, 'if needs a condition (true/false)'],
    ["date_trunc('days', created_at)", {}, 'type-mismatch', 12, "date_trunc needs one of 'minute'"],
    ['date_trunc(status, created_at)', {}, 'type-mismatch', 12, "date_trunc needs one of 'minute'"],
    ['length(amount)', {}, 'type-mismatch', 8, 'length needs a string'],
    ['amount', { role: 'filter' }, 'type-mismatch', 1, 'a filter must be a condition (true or false for each record)'],
    ['status', { aggregation: 'sum' }, 'type-mismatch', 1, 'sum cannot aggregate a string'],
    ['created_at', { aggregation: 'avg' }, 'type-mismatch', 1, 'avg cannot aggregate a timestamp'],
    ['paid', { aggregation: 'max' }, 'type-mismatch', 1, 'max cannot aggregate a condition'],
  ] as const)('%j %o: %s at column %i', (text, options, kind, column, message) => {
    const { problems } = check(text, options);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind, column });
    expect(problems[0]!.message).toContain(message);
  });

  test.each([
    ['status', { aggregation: 'count' }],
    ['status', { aggregation: 'count_distinct' }],
    ['created_at', { aggregation: 'max' }],
    ['anything', { aggregation: 'sum' }],
    ["status = 'x'", { role: 'filter' }],
    ['anything', { role: 'filter' }],
  ] as const)('%j %o passes', (text, options) => {
    expect(check(text, options).problems).toEqual([]);
  });

  test('an unknown field names the closest field in its own property', () => {
    expect(check('customer.idd').problems[0]).toMatchObject({ field: 'customer.idd', suggestion: 'customer.id' });
  });

  test('every problem of one expression is reported', () => {
    expect(check("nope + 'x' + status").problems.map((problem) => problem.kind)).toEqual(['unknown-field', 'type-mismatch', 'type-mismatch']);
  });
});

describe('valueTypeOf', () => {
  test.each([
    [['integer'], undefined, 'number'],
    [['number', 'null'], undefined, 'number'],
    [['string'], 'date-time', 'timestamp'],
    [['string'], 'date', 'timestamp'],
    [['string'], 'email', 'string'],
    [['boolean'], undefined, 'boolean'],
    [['object'], undefined, 'unknown'],
    [['string', 'integer'], undefined, 'unknown'],
    [[], undefined, 'unknown'],
  ] as const)('%j with format %s is %s', (types, format, expected) => {
    const info: FieldInfo = { types: new Set<JsonType>(types), pointer: '/properties/x', ...(format !== undefined ? { format } : {}) };
    expect(valueTypeOf(info)).toBe(expected);
  });
});
