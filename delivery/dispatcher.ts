import type { AddressPolicy } from './address-policy.js';
import type { DeliveryClaim, Outbox } from './outbox.js';
import { retryDelay } from './retry-schedule.js';
import type { RetrySchedule } from './retry-schedule.js';
import { sendPost } from './send-post.js';

/** What one attempt came to; the dispatcher has already recorded it in the outbox. */
export type DeliveryOutcome<M> =
  | { readonly kind: 'delivered'; readonly message: M; readonly attempt: number; readonly status: number }
  | { readonly kind: 'retry'; readonly message: M; readonly attempt: number; readonly error: string; readonly nextAttemptAt: Date }
  | { readonly kind: 'gave-up'; readonly message: M; readonly attempt: number; readonly error: string };

/** The names of the outcomes, as metrics label them. */
export type DeliveryOutcomeKind = DeliveryOutcome<unknown>['kind'];

export interface DispatcherOptions<M> {
  readonly outbox: Outbox<M>;
  /** Which receiver addresses may be reached. */
  readonly policy: AddressPolicy;
  readonly schedule: RetrySchedule;
  /** One attempt, connection and answer together. */
  readonly timeoutMs: number;
  /** How often a started dispatcher looks at the outbox when nobody wakes it. */
  readonly pollIntervalMs: number;
  /** Messages claimed and sent at once in one pass. */
  readonly batch: number;
  /** Characters of a failing answer's body kept in the error; default 0 (never read). */
  readonly excerptChars?: number;
  /** Defaults to the wall clock. */
  readonly clock?: () => Date;
  /** Jitter source for the schedule; defaults to Math.random. */
  readonly random?: () => number;
  /** Told the outcome of every attempt, for logs and metrics. */
  readonly onOutcome?: (outcome: DeliveryOutcome<M>) => void;
  /** Told when a background pass could not read or write the outbox; the next poll tries again. */
  readonly onError?: (error: unknown) => void;
}

export interface Dispatcher<M> {
  /** One pass: claims up to `batch` due messages and tries each once, in parallel. Passes never overlap. */
  runOnce(): Promise<readonly DeliveryOutcome<M>[]>;
  /**
   * Runs passes until nothing is waiting or `deadlineMs` passed (default 0: one pass only),
   * sleeping until the next message is due. Resolves with how many still wait.
   */
  drain(deadlineMs?: number): Promise<number>;
  /** Starts polling the outbox; idempotent. */
  start(): void;
  /** Looks at the outbox now (after something was queued) instead of at the next poll; nothing when stopped. */
  wake(): void;
  /** Stops polling and waits for the pass in flight. */
  stop(): Promise<void>;
}

/** Shortest sleep of a drain between passes, so a message due "now" never spins the loop. */
const MIN_DRAIN_SLEEP_MS = 10;

/**
 * Sends what an outbox holds. Deliveries run here, never where the message was queued: a slow or
 * dead receiver delays only its own message. A failure is retried on `schedule` until it
 * succeeds or runs out of attempts; a delivery the address policy refused is given up at once,
 * since only the operator can fix it. A pass that filled its batch is followed by another at once.
 */
export function createDispatcher<M>(options: DispatcherOptions<M>): Dispatcher<M> {
  const { outbox, policy, schedule, timeoutMs } = options;
  const clock = options.clock ?? (() => new Date());
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let polling: Promise<unknown> | undefined;
  let again = false;

  const attempt = async (claim: DeliveryClaim<M>): Promise<DeliveryOutcome<M>> => {
    const { message } = claim;
    const result = await sendPost(claim.post, { policy, timeoutMs, ...(options.excerptChars === undefined ? {} : { excerptChars: options.excerptChars }) });
    if (result.ok) {
      await outbox.markDelivered(claim, clock());
      return { kind: 'delivered', message, attempt: claim.attempt, status: result.status };
    }
    const delay = result.refused ? null : retryDelay(claim.attempt, schedule, options.random);
    const nextAttemptAt = delay === null ? null : new Date(clock().getTime() + delay);
    await outbox.markFailed(claim, { error: result.error, nextAttemptAt });
    return nextAttemptAt === null
      ? { kind: 'gave-up', message, attempt: claim.attempt, error: result.error }
      : { kind: 'retry', message, attempt: claim.attempt, error: result.error, nextAttemptAt };
  };

  const pass = async (): Promise<readonly DeliveryOutcome<M>[]> => {
    const claims = await outbox.claimDue(clock(), options.batch);
    return Promise.all(
      claims.map(async (claim) => {
        const outcome = await attempt(claim);
        options.onOutcome?.(outcome);
        return outcome;
      }),
    );
  };

  // One pass at a time: a wake during a pass waits for it instead of claiming beside it.
  const runOnce = (): Promise<readonly DeliveryOutcome<M>[]> => {
    const next = chain.then(pass, pass);
    chain = next.catch(() => undefined);
    return next;
  };

  const schedulePoll = (delay: number): void => {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(poll, delay);
    timer.unref();
  };

  function poll(): void {
    if (polling !== undefined) {
      again = true;
      return;
    }
    again = false;
    polling = runOnce()
      .then((outcomes) => outcomes.length === options.batch)
      .catch((error: unknown) => {
        options.onError?.(error);
        return false;
      })
      .then((full) => {
        polling = undefined;
        schedulePoll(full || again ? 0 : options.pollIntervalMs);
      });
  }

  return {
    runOnce,
    async drain(deadlineMs = 0) {
      const deadline = Date.now() + deadlineMs;
      for (;;) {
        await runOnce();
        const due = await outbox.pendingDue();
        if (due.length === 0 || Date.now() >= deadline) return due.length;
        const soonest = Math.min(...due.map((at) => at.getTime()));
        await new Promise((resolve) => setTimeout(resolve, Math.max(MIN_DRAIN_SLEEP_MS, Math.min(soonest - clock().getTime(), deadline - Date.now()))));
      }
    },
    start() {
      if (running) return;
      running = true;
      schedulePoll(0);
    },
    wake() {
      schedulePoll(0);
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await polling;
      await chain;
    },
  };
}
