import { fingerprint } from '../fingerprint.js';

/**
 * What happened to a job's pipeline, for its owners (never its consumers: they care about the
 * data, and an outage of the checker's own access says nothing about it):
 * - `incident`: the job failed its configured number of consecutive attempts;
 * - `recovered`: the job ran again after such an incident.
 */
export type IncidentAlertKind = 'incident' | 'recovered';

/** The failure a streak of attempts ended on. */
export interface IncidentError {
  /** ConcordError code (`source-unavailable`, `not-found`, ...) or `internal`. */
  readonly code: string;
  readonly message: string;
  /** ISO 8601, when the failed attempt started. */
  readonly at: string;
}

/** A job's unbroken run of failed attempts, as kept between runs and restarts. */
export interface IncidentStreak {
  readonly job: string;
  readonly contract: string;
  /** Source description without secrets (see describeJobSource). */
  readonly source: string;
  /** Consecutive failed attempts so far. */
  readonly failures: number;
  /** ISO 8601, when the first failed attempt of the streak started. */
  readonly since: string;
  readonly lastError: IncidentError;
}

/** One incident transition worth telling the owners about; alerts are data, payloads.ts makes messages. */
export interface IncidentAlert extends IncidentStreak {
  /**
   * The same for the same job, streak and kind: an alert queued again after a crash has the id
   * it had, so the outbox sends it once.
   */
  readonly id: string;
  readonly kind: IncidentAlertKind;
  /** ISO 8601, when the job ran again; only on `recovered`. */
  readonly recoveredAt?: string;
  /** One line for people: names the job, contract, source and what to do next. */
  readonly summary: string;
}

/** The streak's own fields only: a caller's object may carry more (the state's alert id) that receivers must not see. */
function fieldsOf(streak: IncidentStreak): IncidentStreak {
  const { job, contract, source, failures, since, lastError } = streak;
  return { job, contract, source, failures, since, lastError: { code: lastError.code, message: lastError.message, at: lastError.at } };
}

function idOf(kind: IncidentAlertKind, streak: IncidentStreak): string {
  return fingerprint(['job-incident', kind, streak.job, streak.since]);
}

/** The `incident` alert of a streak: the owners hear once that the job cannot run. Pure. */
export function incidentAlertOf(streak: IncidentStreak): IncidentAlert {
  return {
    ...fieldsOf(streak),
    id: idOf('incident', streak),
    kind: 'incident',
    summary: `Job ${streak.job} (${streak.contract} on ${streak.source}) could not run ${streak.failures} times in a row since ${streak.since}: ${streak.lastError.message.replace(/\.$/, '')}. Check that the source and the registry are reachable; the job keeps retrying.`,
  };
}

/** The `recovered` alert that closes an alerted streak, with when the job ran again. Pure. */
export function recoveredAlertOf(streak: IncidentStreak, recoveredAt: Date): IncidentAlert {
  return {
    ...fieldsOf(streak),
    id: idOf('recovered', streak),
    kind: 'recovered',
    recoveredAt: recoveredAt.toISOString(),
    summary: `Job ${streak.job} (${streak.contract} on ${streak.source}) runs again after ${streak.failures} failed attempts since ${streak.since}.`,
  };
}
