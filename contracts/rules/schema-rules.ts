import type { RuleSpec } from './rule-spec.js';

export const SCHEMA_RULES: readonly RuleSpec[] = Object.freeze([]);
