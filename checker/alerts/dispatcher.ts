import { createDispatcher } from '../../delivery/index.js';
import type { AddressPolicy, DeliveryClaim, DeliveryOutcome, Dispatcher, OutgoingPost, Outbox, RetrySchedule } from '../../delivery/index.js';
import { CLAIM_LEASE_MS } from './outbox.js';
import type { AlertOutbox, ClaimedDelivery, QueuedDelivery } from './outbox.js';
import { alertAddressPolicy } from './webhook-url.js';

/**
 * How long one delivery may take. Receivers answer a webhook at once and do their work later;
 * ten seconds covers a slow TLS handshake while a hung receiver cannot hold up the others long.
 */
export const ALERT_DELIVERY_TIMEOUT_MS = 10_000;

/** How often a started dispatcher looks for due deliveries. */
export const DEFAULT_ALERT_POLL_MS = 1_000;

/**
 * Deliveries claimed and sent at once. Alerts come a few per run; twenty in flight let a burst
 * (many consumers pinned to one contract) go out together while a hung receiver holds only its own.
 */
export const ALERT_DELIVERY_BATCH = 20;

/**
 * 5 s doubling up to 15 min, 20 attempts, no jitter: the first retries ride out a receiver
 * restart within seconds, and the whole schedule spans about three and a half hours, long enough
 * for someone to fix a receiver that is down for an afternoon; the waits are the ones docs/jobs.md
 * promises. A delivery given up is kept, never deleted.
 */
export const DEFAULT_ALERT_RETRY: RetrySchedule = Object.freeze({ baseDelayMs: 5_000, maxDelayMs: 15 * 60_000, maxAttempts: 20, jitter: 'none' });

/** What an alert attempt posts: the payload with `x-concord-alert-id` and `x-concord-delivery-id`, the answer's body never read. */
export function alertPost(delivery: QueuedDelivery): OutgoingPost {
  return { url: delivery.url, payload: delivery.payload, headers: { 'user-agent': 'concord-alerts', 'x-concord-alert-id': delivery.alertId, 'x-concord-delivery-id': delivery.id } };
}

/**
 * The alert folder as the delivery dispatcher sees it: claims abandoned by a dead process are
 * taken back first, and a delivery another dispatcher tried between the listing and the claim
 * (and set a later time for) is given back.
 */
function deliveryOutbox(store: AlertOutbox, leaseMs: number): Outbox<ClaimedDelivery> {
  return {
    async claimDue(now, limit) {
      await store.reclaimExpired(now, leaseMs);
      const due = now.toISOString();
      const claimed: DeliveryClaim<ClaimedDelivery>[] = [];
      for (const listed of await store.pending()) {
        if (claimed.length >= limit) break;
        if (listed.nextAttemptAt > due) continue;
        const claim = await store.claim(listed.id, now);
        if (claim === undefined) continue;
        if (claim.delivery.nextAttemptAt > due) {
          await store.release(claim);
          continue;
        }
        claimed.push({ message: claim, post: alertPost(claim.delivery), attempt: claim.delivery.attempts + 1 });
      }
      return claimed;
    },
    markDelivered: (claim, now) => store.markDelivered(claim.message, now),
    markFailed: (claim, failure) => store.markFailed(claim.message, failure),
    async pendingDue() {
      return (await store.pending()).map((delivery) => new Date(delivery.nextAttemptAt));
    },
  };
}

export interface AlertDispatcherOptions {
  readonly outbox: AlertOutbox;
  /** Defaults to {@link DEFAULT_ALERT_RETRY}. */
  readonly schedule?: RetrySchedule;
  /** Defaults to {@link ALERT_DELIVERY_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Defaults to {@link DEFAULT_ALERT_POLL_MS}. */
  readonly pollMs?: number;
  /** Defaults to the wall clock. */
  readonly clock?: () => Date;
  /** Which receiver addresses may be reached; defaults to public addresses only (`alertAddressPolicy(false)`). */
  readonly policy?: AddressPolicy;
  /** How old another dispatcher's claim must be before it is taken back as abandoned; defaults to CLAIM_LEASE_MS. */
  readonly leaseMs?: number;
  /** Told about every attempt, for logs and tests. */
  readonly onOutcome?: (outcome: DeliveryOutcome<ClaimedDelivery>) => void;
}

export type AlertDispatcher = Dispatcher<ClaimedDelivery>;
export type AlertDeliveryOutcome = DeliveryOutcome<ClaimedDelivery>;

/**
 * Delivers the outbox's alerts through the delivery dispatcher; never loses one (given-up ones
 * stay in `failed/`). Each delivery is claimed before it is sent, so dispatchers of other
 * processes on the same folder never send it too. Starting it also prunes old sent markers.
 */
export function createAlertDispatcher(options: AlertDispatcherOptions): AlertDispatcher {
  const clock = options.clock ?? (() => new Date());
  const dispatcher = createDispatcher<ClaimedDelivery>({
    outbox: deliveryOutbox(options.outbox, options.leaseMs ?? CLAIM_LEASE_MS),
    policy: options.policy ?? alertAddressPolicy(false),
    schedule: options.schedule ?? DEFAULT_ALERT_RETRY,
    timeoutMs: options.timeoutMs ?? ALERT_DELIVERY_TIMEOUT_MS,
    pollIntervalMs: options.pollMs ?? DEFAULT_ALERT_POLL_MS,
    batch: ALERT_DELIVERY_BATCH,
    clock,
    ...(options.onOutcome === undefined ? {} : { onOutcome: options.onOutcome }),
  });
  return {
    ...dispatcher,
    start() {
      void options.outbox.prune(clock()).catch(() => undefined);
      dispatcher.start();
    },
  };
}
