import { ConcordError } from '../errors.js';
import type { LintProblem } from '../findings.js';
import { DOCUMENT_LINT_RULES } from './document-lint-rules.js';
import type { LintRuleSpec } from './lint-rule.js';
import { SEMANTIC_LINT_RULES } from './semantic-lint-rules.js';

/** The lint rule catalog: document and record-schema rules, then the semantic rules of metrics, features and SLAs. */
export const LINT_RULES = Object.freeze([...DOCUMENT_LINT_RULES, ...SEMANTIC_LINT_RULES]);

/** Every lint rule id, read off the catalog: a lint rule id the catalog lacks is a type error. */
export type LintRuleId = (typeof LINT_RULES)[number]['id'];

const BY_ID: ReadonlyMap<string, LintRuleSpec<LintRuleId>> = new Map(LINT_RULES.map((rule) => [rule.id, rule]));

/** A lint problem for a rule of the catalog, with that rule's severity. */
export function lintProblem(rule: LintRuleId, path: string, message: string): LintProblem {
  const spec = BY_ID.get(rule);
  if (spec === undefined) throw new ConcordError('internal', `lint rule "${rule}" is not in LINT_RULES`);
  return { rule, severity: spec.severity, path, message };
}
