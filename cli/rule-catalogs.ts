import { DRIFT_RULES, type DriftRuleId } from '../checker/index.js';
import { READ_RULES, type ReadRuleId } from '../vocabulary/index.js';
import { LINT_RULES, RULE_CATALOG, type ChangeRuleId, type FindingKind, type LintRuleId, type RuleRow } from '../contracts/index.js';

/** Any rule id of any kind: ids are unique across the four catalogs, so an override file names a rule by id alone. */
export type RuleId = ChangeRuleId | LintRuleId | DriftRuleId | ReadRuleId;

/** Each kind's catalog, in the order `concord rules` lists them. */
export const CATALOGS: Readonly<Record<FindingKind, readonly RuleRow[]>> = Object.freeze({
  change: RULE_CATALOG,
  lint: LINT_RULES,
  drift: DRIFT_RULES,
  read: READ_RULES,
});

/** Every rule of every kind by id: what `.concord/rules.yaml` may name. */
export const ALL_RULES: ReadonlyMap<string, RuleRow<RuleId>> = new Map(
  [...RULE_CATALOG, ...LINT_RULES, ...DRIFT_RULES, ...READ_RULES].map((rule): [string, RuleRow<RuleId>] => [rule.id, rule]),
);
