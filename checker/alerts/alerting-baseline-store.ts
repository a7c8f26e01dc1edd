import type { BaselineStore } from '../baseline/baseline-store.js';
import { baselineSourceKey } from '../baseline/baseline-store.js';
import type { CheckReport } from '../model.js';
import type { Alert, AlertSink } from './alert.js';
import { alertFor } from './transitions.js';

export interface AlertingOptions {
  /** Told about every alert once the sink kept it. */
  readonly onAlert?: (alert: Alert) => void;
}

/**
 * Wraps a baseline store so that recording a run first alerts on its transition from the
 * previous run (the one `latest` returned for the same contract and source, or the store's
 * latest when `latest` was not asked). The alert is kept by the sink before the run is recorded:
 * a crash in between repeats the same transition next time (same alert id, so the outbox sends it
 * once), while the other order could record the new state and lose the alert for good.
 */
export function withAlerts(inner: BaselineStore, sink: AlertSink, options: AlertingOptions = {}): BaselineStore {
  const previous = new Map<string, CheckReport | undefined>();
  const keyOf = (contract: string, source: string): string => JSON.stringify([contract, source]);
  return {
    description: `${inner.description}, alerts to ${sink.description}`,
    async latest(contract, source) {
      const report = await inner.latest(contract, source);
      previous.set(keyOf(contract, source), report);
      return report;
    },
    async record(report) {
      const source = baselineSourceKey(report);
      const key = keyOf(report.contract, source);
      const before = previous.has(key) ? previous.get(key) : await inner.latest(report.contract, source);
      previous.delete(key);
      const alert = alertFor(before, report);
      if (alert !== undefined) {
        await sink.send(alert);
        options.onAlert?.(alert);
      }
      await inner.record(report);
    },
  };
}
