import type { FindingKind, Severity } from '../findings.js';

/**
 * What every rule catalog row shares, whatever its kind: `concord rules`, the docs tables and the
 * `.concord/rules.yaml` overrides read these fields of each kind's table.
 */
export interface RuleRow<Id extends string = string> {
  /** Stable kebab-case id; never renamed once released, since fingerprints and override files name it. */
  readonly id: Id;
  readonly kind: FindingKind;
  /** Severity of a finding under this rule when nothing (a mode, a threshold, an override) says otherwise. */
  readonly severity: Severity;
  /** One or two sentences for the docs and `concord rules`: what the finding means. */
  readonly explanation: string;
}
