import type { Expr } from './ast.js';

/** The distinct field names an expression reads, in order of first appearance. */
export function referencedFields(expr: Expr): string[] {
  const names = new Set<string>();
  const pending: Expr[] = [expr];
  while (pending.length > 0) {
    const node = pending.pop()!;
    switch (node.kind) {
      case 'field':
        names.add(node.name);
        break;
      case 'unary':
      case 'is-null':
        pending.push(node.operand);
        break;
      case 'binary':
        pending.push(node.right, node.left);
        break;
      case 'in':
        pending.push(...[...node.list].reverse(), node.operand);
        break;
      case 'call':
        pending.push(...[...node.args].reverse());
        break;
      default:
        break;
    }
  }
  return [...names];
}
