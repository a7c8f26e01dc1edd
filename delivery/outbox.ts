import type { OutgoingPost } from './send-post.js';

/** One message an outbox handed to one dispatcher: nobody else sends it until it is settled. */
export interface DeliveryClaim<M> {
  /** The outbox's own record of the message, handed back when settling it and told to outcome listeners. */
  readonly message: M;
  /** What this attempt posts. */
  readonly post: OutgoingPost;
  /** This attempt's number, 1-based: the retry schedule reads it. */
  readonly attempt: number;
}

/** A failed attempt as the outbox keeps it. */
export interface DeliveryFailure {
  readonly error: string;
  /** When to try again; null gives up on the message (kept, never deleted, by both outboxes). */
  readonly nextAttemptAt: Date | null;
}

/**
 * Where messages wait for delivery: the registry's webhook table, the checker's alert folder.
 * Storage stays with its owner; the dispatcher sees only this. Every method may be called by
 * several dispatchers (processes) at once: a claim must go to one of them only.
 */
export interface Outbox<M> {
  /** Claims up to `limit` messages due at `now`, oldest first. */
  claimDue(now: Date, limit: number): Promise<readonly DeliveryClaim<M>[]>;
  /** Records a claimed message delivered. */
  markDelivered(claim: DeliveryClaim<M>, now: Date): Promise<void>;
  /** Records a failed attempt: due again at `failure.nextAttemptAt`, or given up when that is null. */
  markFailed(claim: DeliveryClaim<M>, failure: DeliveryFailure): Promise<void>;
  /** When each waiting message (not delivered, given up or claimed) is due, for draining before exit. */
  pendingDue(): Promise<readonly Date[]>;
}
