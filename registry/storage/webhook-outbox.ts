import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { ConcordError } from '../../contracts/index.js';
import type { DeliveryFailure } from '../../delivery/index.js';
import { dialectOf } from '../../migrations/index.js';
import { systemClock, timestamp } from './clock.js';
import type { Clock } from './clock.js';
import { fromJsonText, toJsonText } from './json-text.js';
import type { JsonObject } from './json-text.js';
import type { Executor, WebhookOutboxTable } from './tables.js';

/**
 * How long a claimed message stays invisible to other workers. A minute outlasts one delivery
 * with its HTTP timeout and retries inside the worker; a worker that dies mid-send delays the
 * message by no more than this before another worker picks it up.
 */
export const OUTBOX_LEASE_MS = 60_000;

/** Most messages one claim takes. A hundred keeps one worker busy for a while without starving others. */
export const MAX_CLAIM_BATCH = 100;

/** Longest stored delivery error; longer ones (whole HTML error pages) are cut to this many characters. */
export const MAX_ERROR_LENGTH = 2_000;

export interface NewWebhook {
  readonly event: string;
  readonly url: string;
  readonly payload: JsonObject;
  /** Not sent before this instant; defaults to now. */
  readonly notBefore?: Date;
}

export interface WebhookMessage {
  readonly id: number;
  readonly event: string;
  readonly url: string;
  readonly payload: JsonObject;
  /** Claims so far, counting the current one. */
  readonly attempts: number;
  readonly createdAt: string;
  /** Absent once delivered or given up. */
  readonly nextAttemptAt?: string;
  readonly deliveredAt?: string;
  readonly lastError?: string;
}

/** A message a worker holds until `leaseUntil`; pass `leaseToken` back to report the outcome. */
export interface ClaimedWebhook extends WebhookMessage {
  readonly leaseToken: string;
  readonly leaseUntil: string;
}

export type { DeliveryFailure };

export interface WebhookOutbox {
  /** Queues messages; they commit with the transaction the outbox was created on, if any. */
  enqueue(messages: readonly NewWebhook[]): Promise<readonly number[]>;
  /**
   * Leases up to `limit` (at most {@link MAX_CLAIM_BATCH}) undelivered messages due at `now`,
   * oldest first, for {@link OUTBOX_LEASE_MS}. Concurrent claimers never receive the same message
   * while its lease lasts.
   */
  claimDue(now: Date, limit: number): Promise<readonly ClaimedWebhook[]>;
  /** Records delivery; false when the lease was lost to another worker (who will send it again). */
  markDelivered(id: number, leaseToken: string): Promise<boolean>;
  /** Records a failed attempt and when to retry; false when the lease was lost to another worker. */
  markFailed(id: number, leaseToken: string, failure: DeliveryFailure): Promise<boolean>;
  get(id: number): Promise<WebhookMessage | undefined>;
  /** When each undelivered message that nobody holds is due, soonest first: what is still to send. */
  pendingDue(): Promise<readonly Date[]>;
}

export interface WebhookOutboxOptions {
  /** Defaults to the system clock. */
  readonly clock?: Clock;
}

/**
 * The transactional outbox for webhooks over `executor`: create it on the publish transaction so
 * a message exists exactly when the change it announces committed.
 */
export function createWebhookOutbox(executor: Executor, options: WebhookOutboxOptions = {}): WebhookOutbox {
  const clock = options.clock ?? systemClock;
  return {
    async enqueue(messages) {
      if (messages.length === 0) return [];
      const now = clock();
      const rows = await executor
        .insertInto('webhook_outbox')
        .values(
          messages.map((message) => ({
            event: message.event,
            url: message.url,
            payload: toJsonText(message.payload),
            next_attempt_at: timestamp(message.notBefore ?? now),
            created_at: timestamp(now),
          })),
        )
        .returning('id')
        .execute();
      return rows.map((row) => row.id).sort((a, b) => a - b);
    },

    async claimDue(now, limit) {
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CLAIM_BATCH) {
        throw new ConcordError(
          'invalid-argument',
          `claim limit ${limit} is out of range: claim 1 to ${MAX_CLAIM_BATCH} messages at a time`,
        );
      }
      const at = timestamp(now);
      const leaseUntil = timestamp(new Date(now.getTime() + OUTBOX_LEASE_MS));
      const leaseToken = randomUUID();
      // PostgreSQL: rows another claimer has locked are skipped rather than waited for (and
      // re-checked if that claimer committed first). SQLite: the single UPDATE runs under the
      // database's one write lock, so claimers are serialised already.
      const lockRows = dialectOf(executor) === 'postgres';
      const rows = await executor
        .updateTable('webhook_outbox')
        .set((eb) => ({ lease_until: leaseUntil, lease_token: leaseToken, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('webhook_outbox')
            .select('id')
            .where('delivered_at', 'is', null)
            .where('next_attempt_at', '<=', at)
            .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', at)]))
            .orderBy('next_attempt_at')
            .orderBy('id')
            .limit(limit)
            .$if(lockRows, (select) => select.forUpdate().skipLocked()),
        )
        .returningAll()
        .execute();
      return rows
        .map((row) => Object.freeze({ ...toMessage(row), leaseToken, leaseUntil }))
        .sort((a, b) => a.id - b.id);
    },

    async markDelivered(id, leaseToken) {
      const result = await executor
        .updateTable('webhook_outbox')
        .set({ delivered_at: timestamp(clock()), next_attempt_at: null, lease_until: null, lease_token: null })
        .where('id', '=', id)
        .where('lease_token', '=', leaseToken)
        .where('delivered_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async markFailed(id, leaseToken, failure) {
      const result = await executor
        .updateTable('webhook_outbox')
        .set({
          last_error: failure.error.slice(0, MAX_ERROR_LENGTH),
          next_attempt_at: failure.nextAttemptAt === null ? null : timestamp(failure.nextAttemptAt),
          lease_until: null,
          lease_token: null,
        })
        .where('id', '=', id)
        .where('lease_token', '=', leaseToken)
        .where('delivered_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async pendingDue() {
      const at = timestamp(clock());
      const rows = await executor
        .selectFrom('webhook_outbox')
        .select('next_attempt_at')
        .where('delivered_at', 'is', null)
        .where('next_attempt_at', 'is not', null)
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', at)]))
        .orderBy('next_attempt_at')
        .execute();
      return rows.flatMap((row) => (row.next_attempt_at === null ? [] : [new Date(row.next_attempt_at)]));
    },

    async get(id) {
      const row = await executor.selectFrom('webhook_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toMessage(row);
    },
  };
}

function toMessage(row: Selectable<WebhookOutboxTable>): WebhookMessage {
  return Object.freeze({
    id: row.id,
    event: row.event,
    url: row.url,
    payload: fromJsonText<JsonObject>(row.payload, 'webhook_outbox.payload'),
    attempts: row.attempts,
    createdAt: row.created_at,
    ...(row.next_attempt_at === null ? {} : { nextAttemptAt: row.next_attempt_at }),
    ...(row.delivered_at === null ? {} : { deliveredAt: row.delivered_at }),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
  });
}
