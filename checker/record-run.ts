import type { TransitionAlerts } from './alerts/transition-alerts.js';
import type { BaselineStore } from './baseline/baseline-store.js';
import { baselineSourceKey } from './baseline/baseline-store.js';
import type { CheckReport } from './model.js';

/** Where a finished run goes: its history (baselines) and the people told about its transitions. */
export interface RunRecording {
  /** None: the run is neither recorded nor compared, so nothing alerts either. */
  readonly baselines?: BaselineStore;
  /** None: the run is recorded silently. */
  readonly alerts?: TransitionAlerts;
}

/**
 * The steps after a check: "alert on transitions" against the store's newest run of the same
 * contract and source (whatever its verdict, not the baseline: a fix after a breaking run is
 * `recovered` on the very run that passes), then "record the run". The alert is kept by its sink
 * before the run is recorded: a crash in between repeats the same transition next time (same
 * alert id, so the outbox sends it once), while the other order could record the new state and
 * lose the alert for good.
 */
export async function recordRun(report: CheckReport, recording: RunRecording): Promise<void> {
  const { baselines, alerts } = recording;
  if (baselines === undefined) return;
  if (alerts !== undefined) await alerts.alertOn(await baselines.latest(report.contract, baselineSourceKey(report)), report);
  await baselines.record(report);
}
