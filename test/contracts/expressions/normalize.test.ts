import { describe, expect, test } from 'vitest';
import { compareExpr } from '../../../contracts/expressions/compare.js';
import { MAX_EXPRESSION_LENGTH } from '../../../contracts/expressions/limits.js';
import { normalizeExpression } from '../../../contracts/expressions/normalize.js';
import { parseExpression } from '../../../contracts/expressions/parser.js';
import { printExpression } from '../../../contracts/expressions/print.js';
import { sameMeaning } from '../../../contracts/expressions/same-meaning.js';

function canonical(text: string): string {
  return printExpression(normalizeExpression(parseExpression(text)));
}

describe('normalizeExpression', () => {
  test.each([
    ['b + a', 'a + b'],
    ['c + (b + a)', 'a + b + c'],
    ['(a * b) * (d * c)', 'a * b * c * d'],
    ['b and a and b', 'a and b'],
    ['(b or a) or a', 'a or b'],
    ['x == 1', 'x = 1'],
    ["'paid' = status", "status = 'paid'"],
    ['x > 1', '1 < x'],
    ['x >= y', 'y <= x'],
    ['not (x = 1)', 'x != 1'],
    ['not (x < 1)', '1 <= x'],
    ['not not flag', 'flag'],
    ['c and not not (b and a)', 'a and b and c'],
    ['not (x in [1])', 'x not in [1]'],
    ['not (x is null)', 'x is not null'],
    ['-(-x)', 'x'],
    ['-(3)', '-3'],
    ['-0.0', '0'],
    ['1.0 + x', 'x + 1'],
    ["s in ['b', 'a', 'b', \"a\"]", "s in ['a', 'b']"],
    ['x in [3, 1.0, 2, 1]', 'x in [1, 2, 3]'],
    ['((a))', 'a'],
    ['a - (b - c)', 'a - (b - c)'],
    ['lower(b) = lower(a)', 'lower(a) = lower(b)'],
    ['coalesce(b, a)', 'coalesce(b, a)'],
  ])('%j normalizes to %j', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  test.each(['a + b * c - d', "x not in ['q', 'p'] or y is null", 'not (a and b)', 'if(a > b, -c, c % 2)'])(
    'normalizing is idempotent for %j',
    (text) => {
      const once = normalizeExpression(parseExpression(text));
      expect(compareExpr(normalizeExpression(once), once)).toBe(0);
    },
  );

  test('a chain as long as the length limit allows normalizes to the same tree in any operand order', () => {
    const terms = Array.from({ length: (MAX_EXPRESSION_LENGTH + 1) / 3 - 1 }, (_, index) => `a${index % 10}`);
    const text = terms.join('+');
    expect(text.length).toBeLessThanOrEqual(MAX_EXPRESSION_LENGTH);
    const normalized = normalizeExpression(parseExpression(text));
    expect(printExpression(normalized).startsWith('a0 + a0 + a0')).toBe(true);
    expect(compareExpr(normalizeExpression(parseExpression([...terms].reverse().join('+'))), normalized)).toBe(0);
  });
});

describe('sameMeaning', () => {
  test.each([
    ['amount - refunded_amount', 'amount-refunded_amount', true],
    ["status in ['paid', 'shipped']", "STATUS IN ['shipped','paid']", false],
    ["status in ['paid', 'shipped']", "status IN ['shipped','paid', 'paid']", true],
    ['a + b', 'b + a', true],
    ['a - b', 'b - a', false],
    ['(a + b) * c', 'c * (b + a)', true],
    ['a + b * c', '(a + b) * c', false],
    ['x > 1 AND y == 2', '2 = y and 1 < x', true],
    ['NOT x IS NULL', 'x is not null', true],
    ['x = 1', 'x = 1.0', true],
    ['x = 1', "x = '1'", false],
    ["lower(s) = 'a'", "LOWER(s) = 'a'", true],
    ["s = 'A'", "s = 'a'", false],
    ['a and b', 'a or b', false],
    ['a +', 'a  +', true],
    ['a +', 'a + b', false],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(sameMeaning(a, b)).toBe(expected);
    expect(sameMeaning(b, a)).toBe(expected);
  });
});
