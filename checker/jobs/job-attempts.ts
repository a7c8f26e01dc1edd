import { ConcordError, isConcordError, formatDuration } from '../../contracts/index.js';
import type { CheckReport } from '../model.js';
import { describeJobSource } from './incident.js';
import type { Incident } from './incident.js';
import type { JobSpec } from './jobs-file.js';

/** Runs one check of a job; the signal aborts it (timeout or shutdown). */
export type RunJob = (job: JobSpec, signal: AbortSignal) => Promise<CheckReport>;

/** Longest wait between two attempts of a failed run, whatever the backoff doubles to. */
export const MAX_RETRY_DELAY_MS = 60 * 60_000;

export type JobOutcome =
  | { readonly kind: 'report'; readonly job: string; readonly report: CheckReport; readonly attempts: number }
  | { readonly kind: 'failed'; readonly job: string; readonly error: ConcordError; readonly attempts: number };

export interface AttemptOptions {
  /** Aborted on shutdown: the run in flight is aborted and no retry starts. */
  readonly signal?: AbortSignal;
  /** Aborted when shutdown begins: the run in flight may finish, but no retry starts (a backoff wait ends at once). */
  readonly noRetries?: AbortSignal;
  readonly onIncident?: (incident: Incident) => void | Promise<void>;
  /** Defaults to the wall clock. */
  readonly clock?: () => Date;
}

function asConcordError(error: unknown): ConcordError {
  if (isConcordError(error)) return error;
  return new ConcordError('internal', error instanceof Error ? error.message : String(error), {}, { cause: error });
}

/** Read through a call so the compiler does not take one check's answer for the whole loop: the signal changes under it. */
function stopped(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Sleeps `ms`, waking early when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs a job's check with its timeout, retrying a failed attempt (any thrown error: source
 * down, registry unreachable, timeout) after the job's backoff, doubled each time up to
 * {@link MAX_RETRY_DELAY_MS}. Every failed attempt is an incident. Never throws: the outcome is
 * the report, or the last error once the attempts are used up or shutdown began.
 */
export async function runWithRetries(job: JobSpec, run: RunJob, options: AttemptOptions = {}): Promise<JobOutcome> {
  const clock = options.clock ?? (() => new Date());
  let last: ConcordError = new ConcordError('source-unavailable', `job ${job.name} did not run: shutdown began first`);
  let tried = 0;
  const shown = job.shown ?? { contract: job.contract, source: job.source };
  for (let attempt = 1; attempt <= job.retry.attempts; attempt += 1) {
    if (stopped(options.signal) || (attempt > 1 && stopped(options.noRetries))) break;
    tried = attempt;
    const started = clock();
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new ConcordError('source-unavailable', `job ${job.name} (${shown.contract} on ${describeJobSource(shown.source)}) took longer than its timeout of ${formatDuration(job.timeoutMs)}: raise timeout in the jobs file or read a smaller sample`)),
      job.timeoutMs,
    );
    const onShutdown = (): void => controller.abort(new ConcordError('source-unavailable', `job ${job.name} was stopped by shutdown`));
    options.signal?.addEventListener('abort', onShutdown, { once: true });
    try {
      const report = await Promise.race([
        run(job, controller.signal),
        // A run that ignores its signal still ends the attempt: the abort reason is the outcome.
        new Promise<never>((_resolve, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true })),
      ]);
      return { kind: 'report', job: job.name, report, attempts: attempt };
    } catch (error) {
      last = controller.signal.aborted && isConcordError(controller.signal.reason) ? controller.signal.reason : asConcordError(error);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onShutdown);
    }
    const more = attempt < job.retry.attempts && !stopped(options.signal) && !stopped(options.noRetries);
    const delay = Math.min(MAX_RETRY_DELAY_MS, job.retry.backoffMs * 2 ** (attempt - 1));
    await options.onIncident?.({
      job: job.name,
      contract: shown.contract,
      source: describeJobSource(shown.source),
      at: started.toISOString(),
      attempt,
      attempts: job.retry.attempts,
      code: last.code,
      message: last.message,
      ...(more ? { retryAt: new Date(clock().getTime() + delay).toISOString() } : {}),
    });
    if (more) await sleep(delay, options.noRetries ?? options.signal);
  }
  return { kind: 'failed', job: job.name, error: last, attempts: tried };
}
