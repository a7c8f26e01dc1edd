import { ConcordError } from '../errors.js';
import { CONTRACT_RULES } from './contract-rules.js';
import { FEATURE_RULES } from './feature-rules.js';
import { METRIC_RULES } from './metric-rules.js';
import type { RuleSpec } from './rule-spec.js';
import { SCHEMA_RULES } from './schema-rules.js';

/** The rule catalog: one table that the engines, the docs and the tests all read. */
export const RULE_CATALOG: readonly RuleSpec[] = Object.freeze([
  ...SCHEMA_RULES,
  ...METRIC_RULES,
  ...FEATURE_RULES,
  ...CONTRACT_RULES,
]);

const BY_ID: ReadonlyMap<string, RuleSpec> = new Map(RULE_CATALOG.map((rule) => [rule.id, rule]));

export function ruleById(id: string): RuleSpec {
  const spec = BY_ID.get(id);
  if (spec === undefined) throw new ConcordError('internal', `rule "${id}" is not in the catalog`);
  return spec;
}

export function hasRule(id: string): boolean {
  return BY_ID.has(id);
}
