import type { CheckReport } from '../model.js';
import type { Alert, AlertSink } from './alert.js';
import { alertFor } from './transitions.js';

/** The "alert on transitions" step of a run: tells the sink what changed since the previous run of the same contract and source. */
export interface TransitionAlerts {
  readonly description: string;
  /**
   * Keeps the alert `current` causes against `previous` (see alertFor: verdict transitions and new
   * problem fingerprints only) in the sink; resolves with it once kept, or undefined when nothing changed.
   */
  alertOn(previous: CheckReport | undefined, current: CheckReport): Promise<Alert | undefined>;
}

export interface TransitionAlertsOptions {
  /** Told about every alert once the sink kept it. */
  readonly onAlert?: (alert: Alert) => void;
}

/** Alerts on the transitions of runs through `sink`. */
export function createTransitionAlerts(sink: AlertSink, options: TransitionAlertsOptions = {}): TransitionAlerts {
  return {
    description: `alerts to ${sink.description}`,
    async alertOn(previous, current) {
      const alert = alertFor(previous, current);
      if (alert === undefined) return undefined;
      await sink.send(alert);
      options.onAlert?.(alert);
      return alert;
    },
  };
}
