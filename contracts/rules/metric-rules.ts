import type { RuleSpec } from './rule-spec.js';

export const METRIC_RULES: readonly RuleSpec[] = Object.freeze([]);
