import type { RuleSpec } from './rule-spec.js';

export const CONTRACT_RULES: readonly RuleSpec[] = Object.freeze([]);
