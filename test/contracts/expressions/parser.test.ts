import { describe, expect, test } from 'vitest';
import { ConcordError } from '../../../contracts/errors.js';
import { parseExpression } from '../../../contracts/expressions/parser.js';
import { printExpression } from '../../../contracts/expressions/print.js';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from '../../../contracts/expressions/limits.js';

function parseError(text: string): ConcordError {
  try {
    parseExpression(text);
  } catch (error) {
    if (error instanceof ConcordError) return error;
    throw error;
  }
  throw new Error(`"${text}" parsed, but a ConcordError was expected`);
}

describe('parseExpression reads the grammar', () => {
  test.each([
    ['amount - refunded_amount', 'amount - refunded_amount'],
    ["status in ['paid', \"shipped\"]", "status in ['paid', 'shipped']"],
    ['customer.id', 'customer.id'],
    ['lines[].sku', 'lines[].sku'],
    ['`order-id` = 3', '`order-id` = 3'],
    ['customer.`first name`', 'customer.`first name`'],
    ['`and` or `null`', '`and` or `null`'],
    ['a + b * c', 'a + b * c'],
    ['(a + b) * c', '(a + b) * c'],
    ['a - (b - c)', 'a - (b - c)'],
    ['a - b - c', 'a - b - c'],
    ['-x * 2', '-x * 2'],
    ['-(a + b)', '-(a + b)'],
    ['- - x', '-(-x)'],
    ['-1.50', '-1.5'],
    ['2.5e3 % 7', '2500 % 7'],
    ['a == 1 AND b != 2 Or NOT c', 'a == 1 and b != 2 or not c'],
    ['not a = b', 'not a = b'],
    ['(a or b) and c', '(a or b) and c'],
    ['x NOT IN [1, 2]', 'x not in [1, 2]'],
    ['x Is Not Null', 'x is not null'],
    ['x is null and y <= 3', 'x is null and y <= 3'],
    ['(a = b) = true', '(a = b) = true'],
    ['TRUE and False or NULL is null', 'true and false or null is null'],
    ["'it\\'s' = \"say \\\"hi\\\"\"", "'it\\'s' = 'say \"hi\"'"],
    ["COALESCE(discount, 0) + ABS(x)", 'coalesce(discount, 0) + abs(x)'],
    ["date_trunc('day', created_at)", "date_trunc('day', created_at)"],
    ["if(amount > 0, 'credit', 'debit')", "if(amount > 0, 'credit', 'debit')"],
    ['round(a, 2) + round(b)', 'round(a, 2) + round(b)'],
    ['  a\n\t+ b  ', 'a + b'],
  ])('%j prints as %j', (text, printed) => {
    expect(printExpression(parseExpression(text))).toBe(printed);
  });

  test('nodes carry 0-based start and end offsets', () => {
    const expr = parseExpression('a + bb');
    expect(expr).toMatchObject({ kind: 'binary', start: 0, end: 6, left: { start: 0, end: 1 }, right: { start: 4, end: 6 } });
  });

  test('a nested path keeps its segments and its dotted name', () => {
    expect(parseExpression('order.lines[].`unit price`')).toMatchObject({
      kind: 'field',
      path: ['order', 'lines[]', 'unit price'],
      name: 'order.lines[].unit price',
    });
  });
});

describe('parseExpression refuses bad text with a column', () => {
  test.each([
    ['amount - ', "expected a value after '-' at column 10", 10],
    ['amount -  )', "expected a value after '-' at column 11, found ')'", 11],
    ['', 'the expression is empty', 1],
    ['(a + b', "expected ')' to close the '(' at column 1, found the end of the expression at column 7", 7],
    ['a b', "unexpected 'b' at column 3", 3],
    ['a < b < c', 'comparisons do not chain', 7],
    ['a = b in [1]', 'comparisons do not chain', 7],
    ['x in []', 'an in-list needs at least one value at column 7', 7],
    ['x in (1, 2)', "expected '[' to start the list after 'in' at column 6", 6],
    ['x is 3', "expected null after 'is' at column 6", 6],
    ['x not 3', "expected in after 'not' at column 7", 7],
    ["'open", "unterminated string starting at column 1: add the closing '", 1],
    ['`open', 'unterminated field name starting at column 1', 1],
    ['`` = 1', 'empty field name', 1],
    ["'a\\q'", 'unknown escape in a string at column 3', 3],
    ['a && b', "unexpected character '&' at column 3: write and / or", 3],
    ['a ! b', "unexpected character '!' at column 3", 3],
    ['3abc', "unexpected 'a' right after the number at column 2", 2],
    ['frobnicate(x)', "unknown function 'frobnicate' at column 1: use one of", 1],
    ['abs(a, b)', 'abs takes 1 argument but got 2 at column 1: write abs(number)', 1],
    ['round()', 'round takes 1 or 2 arguments but got 0', 1],
    ['coalesce(a)', 'coalesce takes 2 or more arguments but got 1', 1],
    ['and = 1', 'a field named and needs backquotes', 1],
    ['a.', "expected a field name after '.' at column 3", 3],
    ['1e999', 'too large to represent', 1],
  ])('%j: %s', (text, message, column) => {
    const error = parseError(text);
    expect(error.code).toBe('invalid-expression');
    expect(error.message).toContain(message);
    expect(error.detail.column).toBe(column);
  });
});

describe('expression limits', () => {
  test(`an expression of ${MAX_EXPRESSION_LENGTH} characters parses; one more is refused as too large`, () => {
    const atLimit = `a${' + a'.repeat((MAX_EXPRESSION_LENGTH - 1) / 4 - 1)}`.padEnd(MAX_EXPRESSION_LENGTH, ' ');
    expect(atLimit).toHaveLength(MAX_EXPRESSION_LENGTH);
    expect(parseExpression(atLimit).kind).toBe('binary');
    const error = parseError(`${atLimit} `);
    expect(error.code).toBe('too-large');
    expect(error.message).toContain(`over the limit of ${MAX_EXPRESSION_LENGTH}`);
  });

  test.each([
    ['parentheses', (n: number) => `${'('.repeat(n)}a${')'.repeat(n)}`],
    ['not', (n: number) => `${'not '.repeat(n)}a`],
    ['unary minus', (n: number) => `${'-'.repeat(n)}a`],
    ['function calls', (n: number) => `${'abs('.repeat(n)}a${')'.repeat(n)}`],
    ['in-lists', (n: number) => `${'a in ['.repeat(n)}1${']'.repeat(n)}`],
  ])(`%s nest ${MAX_EXPRESSION_DEPTH} deep, and no deeper`, (_label, nest) => {
    expect(() => parseExpression(nest(MAX_EXPRESSION_DEPTH))).not.toThrow();
    const error = parseError(nest(MAX_EXPRESSION_DEPTH + 1));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain(`deeper than ${MAX_EXPRESSION_DEPTH} levels`);
  });

  test.each([10_000, 2_000])('%i opening parentheses are refused cleanly, without a stack overflow', (count) => {
    const error = parseError(`${'('.repeat(count)}a${')'.repeat(count)}`);
    expect(error.code).toBe('too-large');
  });
});
