import { ConcordError } from './errors.js';
import type { Breaks, Change, Finding, Severity } from './findings.js';
import type {
  CompatibilityDirection,
  CompatibilityMode,
  CompatibilityPolicy,
} from './model.js';
import { ruleById } from './rules/catalog.js';

export const COMPATIBILITY_MODES: readonly CompatibilityMode[] = Object.freeze([
  'none',
  'backward',
  'forward',
  'full',
  'backward_transitive',
  'forward_transitive',
  'full_transitive',
]);

export const COMPATIBILITY_POLICIES: readonly CompatibilityPolicy[] = Object.freeze(['strict', 'lenient']);

export function parseMode(text: string): CompatibilityMode {
  const normalized = text.trim().toLowerCase().replace(/-/g, '_') as CompatibilityMode;
  if (!COMPATIBILITY_MODES.includes(normalized)) {
    throw new ConcordError(
      'invalid-argument',
      `unknown compatibility mode "${text}": use one of ${COMPATIBILITY_MODES.join(', ')}`,
    );
  }
  return normalized;
}

export function parsePolicy(text: string): CompatibilityPolicy {
  const normalized = text.trim().toLowerCase() as CompatibilityPolicy;
  if (!COMPATIBILITY_POLICIES.includes(normalized)) {
    throw new ConcordError('invalid-argument', `unknown compatibility policy "${text}": use strict or lenient`);
  }
  return normalized;
}

export function directionOf(mode: CompatibilityMode): CompatibilityDirection {
  return mode.replace(/_transitive$/, '') as CompatibilityDirection;
}

export function isTransitive(mode: CompatibilityMode): boolean {
  return mode.endsWith('_transitive');
}

/** Whether a change that breaks `breaks` is breaking under `direction`. */
export function breaksIn(breaks: Breaks, direction: CompatibilityDirection): boolean {
  if (breaks === 'none' || direction === 'none') return false;
  if (direction === 'full' || breaks === 'both') return true;
  return breaks === direction;
}

/** The directions a rule breaks under a policy, from the catalog. */
export function ruleBreaks(rule: string, policy: CompatibilityPolicy): Breaks {
  const spec = ruleById(rule);
  return policy === 'lenient' && spec.lenientBreaks !== undefined ? spec.lenientBreaks : spec.breaks;
}

function findingOf(change: Change, direction: CompatibilityDirection, policy: CompatibilityPolicy): Finding {
  const severity: Severity = breaksIn(ruleBreaks(change.rule, policy), direction) ? 'breaking' : ruleById(change.rule).otherwise;
  // Object.assign, not spread: changes come in many shapes, and V8's spread of such
  // megamorphic objects was ten times slower, which a transitive check pays per finding.
  return Object.assign({}, change, { severity });
}

/** Judges raw changes under a mode and policy, giving each its severity. */
export function judge(
  changes: readonly Change[],
  mode: CompatibilityMode,
  policy: CompatibilityPolicy,
): Finding[] {
  const direction = directionOf(mode);
  return changes.map((change) => findingOf(change, direction, policy));
}
