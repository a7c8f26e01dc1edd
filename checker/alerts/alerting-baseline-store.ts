import type { BaselineStore } from '../baseline/baseline-store.js';
import { baselineSourceKey } from '../baseline/baseline-store.js';
import type { Alert, AlertSink } from './alert.js';
import { alertFor } from './transitions.js';

export interface AlertingOptions {
  /** Told about every alert once the sink kept it. */
  readonly onAlert?: (alert: Alert) => void;
}

/**
 * Wraps a baseline store so that recording a run first alerts on its transition from the
 * previous run (the store's newest run of the same contract and source, whatever its verdict,
 * not the baseline: a fix after a breaking run is `recovered` on the very run that passes). The
 * alert is kept by the sink before the run is recorded: a crash in between repeats the same
 * transition next time (same alert id, so the outbox sends it once), while the other order could
 * record the new state and lose the alert for good.
 */
export function withAlerts(inner: BaselineStore, sink: AlertSink, options: AlertingOptions = {}): BaselineStore {
  return {
    description: `${inner.description}, alerts to ${sink.description}`,
    latest: (contract, source) => inner.latest(contract, source),
    baseline: (contract, source) => inner.baseline(contract, source),
    async record(report) {
      const before = await inner.latest(report.contract, baselineSourceKey(report));
      const alert = alertFor(before, report);
      if (alert !== undefined) {
        await sink.send(alert);
        options.onAlert?.(alert);
      }
      await inner.record(report);
    },
  };
}
