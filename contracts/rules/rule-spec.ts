import type { Breaks } from '../findings.js';
import type { RuleRow } from './rule-row.js';

/** One row of the change rule catalog: docs, tests and the engines all read these rows. */
export interface RuleSpec<Id extends string = string> extends RuleRow<Id> {
  readonly kind: 'change';
  readonly area: 'schema' | 'metric' | 'feature' | 'contract';
  /** Direction(s) the change breaks under the strict policy. */
  readonly breaks: Breaks;
  /** Direction(s) the change breaks under the lenient policy, when different from `breaks`. */
  readonly lenientBreaks?: Breaks;
  /** Severity when the change does not break in the chosen mode. */
  readonly otherwise: 'warning' | 'info';
  /** Version bump a non-breaking occurrence needs: `patch` for documentation-only changes. */
  readonly bump: 'minor' | 'patch';
}

/**
 * A frozen change rule row. Its default `severity` is the one under the default compatibility
 * (forward, strict), which is what a contract without a `compatibility` gets; `const Id` keeps the
 * id's literal type so the catalog's `ChangeRuleId` union is read off the rows.
 */
export function changeRule<const Id extends string>(row: Omit<RuleSpec<Id>, 'kind' | 'severity'>): RuleSpec<Id> {
  const breaksForward = row.breaks === 'forward' || row.breaks === 'both';
  return Object.freeze({ ...row, kind: 'change' as const, severity: breaksForward ? ('breaking' as const) : row.otherwise });
}
