import type { RuleSpec } from './rule-spec.js';

export const FEATURE_RULES: readonly RuleSpec[] = Object.freeze([]);
