import type { Logger } from 'pino';
import type { Clock } from '../storage/clock.js';
import type { RunStore } from '../storage/run-store.js';
import type { BackgroundTasks } from './background-tasks.js';
import { DEFAULT_KEEP_LATEST_PER_SOURCE } from './runs.js';

/**
 * How often retention prunes after the pass at start. A checker every five minutes adds twelve
 * runs an hour per source, so an hourly pass keeps the overshoot past the retention age tiny
 * while its cost (an index range read of what is due) stays negligible.
 */
export const RUN_RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export interface RunRetentionOptions {
  /** Runs recorded longer ago than this go, except each source's newest. */
  readonly maxAgeSeconds: number;
  /** Defaults to RUN_RETENTION_INTERVAL_MS. */
  readonly intervalMs?: number;
}

export interface RunRetention {
  /** Prunes now and then every interval, each pass as background work; idempotent. */
  start(): void;
  /** Stops the timer; a pass in flight is awaited through the background tasks' drain. */
  stop(): void;
}

export interface RunRetentionDependencies {
  /** The run store on the database itself: each batch commits on its own. */
  readonly runs: RunStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly background: BackgroundTasks;
}

/**
 * Automatic check-run retention (`serve --run-retention`): deletes runs older than the maximum
 * age, keeping the newest of every contract and source (the baselines and current verdicts), and
 * logs how many went. Passes run as background tasks, so a failure is logged, never thrown, and
 * shutdown waits for a pass in flight. Not audited: the operator's configuration is the actor.
 */
export function createRunRetention(options: RunRetentionOptions, dependencies: RunRetentionDependencies): RunRetention {
  const { runs, clock, logger, background } = dependencies;
  const intervalMs = options.intervalMs ?? RUN_RETENTION_INTERVAL_MS;
  let timer: NodeJS.Timeout | undefined;
  let pruning = false;

  const prune = async (): Promise<void> => {
    const olderThan = new Date(clock().getTime() - options.maxAgeSeconds * 1000);
    const deleted = await runs.pruneRuns({ olderThan, keepLatestPerSource: DEFAULT_KEEP_LATEST_PER_SOURCE });
    logger.info({ deleted, olderThan: olderThan.toISOString() }, `run retention deleted ${deleted} check runs recorded before ${olderThan.toISOString()}`);
  };
  // A first purge of a long-grown table may outlast the interval: passes never overlap.
  const pass = (): void => {
    if (pruning) return;
    pruning = true;
    background.run('check-run retention', () => prune().finally(() => (pruning = false)));
  };

  return {
    start() {
      if (timer !== undefined) return;
      pass();
      timer = setInterval(pass, intervalMs);
      // The registry's server keeps the process alive; retention alone must not.
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
