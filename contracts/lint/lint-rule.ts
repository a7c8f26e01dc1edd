import type { Severity } from '../findings.js';
import type { RuleRow } from '../rules/rule-row.js';

/** One lint rule row: a stable id, how bad a problem under it is, and one sentence for docs and `concord rules`. */
export interface LintRuleSpec<Id extends string = string> extends RuleRow<Id> {
  readonly kind: 'lint';
}

/** A frozen lint rule row; `const Id` keeps the id's literal type so `LintRuleId` is read off the tables. */
export function lintRule<const Id extends string>(id: Id, severity: Exclude<Severity, 'info'>, explanation: string): LintRuleSpec<Id> {
  return Object.freeze({ id, kind: 'lint' as const, severity, explanation });
}
