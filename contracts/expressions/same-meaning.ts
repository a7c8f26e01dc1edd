import { isConcordError } from '../errors.js';
import { compareExpr } from './compare.js';
import { normalizeExpression } from './normalize.js';
import { parseExpression } from './parser.js';
import type { Expr } from './ast.js';

function tryParse(text: string): Expr | undefined {
  try {
    return normalizeExpression(parseExpression(text));
  } catch (error) {
    if (isConcordError(error)) return undefined;
    throw error;
  }
}

function collapseSpace(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * Whether two expressions mean the same: their normalized trees are equal, so spacing,
 * parentheses, keyword case, operand order of commutative operators and `==` versus `=` do not
 * matter. Text that does not parse is compared with runs of whitespace collapsed, so diffing
 * documents that still have lint errors never throws.
 */
export function sameMeaning(a: string, b: string): boolean {
  const left = tryParse(a);
  const right = tryParse(b);
  if (left === undefined || right === undefined) return collapseSpace(a) === collapseSpace(b);
  return compareExpr(left, right) === 0;
}
