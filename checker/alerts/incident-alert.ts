import type { IncidentAlert, IncidentAlertKind, IncidentStreak } from '../../vocabulary/index.js';
import { fingerprint } from '../../contracts/index.js';

/**
 * What happened to a job's pipeline, for its owners (never its consumers: they care about the
 * data, and an outage of the checker's own access says nothing about it). The shapes are wire
 * shapes, defined once in vocabulary/delivery.ts.
 */
export type { IncidentAlert, IncidentAlertKind, IncidentError, IncidentStreak } from '../../vocabulary/index.js';

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
