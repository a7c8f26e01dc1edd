import { ConcordError } from '../errors.js';
import type { Change } from '../findings.js';
import { CONTRACT_RULES } from './contract-rules.js';
import { FEATURE_RULES } from './feature-rules.js';
import { METRIC_RULES } from './metric-rules.js';
import type { RuleSpec } from './rule-spec.js';
import { SCHEMA_RULES } from './schema-rules.js';

/** The change rule catalog: one table that the engines, the docs and the tests all read. */
export const RULE_CATALOG = Object.freeze([...SCHEMA_RULES, ...METRIC_RULES, ...FEATURE_RULES, ...CONTRACT_RULES]);

/** Every change rule id, read off the catalog: a rule id the catalog lacks is a type error. */
export type ChangeRuleId = (typeof RULE_CATALOG)[number]['id'];

/** A change as an engine emits it: its rule id is checked against the catalog at compile time. */
export type RuleChange = Change & { readonly rule: ChangeRuleId };

const BY_ID: ReadonlyMap<string, RuleSpec<ChangeRuleId>> = new Map(RULE_CATALOG.map((rule) => [rule.id, rule]));

export function ruleById(id: string): RuleSpec<ChangeRuleId> {
  const spec = BY_ID.get(id);
  if (spec === undefined) throw new ConcordError('internal', `rule "${id}" is not in the catalog`);
  return spec;
}

export function hasRule(id: string): id is ChangeRuleId {
  return BY_ID.has(id);
}
