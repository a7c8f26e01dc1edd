import { isConcordError } from '../errors.js';
import type { Expr } from '../expressions/ast.js';
import type { ValueType } from '../expressions/functions.js';
import { parseExpression } from '../expressions/parser.js';
import { typeCheck, type TypeCheckOptions } from '../expressions/type-check.js';
import type { LintProblem } from '../findings.js';
import type { FieldInfo } from '../schema-fields.js';
import { lintProblem } from './lint-rules.js';

/** Where an expression sits in the contract, for rule ids, pointers and messages. */
export interface ExpressionSite {
  readonly area: 'metric' | 'feature';
  /** Names the definition and key in messages: "metric net_revenue filter". */
  readonly label: string;
  readonly path: string;
}

export interface LintedExpression {
  readonly problems: readonly LintProblem[];
  /** The tree and its type, when the text parsed. */
  readonly expr?: Expr;
  readonly type?: ValueType;
}

/**
 * Parses and type checks one expression of a metric or feature: a parse failure is
 * `<area>-invalid-expression`, unknown fields `<area>-unknown-field`, type problems
 * `<area>-type-mismatch`, each message led by the site's label and naming the column.
 * Without `fields` (a schema too large to list) only parsing is checked.
 */
export function lintExpression(
  site: ExpressionSite,
  text: string,
  fields: ReadonlyMap<string, FieldInfo> | undefined,
  options: TypeCheckOptions = {},
): LintedExpression {
  let expr: Expr;
  try {
    expr = parseExpression(text);
  } catch (error) {
    if (!isConcordError(error)) throw error;
    return { problems: [lintProblem(`${site.area}-invalid-expression`, site.path, `${site.label}: ${error.message}`)] };
  }
  if (fields === undefined) return { problems: [], expr };
  const checked = typeCheck(expr, fields, options);
  const problems = checked.problems.map((problem) =>
    lintProblem(
      `${site.area}-${problem.kind}`,
      site.path,
      `${site.label}: ${problem.message}`,
    ),
  );
  return { problems, expr, type: checked.type };
}
