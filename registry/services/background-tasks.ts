import type { Logger } from 'pino';

/** Work a request starts but does not wait for, such as storing computed diffs after a publish. */
export interface BackgroundTasks {
  /** Starts `task`; a failure is logged with `what`, never thrown, since nobody waits for it. */
  run(what: string, task: () => Promise<void>): void;
  /** Resolves once every task started so far has settled; called on shutdown. */
  drain(): Promise<void>;
}

export function createBackgroundTasks(logger: Logger): BackgroundTasks {
  const pending = new Set<Promise<void>>();
  return {
    run(what, task) {
      const running = task()
        .catch((error: unknown) => logger.warn({ err: error }, `background task failed: ${what}`))
        .finally(() => pending.delete(running));
      pending.add(running);
    },
    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
