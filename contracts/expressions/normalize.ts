import type { BinaryExpr, BinaryOperator, Expr } from './ast.js';
import { compareExpr } from './compare.js';

/** Operators whose operands may be reordered and regrouped without changing the value. */
const COMMUTATIVE: ReadonlySet<BinaryOperator> = new Set(['and', 'or', '+', '*']);
/** Of those, the ones where a repeated operand changes nothing (`a and a` is `a`). */
const IDEMPOTENT: ReadonlySet<BinaryOperator> = new Set(['and', 'or']);

/** `x > y` is written `y < x` (and `>=` as `<=`), so each comparison has one canonical direction. */
const FLIPPED: Partial<Record<BinaryOperator, BinaryOperator>> = { '>': '<', '>=': '<=' };

/** What `not (x op y)` is without the `not`; all of these hold in three-valued (null) logic too. */
const NEGATED: Partial<Record<BinaryOperator, BinaryOperator>> = {
  '=': '!=',
  '==': '!=',
  '!=': '=',
  '<': '>=',
  '<=': '>',
  '>': '<=',
  '>=': '<',
};

function sortUnique(operands: readonly Expr[], unique: boolean): Expr[] {
  const sorted = [...operands].sort(compareExpr);
  return unique ? sorted.filter((operand, index) => index === 0 || compareExpr(sorted[index - 1]!, operand) !== 0) : sorted;
}

/**
 * The operands of a chain of one commutative operator, gathered without recursion so that a long
 * `a + b + c + ...` costs one sort instead of one per level.
 */
function chainOperands(root: BinaryExpr): Expr[] {
  const operands: Expr[] = [];
  const pending: Expr[] = [root];
  while (pending.length > 0) {
    const expr = pending.pop()!;
    if (expr.kind === 'binary' && expr.op === root.op) pending.push(expr.right, expr.left);
    else operands.push(expr);
  }
  return operands;
}

function normalizeChain(expr: BinaryExpr): Expr {
  const operands: Expr[] = [];
  for (const operand of chainOperands(expr)) {
    const normalized = normalize(operand);
    // Normalizing an operand (e.g. `not not (a and b)`) can expose another link of the same chain.
    if (normalized.kind === 'binary' && normalized.op === expr.op) operands.push(...chainOperands(normalized));
    else operands.push(normalized);
  }
  const [first, ...rest] = sortUnique(operands, IDEMPOTENT.has(expr.op));
  return rest.reduce<Expr>((left, right) => ({ kind: 'binary', op: expr.op, left, right, start: expr.start, end: expr.end }), first!);
}

function normalizeBinary(expr: BinaryExpr): Expr {
  if (COMMUTATIVE.has(expr.op)) return normalizeChain(expr);
  let left = normalize(expr.left);
  let right = normalize(expr.right);
  let op: BinaryOperator = expr.op === '==' ? '=' : expr.op;
  const flipped = FLIPPED[op];
  if (flipped !== undefined) {
    [left, right] = [right, left];
    op = flipped;
  }
  if ((op === '=' || op === '!=') && compareExpr(left, right) > 0) [left, right] = [right, left];
  return { ...expr, op, left, right };
}

function normalizeNot(expr: Expr & { kind: 'unary' }): Expr {
  const operand = expr.operand;
  if (operand.kind === 'unary' && operand.op === 'not') return normalize(operand.operand);
  if (operand.kind === 'in' || operand.kind === 'is-null') return normalize({ ...operand, negated: !operand.negated });
  if (operand.kind === 'binary') {
    const negated = NEGATED[operand.op];
    if (negated !== undefined) return normalize({ ...operand, op: negated });
  }
  return { ...expr, operand: normalize(operand) };
}

function normalize(expr: Expr): Expr {
  switch (expr.kind) {
    case 'number':
      return Object.is(expr.value, -0) ? { ...expr, value: 0 } : expr;
    case 'string':
    case 'boolean':
    case 'null':
    case 'field':
      return expr;
    case 'unary': {
      if (expr.op === 'not') return normalizeNot(expr);
      const operand = normalize(expr.operand);
      if (operand.kind === 'number') return { ...operand, value: operand.value === 0 ? 0 : -operand.value, start: expr.start };
      if (operand.kind === 'unary' && operand.op === '-') return operand.operand;
      return { ...expr, operand };
    }
    case 'binary':
      return normalizeBinary(expr);
    case 'in':
      return { ...expr, operand: normalize(expr.operand), list: sortUnique(expr.list.map(normalize), true) };
    case 'is-null':
      return { ...expr, operand: normalize(expr.operand) };
    case 'call':
      return { ...expr, args: expr.args.map(normalize) };
  }
}

/**
 * The canonical form of an expression, for telling whether two expressions mean the same:
 * `==` becomes `=`, `>`/`>=` become `<`/`<=` with the sides swapped, operands of `and`, `or`,
 * `+`, `*`, `=` and `!=` are sorted (and repeated `and`/`or` operands dropped), `in` lists are
 * sorted and deduplicated, `not` is pushed into comparisons, `in` and `is null`, double negations
 * cancel, and numbers are plain values (`1.0` is `1`). Parentheses are not part of the tree, so
 * redundant ones are already gone; `printExpression` prints the result.
 */
export function normalizeExpression(expr: Expr): Expr {
  return normalize(expr);
}
