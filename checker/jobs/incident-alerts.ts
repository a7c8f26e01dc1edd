import { incidentAlertOf, recoveredAlertOf } from '../alerts/incident-alert.js';
import type { IncidentAlert } from '../alerts/incident-alert.js';
import type { AlertOutbox } from '../alerts/outbox.js';
import { incidentPayloadFor } from '../alerts/payloads.js';
import type { Recipient } from '../alerts/recipients.js';
import type { Incident } from './incident.js';
import type { IncidentState, IncidentStateStore } from './incident-state.js';
import type { JobOutcome } from './job-attempts.js';

/**
 * Consecutive failed attempts before a job's owners hear about it, unless the jobs file says
 * `alerts.incident-after`. Three is the default number of attempts of one run, so by default a
 * run that failed all its retries alerts, while one flaky attempt that a retry fixed does not.
 */
export const DEFAULT_INCIDENT_AFTER = 3;

export interface IncidentAlertsOptions {
  /** Where each job's streak is kept between runs and restarts. */
  readonly states: IncidentStateStore;
  readonly outbox: AlertOutbox;
  /** The owners' receivers; consumers never get incident alerts. */
  readonly owners: readonly Recipient[];
  /** Defaults to {@link DEFAULT_INCIDENT_AFTER}. */
  readonly after?: number;
  /** Called after deliveries were queued, so a dispatcher can send them at once. */
  readonly onQueued?: () => void;
  /** Told about every alert once its deliveries are kept in the outbox. */
  readonly onAlert?: (alert: IncidentAlert) => void;
  /** Defaults to the wall clock. */
  readonly clock?: () => Date;
}

/** Tells a job's owners when it stops being able to run and when it runs again: transitions only, never every failure. */
export interface IncidentAlerts {
  /** Counts a failed attempt; the one that reaches the threshold queues the `incident` alert. */
  failed(incident: Incident): Promise<void>;
  /** Ends the job's streak on a run that produced a report; queues `recovered` when the streak was alerted. */
  outcome(outcome: JobOutcome): Promise<void>;
}

/**
 * Incident alerts through the on-disk outbox. The alert is kept in the outbox before the state
 * that says it was sent is written: a crash in between queues it again under the same id (so it
 * is delivered once), while the other order could record it as sent and lose it.
 */
export function createIncidentAlerts(options: IncidentAlertsOptions): IncidentAlerts {
  const after = options.after ?? DEFAULT_INCIDENT_AFTER;
  const clock = options.clock ?? (() => new Date());

  const send = async (alert: IncidentAlert): Promise<void> => {
    const queued = await options.outbox.enqueue(
      options.owners.map((recipient) => ({ alertId: alert.id, url: recipient.url, format: recipient.format, for: recipient.for, payload: incidentPayloadFor(alert, recipient.format) })),
      clock(),
    );
    if (queued.length > 0) options.onQueued?.();
    options.onAlert?.(alert);
  };

  return {
    async failed(incident) {
      const before = await options.states.read(incident.job);
      const streak: IncidentState = {
        job: incident.job,
        contract: incident.contract,
        source: incident.source,
        failures: (before?.failures ?? 0) + 1,
        since: before?.since ?? incident.at,
        lastError: { code: incident.code, message: incident.message, at: incident.at },
        ...(before?.alertId === undefined ? {} : { alertId: before.alertId }),
      };
      if (streak.alertId !== undefined || streak.failures < after) {
        await options.states.write(streak);
        return;
      }
      const alert = incidentAlertOf(streak);
      await send(alert);
      await options.states.write({ ...streak, alertId: alert.id });
    },

    async outcome(outcome) {
      if (outcome.kind !== 'report') return;
      const streak = await options.states.read(outcome.job);
      if (streak === undefined) return;
      if (streak.alertId !== undefined) await send(recoveredAlertOf(streak, clock()));
      await options.states.clear(outcome.job);
    },
  };
}
