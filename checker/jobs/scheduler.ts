import { Cron } from 'croner';
import { ConcordError } from '../../contracts/index.js';
import type { Incident } from './incident.js';
import { runWithRetries } from './job-attempts.js';
import type { JobOutcome, RunJob } from './job-attempts.js';
import type { JobSpec } from './jobs-file.js';

/**
 * How long a stopping scheduler lets runs in flight finish before aborting them. Container
 * platforms kill a process 30 s after SIGTERM; 20 s leaves time to flush the alert outbox after.
 */
export const DEFAULT_SHUTDOWN_GRACE_MS = 20_000;

export interface SchedulerOptions {
  readonly jobs: readonly JobSpec[];
  readonly run: RunJob;
  /** Told about every finished run (a report, or a failure after all attempts). */
  readonly onOutcome?: (outcome: JobOutcome) => void | Promise<void>;
  /** Told about every failed attempt. */
  readonly onIncident?: (incident: Incident) => void | Promise<void>;
  /** Told when a job's time came while its previous run was still going: that tick is skipped. */
  readonly onSkipped?: (job: string) => void;
  /** Defaults to the wall clock. */
  readonly clock?: () => Date;
}

export interface Scheduler {
  /** Starts every job's cron schedule or interval. */
  start(): void;
  /** Runs a job now unless it is running already (then resolves undefined): one run at a time per job. */
  trigger(name: string): Promise<JobOutcome | undefined>;
  /** Names of the jobs running now. */
  running(): readonly string[];
  /**
   * Stops starting runs and retries, waits up to `graceMs` (default {@link DEFAULT_SHUTDOWN_GRACE_MS})
   * for runs in flight, then aborts the rest and waits for them to settle.
   */
  stop(graceMs?: number): Promise<void>;
}

/** A scheduler over `jobs`, each on its cron expression (croner) or interval, one run at a time per job. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const byName = new Map(options.jobs.map((job) => [job.name, job]));
  const inFlight = new Map<string, Promise<JobOutcome>>();
  const timers: { stop(): void }[] = [];
  const noRetries = new AbortController();
  const hard = new AbortController();

  const trigger = async (name: string): Promise<JobOutcome | undefined> => {
    const job = byName.get(name);
    if (job === undefined) throw new ConcordError('invalid-argument', `there is no job ${name}: the jobs are ${[...byName.keys()].join(', ')}`);
    if (noRetries.signal.aborted || inFlight.has(name)) {
      if (inFlight.has(name)) options.onSkipped?.(name);
      return undefined;
    }
    const running = runWithRetries(job, options.run, {
      signal: hard.signal,
      noRetries: noRetries.signal,
      ...(options.onIncident === undefined ? {} : { onIncident: options.onIncident }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    }).then(async (outcome) => {
      await options.onOutcome?.(outcome);
      return outcome;
    });
    inFlight.set(name, running);
    try {
      return await running;
    } finally {
      inFlight.delete(name);
    }
  };

  const fire = (name: string) => (): void => {
    void trigger(name).catch(() => undefined);
  };

  return {
    start() {
      for (const job of options.jobs) {
        if (job.schedule.kind === 'cron') {
          const cron = new Cron(job.schedule.cron, fire(job.name));
          timers.push({ stop: () => cron.stop() });
        } else {
          const interval = setInterval(fire(job.name), job.schedule.everyMs);
          timers.push({ stop: () => clearInterval(interval) });
        }
      }
    },
    trigger,
    running: () => [...inFlight.keys()],
    async stop(graceMs = DEFAULT_SHUTDOWN_GRACE_MS) {
      for (const timer of timers.splice(0)) timer.stop();
      noRetries.abort();
      const settled = Promise.allSettled([...inFlight.values()]);
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
      });
      if ((await Promise.race([settled, grace])) === 'late') hard.abort();
      clearTimeout(timer);
      await settled;
    },
  };
}
