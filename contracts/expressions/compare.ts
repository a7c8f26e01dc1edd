import type { Expr } from './ast.js';

/** Fields sort first, so a canonical comparison reads `status = 'paid'` rather than `'paid' = status`. */
const KIND_ORDER: readonly Expr['kind'][] = ['field', 'call', 'unary', 'binary', 'in', 'is-null', 'null', 'boolean', 'number', 'string'];

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLists(a: readonly Expr[], b: readonly Expr[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let index = 0; index < a.length; index += 1) {
    const order = compareExpr(a[index]!, b[index]!);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * A total order on syntax trees that ignores source offsets: 0 exactly when the trees are equal.
 * Normalization sorts commutative operands and `in` lists with it; `sameMeaning` compares with it.
 */
export function compareExpr(a: Expr, b: Expr): number {
  if (a.kind !== b.kind) return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  switch (a.kind) {
    case 'null':
      return 0;
    case 'boolean':
      return Number(a.value) - Number((b as typeof a).value);
    case 'number':
      return Math.sign(a.value - (b as typeof a).value);
    case 'string':
      return compareText(a.value, (b as typeof a).value);
    case 'field':
      return compareText(a.name, (b as typeof a).name);
    case 'call': {
      const other = b as typeof a;
      return compareText(a.name, other.name) || compareLists(a.args, other.args);
    }
    case 'unary': {
      const other = b as typeof a;
      return compareText(a.op, other.op) || compareExpr(a.operand, other.operand);
    }
    case 'binary': {
      const other = b as typeof a;
      return compareText(a.op, other.op) || compareExpr(a.left, other.left) || compareExpr(a.right, other.right);
    }
    case 'in': {
      const other = b as typeof a;
      return Number(a.negated) - Number(other.negated) || compareExpr(a.operand, other.operand) || compareLists(a.list, other.list);
    }
    case 'is-null': {
      const other = b as typeof a;
      return Number(a.negated) - Number(other.negated) || compareExpr(a.operand, other.operand);
    }
  }
}
