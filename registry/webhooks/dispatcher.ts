import type { Logger } from 'pino';
import { receiverLabel } from '../../contracts/addresses/address-policy.js';
import type { AddressPolicy } from '../../contracts/addresses/address-policy.js';
import type { Clock } from '../storage/clock.js';
import type { ClaimedWebhook, WebhookOutbox } from '../storage/webhook-outbox.js';
import { deliver, DELIVERY_TIMEOUT_MS } from './deliver.js';
import { DEFAULT_RETRY_SCHEDULE, retryDelay } from './retry-schedule.js';
import { webhookAddressPolicy } from './receiver-url.js';
import type { RetrySchedule } from './retry-schedule.js';

/** A receiver as the log names it: scheme, host and a short hash of the URL, since a webhook's path or query often holds its secret. */
function loggedReceiver(url: string): string {
  try {
    return receiverLabel(new URL(url));
  } catch {
    return 'an unparsable URL';
  }
}

/**
 * How often the outbox is looked at when nobody wakes the dispatcher: retries come due on their
 * own, and another registry process may have queued messages. Five seconds keeps a retry's delay
 * close to its schedule for a trivial query's cost.
 */
export const DEFAULT_POLL_INTERVAL_MS = 5_000;

/**
 * Messages claimed and sent at once. Twenty in flight keep a burst (a publish to a contract with
 * many pinned consumers) moving while one hung receiver holds up only its own message.
 */
export const DELIVERY_BATCH = 20;

export type DeliveryOutcome = 'delivered' | 'retry' | 'gave-up';

export interface DispatcherOptions {
  /** The outbox on the database itself, not on a transaction. */
  readonly outbox: WebhookOutbox;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Defaults to {@link DEFAULT_RETRY_SCHEDULE}. */
  readonly schedule?: RetrySchedule;
  /** Per-delivery timeout; defaults to {@link DELIVERY_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Which receiver addresses may be reached; defaults to public addresses only (`webhookAddressPolicy(false)`). */
  readonly policy?: AddressPolicy;
  /** Defaults to {@link DEFAULT_POLL_INTERVAL_MS}. */
  readonly pollIntervalMs?: number;
  /** Jitter source; defaults to Math.random. */
  readonly random?: () => number;
  /** Told the outcome of every attempt, e.g. to count them. */
  readonly onOutcome?: (outcome: DeliveryOutcome, message: ClaimedWebhook) => void;
}

export interface WebhookDispatcher {
  /** Starts polling the outbox; idempotent. */
  start(): void;
  /** Looks at the outbox now (after a commit that queued messages) instead of at the next poll. */
  wake(): void;
  /** One pass: claims due messages and tries each once. Resolves when every attempt has settled. */
  runOnce(): Promise<{ readonly delivered: number; readonly failed: number }>;
  /** Stops polling and waits for the attempts in flight. */
  stop(): Promise<void>;
}

/**
 * Sends the webhooks queued in the outbox after their transactions committed. Deliveries run
 * here, never in a request: a slow or dead receiver delays only its own message, and a failure
 * is retried on `schedule` with backoff and jitter until it succeeds or runs out of attempts. A
 * delivery the address policy refused is given up at once: only the operator can fix it.
 */
export function createWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { outbox, clock, logger } = options;
  const schedule = options.schedule ?? DEFAULT_RETRY_SCHEDULE;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const policy = options.policy ?? webhookAddressPolicy(false);
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<unknown> | undefined;
  let again = false;

  const attempt = async (message: ClaimedWebhook): Promise<boolean> => {
    const result = await deliver(message, policy, timeoutMs);
    if (result.ok) {
      await outbox.markDelivered(message.id, message.leaseToken);
      options.onOutcome?.('delivered', message);
      return true;
    }
    const delay = result.refused ? null : retryDelay(message.attempts, schedule, options.random);
    const nextAttemptAt = delay === null ? null : new Date(clock().getTime() + delay);
    await outbox.markFailed(message.id, message.leaseToken, { error: result.error, nextAttemptAt });
    const outcome: DeliveryOutcome = delay === null ? 'gave-up' : 'retry';
    options.onOutcome?.(outcome, message);
    logger.warn({ webhook: message.id, receiver: loggedReceiver(message.url), event: message.event, attempt: message.attempts, error: result.error, outcome }, 'webhook delivery failed');
    return false;
  };

  const runOnce = async (): Promise<{ delivered: number; failed: number }> => {
    const claimed = await outbox.claimDue(clock(), DELIVERY_BATCH);
    const results = await Promise.all(claimed.map(attempt));
    const delivered = results.filter(Boolean).length;
    return { delivered, failed: results.length - delivered };
  };

  const schedulePoll = (delay: number): void => {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(loop, delay);
    timer.unref();
  };

  function loop(): void {
    if (pass !== undefined) {
      again = true;
      return;
    }
    again = false;
    pass = runOnce()
      .then((counts) => counts.delivered + counts.failed === DELIVERY_BATCH)
      .catch((error: unknown) => {
        logger.error({ err: error }, 'webhook dispatcher could not read the outbox');
        return false;
      })
      .then((full) => {
        pass = undefined;
        schedulePoll(full || again ? 0 : pollIntervalMs);
      });
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedulePoll(0);
    },
    wake() {
      if (running) schedulePoll(0);
    },
    runOnce,
    async stop() {
      running = false;
      clearTimeout(timer);
      await pass;
    },
  };
}
