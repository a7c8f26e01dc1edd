import { ConcordError } from '../../contracts/index.js';
import { topReason } from '../reports/report-findings.js';
import type { Incident } from './incident.js';
import { runWithRetries } from './job-attempts.js';
import type { JobOutcome, RunJob } from './job-attempts.js';
import type { JobSpec } from './jobs-file.js';

/** Exit codes of `jobs run-once`: like `concord check`. */
export const RUN_ONCE_EXIT = Object.freeze({ ok: 0, breaking: 1, couldNotRun: 2 });

/** 2 when any job could not run, else 1 when any report is breaking, else 0 (pass and warn). */
export function runOnceExitCode(outcomes: readonly JobOutcome[]): number {
  if (outcomes.some((outcome) => outcome.kind === 'failed')) return RUN_ONCE_EXIT.couldNotRun;
  if (outcomes.some((outcome) => outcome.kind === 'report' && outcome.report.verdict === 'breaking')) return RUN_ONCE_EXIT.breaking;
  return RUN_ONCE_EXIT.ok;
}

/**
 * One line of `jobs run-once` output per job, tab-separated: job, verdict (or `could not run`),
 * contract, version and source, and the top reason (see `topReason`) when the run did not pass cleanly.
 */
export function outcomeLine(outcome: JobOutcome): string {
  if (outcome.kind !== 'report') return `${outcome.job}\tcould not run\t${outcome.error.message}`;
  const { report } = outcome;
  const reason = topReason(report);
  return `${outcome.job}\t${report.verdict}\t${report.contract} ${report.version} on ${report.sourceName ?? report.source}${reason === undefined ? '' : `\t${reason}`}`;
}

/** The jobs `--job` names (every job when none is named); ConcordError `invalid-argument` for an unknown name. */
export function selectJobs(jobs: readonly JobSpec[], names: readonly string[]): readonly JobSpec[] {
  if (names.length === 0) return jobs;
  return names.map((name) => {
    const job = jobs.find((each) => each.name === name);
    if (job === undefined) throw new ConcordError('invalid-argument', `there is no job ${name}: the jobs are ${jobs.map((each) => each.name).join(', ')}`);
    return job;
  });
}

export interface RunOnceOptions {
  readonly signal?: AbortSignal;
  readonly onIncident?: (incident: Incident) => void | Promise<void>;
  readonly onOutcome?: (outcome: JobOutcome) => void | Promise<void>;
}

/** Runs each job once, one after another, each with its timeout and retries: for external cron and Kubernetes CronJobs. */
export async function runJobsOnce(jobs: readonly JobSpec[], run: RunJob, options: RunOnceOptions = {}): Promise<readonly JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    const outcome = await runWithRetries(job, run, {
      ...(options.signal === undefined ? {} : { signal: options.signal, noRetries: options.signal }),
      ...(options.onIncident === undefined ? {} : { onIncident: options.onIncident }),
    });
    await options.onOutcome?.(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}
