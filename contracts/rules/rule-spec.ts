import type { Breaks } from '../findings.js';

/** One row of the rule catalog: docs, tests and the engines all read these rows. */
export interface RuleSpec {
  /** Stable kebab-case id; never renamed once released. */
  readonly id: string;
  readonly area: 'schema' | 'metric' | 'feature' | 'contract';
  /** Direction(s) the change breaks under the strict policy. */
  readonly breaks: Breaks;
  /** Direction(s) the change breaks under the lenient policy, when different from `breaks`. */
  readonly lenientBreaks?: Breaks;
  /** Severity when the change does not break in the chosen mode. */
  readonly otherwise: 'warning' | 'info';
  /** Version bump a non-breaking occurrence needs: `patch` for documentation-only changes. */
  readonly bump: 'minor' | 'patch';
  /** One sentence for the README and `concord rules`: what the change is and whom it breaks. */
  readonly explanation: string;
}
