import type { AddressPolicy } from '../../contracts/addresses/address-policy.js';
import { CLAIM_LEASE_MS } from './outbox.js';
import type { AlertOutbox, ClaimedDelivery, QueuedDelivery } from './outbox.js';
import { postAlert } from './post-alert.js';
import { DEFAULT_ALERT_RETRY, retryDelayMs } from './retry-schedule.js';
import type { AlertRetrySchedule } from './retry-schedule.js';
import { alertAddressPolicy } from './webhook-url.js';

/**
 * How long one delivery may take. Receivers answer a webhook at once and do their work later;
 * ten seconds covers a slow TLS handshake while a hung receiver cannot hold up the others long.
 */
export const ALERT_DELIVERY_TIMEOUT_MS = 10_000;

/** How often a started dispatcher looks for due deliveries. */
export const DEFAULT_ALERT_POLL_MS = 1_000;

export type DeliveryOutcome =
  | { readonly kind: 'sent'; readonly delivery: QueuedDelivery; readonly status: number }
  | { readonly kind: 'retry'; readonly delivery: QueuedDelivery; readonly error: string; readonly nextAttemptAt: Date }
  | { readonly kind: 'gave-up'; readonly delivery: QueuedDelivery; readonly error: string };

export interface DispatcherOptions {
  readonly outbox: AlertOutbox;
  /** Defaults to DEFAULT_ALERT_RETRY. */
  readonly schedule?: AlertRetrySchedule;
  /** Defaults to ALERT_DELIVERY_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  /** Defaults to DEFAULT_ALERT_POLL_MS. */
  readonly pollMs?: number;
  /** Defaults to the wall clock. */
  readonly clock?: () => Date;
  /** Which receiver addresses may be reached; defaults to public addresses only (`alertAddressPolicy(false)`). */
  readonly policy?: AddressPolicy;
  /** How old another dispatcher's claim must be before it is taken back as abandoned; defaults to CLAIM_LEASE_MS. */
  readonly leaseMs?: number;
  /** Told about every attempt, for logs and tests. */
  readonly onOutcome?: (outcome: DeliveryOutcome) => void;
}

export interface AlertDispatcher {
  /** Attempts every due delivery once; resolves with what happened. */
  flush(): Promise<readonly DeliveryOutcome[]>;
  /**
   * Flushes until nothing is pending or `deadlineMs` passed (default: one flush only), sleeping
   * until the next delivery is due. Used on shutdown and by run-once. Resolves with what is still pending.
   */
  drain(deadlineMs?: number): Promise<number>;
  /** Starts polling in the background; wake() flushes at once. */
  start(): void;
  wake(): void;
  /** Stops polling and waits for an attempt in flight. */
  stop(): Promise<void>;
}

/**
 * Delivers the outbox's alerts with retries and exponential backoff; never loses one (given-up
 * ones stay in `failed/`). A delivery the address policy refused is given up at once, since only
 * the operator can fix it. Each delivery is claimed before it is sent, so dispatchers of other
 * processes on the same folder never send it too, and claims abandoned by a dead process are
 * taken back once older than the lease.
 */
export function createAlertDispatcher(options: DispatcherOptions): AlertDispatcher {
  const { outbox } = options;
  const schedule = options.schedule ?? DEFAULT_ALERT_RETRY;
  const timeoutMs = options.timeoutMs ?? ALERT_DELIVERY_TIMEOUT_MS;
  const clock = options.clock ?? (() => new Date());
  const policy = options.policy ?? alertAddressPolicy(false);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let flushing = false;

  /** Sends one claimed delivery and settles it: sent, due again later, or given up. */
  const attempt = async (claim: ClaimedDelivery): Promise<DeliveryOutcome> => {
    const { delivery } = claim;
    const result = await postAlert(delivery, policy, timeoutMs);
    if (result.ok) {
      await outbox.sent(claim, clock());
      return { kind: 'sent', delivery, status: result.status };
    }
    const delay = result.refused ? undefined : retryDelayMs(schedule, delivery.attempts + 1);
    const next = delay === undefined ? undefined : new Date(clock().getTime() + delay);
    await outbox.attemptFailed(claim, result.error, next);
    return next === undefined ? { kind: 'gave-up', delivery, error: result.error } : { kind: 'retry', delivery, error: result.error, nextAttemptAt: next };
  };

  const flushOnce = async (): Promise<readonly DeliveryOutcome[]> => {
    const outcomes: DeliveryOutcome[] = [];
    const now = clock();
    await outbox.reclaimExpired(now, options.leaseMs ?? CLAIM_LEASE_MS);
    for (const listed of await outbox.pending()) {
      if (listed.nextAttemptAt > now.toISOString()) continue;
      const claim = await outbox.claim(listed.id, clock());
      if (claim === undefined) continue;
      // Another dispatcher may have tried it between the listing and the claim and set a later time.
      if (claim.delivery.nextAttemptAt > now.toISOString()) {
        await outbox.release(claim);
        continue;
      }
      const outcome = await attempt(claim);
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
    return outcomes;
  };

  // One flush at a time: a wake during a flush waits for it instead of sending the same file twice.
  const flush = (): Promise<readonly DeliveryOutcome[]> => {
    const next = running.then(flushOnce, flushOnce);
    running = next.catch(() => undefined);
    return next;
  };

  const tick = (): void => {
    if (flushing) return;
    flushing = true;
    void flush()
      .catch(() => undefined)
      .finally(() => {
        flushing = false;
      });
  };

  return {
    flush,
    async drain(deadlineMs = 0) {
      const deadline = Date.now() + deadlineMs;
      for (;;) {
        await flush();
        const pending = await outbox.pending();
        if (pending.length === 0 || Date.now() >= deadline) return pending.length;
        const soonest = Math.min(...pending.map((delivery) => Date.parse(delivery.nextAttemptAt)));
        const wait = Math.max(10, Math.min(soonest - clock().getTime(), deadline - Date.now()));
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
    start() {
      if (timer !== undefined) return;
      void outbox.prune(clock()).catch(() => undefined);
      timer = setInterval(tick, options.pollMs ?? DEFAULT_ALERT_POLL_MS);
      timer.unref();
      tick();
    },
    wake: tick,
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
