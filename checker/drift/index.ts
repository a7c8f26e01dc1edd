/** Drift detection: what a run's profile, violations and sample say about the feed against its contract. */
export { detectDrift } from './detect-drift.js';
export type { DetectDriftInput } from './detect-drift.js';
export { verdictOf } from './verdict.js';
export { DRIFT_RULES, driftRule } from './drift-rules.js';
export type { DriftRuleId, DriftRuleSpec } from './drift-rules.js';
export {
  DEFAULT_DRIFT_THRESHOLDS,
  DEFAULT_MIN_VALUES_FOR_SHIFT,
  DEFAULT_NULL_RATE_JUMP,
  DEFAULT_PSI_BREAKING,
  DEFAULT_PSI_WARN,
  DEFAULT_RENAME_MAX_PRESENCE,
  resolveThresholds,
} from './drift-thresholds.js';
export type { DriftThresholds } from './drift-thresholds.js';
export { renderDriftRulesMarkdown } from './drift-rules-markdown.js';
