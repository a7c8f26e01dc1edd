import type { CheckFinding, Verdict } from '../model.js';

/**
 * What changed between two runs of one contract on one source:
 * - `breaking`: the verdict became breaking (from pass, warn or no earlier run);
 * - `recovered`: the verdict was breaking and no longer is;
 * - `warn`: the verdict went from pass (or no earlier run) to warn;
 * - `cleared`: the verdict went from warn to pass;
 * - `new-findings`: the verdict stayed warn or breaking, but problems appeared that the previous
 *   run did not have (told apart by finding fingerprint).
 */
export type AlertKind = 'breaking' | 'recovered' | 'warn' | 'cleared' | 'new-findings';

/** A finding as alerts carry it: what and where, without examples or observed values. */
export type AlertFinding = Pick<CheckFinding, 'rule' | 'severity' | 'path' | 'message' | 'fingerprint'> & { readonly field?: string };

/** One state transition worth telling people about. Alerts are data; sinks turn them into messages. */
export interface Alert {
  /**
   * Stable identity of this transition: the same previous run, kind and new fingerprints give
   * the same id, so a check repeated after a crash re-sends the alert it may have queued under
   * the same id instead of a second one. Receivers may use it to drop duplicates.
   */
  readonly id: string;
  readonly kind: AlertKind;
  readonly contract: string;
  readonly version: string;
  /** Source description (no secrets) and its name from the contract, when it has one. */
  readonly source: string;
  readonly sourceName?: string;
  readonly verdict: Verdict;
  /** Null when there was no earlier run. */
  readonly previousVerdict: Verdict | null;
  /** When the run that caused the alert started, ISO 8601. */
  readonly startedAt: string;
  /** Breaking and warning findings not in the previous run, breaking first. */
  readonly newFindings: readonly AlertFinding[];
  /** Breaking and warning findings of the current run, counted. */
  readonly open: { readonly breaking: number; readonly warning: number };
  /** Fingerprints of the previous run's problems that are gone. */
  readonly resolved: readonly string[];
  /** One line for people: names the contract, version, source and what to do next. */
  readonly summary: string;
}

/** Where alerts go. Implementations must not lose an alert they accepted (see webhook-sink.ts). */
export interface AlertSink {
  readonly description: string;
  /** Accepts an alert for delivery; resolves once it is safely kept, not necessarily delivered. */
  send(alert: Alert): Promise<void>;
}
