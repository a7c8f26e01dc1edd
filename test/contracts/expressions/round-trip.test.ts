import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { BinaryOperator, Expr } from '../../../contracts/expressions/ast.js';
import { compareExpr } from '../../../contracts/expressions/compare.js';
import { normalizeExpression } from '../../../contracts/expressions/normalize.js';
import { parseExpression } from '../../../contracts/expressions/parser.js';
import { printExpression } from '../../../contracts/expressions/print.js';
import { sameMeaning } from '../../../contracts/expressions/same-meaning.js';
import { fcSeed } from '../../support/fc-seed.js';

/** Field segments, including ones that need backquotes (keywords, spaces, dashes) and array steps. */
const SEGMENTS = ['amount', 'status', 'customer', 'id', 'lines[]', 'not', 'NULL', 'first name', 'order-id', '_x1'];
const OPERATORS: readonly BinaryOperator[] = ['+', '-', '*', '/', '%', '=', '==', '!=', '<', '<=', '>', '>=', 'and', 'or'];
const SPAN = { start: 0, end: 0 };

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })).map((value) => ({ kind: 'number', value, ...SPAN }) as const),
  fc.string({ maxLength: 8 }).map((value) => ({ kind: 'string', value, ...SPAN }) as const),
  fc.boolean().map((value) => ({ kind: 'boolean', value, ...SPAN }) as const),
  fc.constant({ kind: 'null', ...SPAN } as const),
  fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 }).map((path) => ({ kind: 'field', path, name: path.join('.'), ...SPAN }) as const),
);

/** Syntax trees the parser can produce: a minus sign directly on a number is part of the literal, so never a unary node. */
const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ op: fc.constantFrom('-' as const, 'not' as const), operand: tie('expr') })
      .filter(({ op, operand }) => op === 'not' || operand.kind !== 'number')
      .map(({ op, operand }) => ({ kind: 'unary', op, operand, ...SPAN }) as const),
    fc.record({ op: fc.constantFrom(...OPERATORS), left: tie('expr'), right: tie('expr') }).map((parts) => ({ kind: 'binary', ...parts, ...SPAN }) as const),
    fc.record({ negated: fc.boolean(), operand: tie('expr'), list: fc.array(tie('expr'), { minLength: 1, maxLength: 3 }) }).map(
      (parts) => ({ kind: 'in', ...parts, ...SPAN }) as const,
    ),
    fc.record({ negated: fc.boolean(), operand: tie('expr') }).map((parts) => ({ kind: 'is-null', ...parts, ...SPAN }) as const),
    fc.oneof(
      tie('expr').map((arg) => ({ kind: 'call', name: 'abs', args: [arg], ...SPAN }) as const),
      fc.array(tie('expr'), { minLength: 2, maxLength: 3 }).map((args) => ({ kind: 'call', name: 'coalesce', args, ...SPAN }) as const),
      fc.tuple(tie('expr'), tie('expr'), tie('expr')).map((args) => ({ kind: 'call', name: 'if', args, ...SPAN }) as const),
    ),
  ),
}));

const settings = { seed: fcSeed(), numRuns: 400 };

test('printing a tree and parsing the text gives the same tree back', () => {
  fc.assert(
    fc.property(expr, (tree) => {
      expect(compareExpr(parseExpression(printExpression(tree)), tree)).toBe(0);
    }),
    settings,
  );
});

test('normalizing is idempotent and keeps the meaning', () => {
  fc.assert(
    fc.property(expr, (tree) => {
      const normalized = normalizeExpression(tree);
      expect(compareExpr(normalizeExpression(normalized), normalized)).toBe(0);
      expect(sameMeaning(printExpression(tree), printExpression(normalized))).toBe(true);
    }),
    settings,
  );
});
