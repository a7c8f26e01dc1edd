import type { Logger } from 'pino';
import { createDispatcher, deliveryLogFields } from '../../delivery/index.js';
import type { AddressPolicy, DeliveryOutcomeKind, OutgoingPost, Outbox, RetrySchedule } from '../../delivery/index.js';
import type { Clock } from '../storage/clock.js';
import type { ClaimedWebhook, WebhookMessage, WebhookOutbox } from '../storage/webhook-outbox.js';
import { webhookAddressPolicy } from './receiver-url.js';

/**
 * How long one delivery may take, connection and answer included. Receivers should queue and
 * answer at once; five seconds covers a slow one without letting a hung one hold a dispatcher slot.
 */
export const DELIVERY_TIMEOUT_MS = 5_000;

/** Longest part of a receiver's answer kept for the error message: enough to read, never a whole page. */
export const MAX_ANSWER_EXCERPT = 200;

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

/**
 * Ten seconds doubling to at most an hour, eight attempts, with full jitter: a receiver that is
 * down for a deploy (minutes) gets its messages on the next attempts, one that is gone for about
 * two hours is given up on, so the outbox never fills with messages nobody will take; the jitter
 * keeps every registry's retries from hitting a receiver that comes back at the same instant.
 */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = Object.freeze({ baseDelayMs: 10_000, maxDelayMs: 3_600_000, maxAttempts: 8, jitter: 'full' });

/**
 * What a webhook attempt posts: the payload with `X-Concord-Event` and `X-Concord-Delivery` (the
 * outbox id, the same on every retry so receivers can drop duplicates).
 */
export function webhookPost(message: WebhookMessage): OutgoingPost {
  return { url: message.url, payload: message.payload, headers: { 'user-agent': 'concord-registry', 'x-concord-event': message.event, 'x-concord-delivery': String(message.id) } };
}

/** The webhook table as the delivery dispatcher sees it; the store counts a claim as an attempt. */
function deliveryOutbox(store: WebhookOutbox): Outbox<ClaimedWebhook> {
  return {
    async claimDue(now, limit) {
      return (await store.claimDue(now, limit)).map((message) => ({ message, post: webhookPost(message), attempt: message.attempts }));
    },
    async markDelivered(claim) {
      await store.markDelivered(claim.message.id, claim.message.leaseToken);
    },
    async markFailed(claim, failure) {
      await store.markFailed(claim.message.id, claim.message.leaseToken, failure);
    },
    pendingDue: () => store.pendingDue(),
  };
}

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
  readonly onOutcome?: (outcome: DeliveryOutcomeKind, message: ClaimedWebhook) => void;
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
 * Sends the webhooks queued in the outbox after their transactions committed, through the
 * delivery dispatcher: retried on `schedule`, given up at once when the address policy refuses
 * the receiver, a failed attempt logged as `webhook delivery failed` with the receiver's label.
 */
export function createWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { logger } = options;
  const dispatcher = createDispatcher<ClaimedWebhook>({
    outbox: deliveryOutbox(options.outbox),
    policy: options.policy ?? webhookAddressPolicy(false),
    schedule: options.schedule ?? DEFAULT_RETRY_SCHEDULE,
    timeoutMs: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
    pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    batch: DELIVERY_BATCH,
    excerptChars: MAX_ANSWER_EXCERPT,
    clock: options.clock,
    ...(options.random === undefined ? {} : { random: options.random }),
    onOutcome(outcome) {
      const { message } = outcome;
      options.onOutcome?.(outcome.kind, message);
      if (outcome.kind === 'delivered') return;
      logger.warn({ webhook: message.id, event: message.event, attempt: outcome.attempt, outcome: outcome.kind, ...deliveryLogFields(outcome, message.url) }, 'webhook delivery failed');
    },
    onError: (error) => logger.error({ err: error }, 'webhook dispatcher could not read the outbox'),
  });
  return {
    start: () => dispatcher.start(),
    wake: () => dispatcher.wake(),
    async runOnce() {
      const outcomes = await dispatcher.runOnce();
      const delivered = outcomes.filter((outcome) => outcome.kind === 'delivered').length;
      return { delivered, failed: outcomes.length - delivered };
    },
    stop: () => dispatcher.stop(),
  };
}
