import { beforeEach, describe, expect, test } from 'vitest';
import {
  createWebhookOutbox,
  MAX_CLAIM_BATCH,
  MAX_ERROR_LENGTH,
  OUTBOX_LEASE_MS,
} from '../../../registry/storage/webhook-outbox.js';
import type { NewWebhook, WebhookOutbox } from '../../../registry/storage/webhook-outbox.js';
import { STORAGE_TARGETS, useFreshDatabase } from './storage-targets.js';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const at = (offsetMs: number): Date => new Date(T0 + offsetMs);
const hook = (n: number, notBefore?: Date): NewWebhook => ({
  event: 'contract.published',
  url: `https://hooks.example.com/${n}`,
  payload: { n },
  ...(notBefore === undefined ? {} : { notBefore }),
});

describe.each(STORAGE_TARGETS)('webhook outbox on $dialect', (target) => {
  describe.skipIf(!target.available)('WebhookOutbox', () => {
    const database = useFreshDatabase(target.dialect);
    let outbox: WebhookOutbox;

    beforeEach(() => {
      outbox = createWebhookOutbox(database().database.db, { clock: () => at(0) });
    });

    test('claims due messages oldest first and leaves future ones', async () => {
      await outbox.enqueue([hook(1), hook(2, at(5_000)), hook(3)]);
      const claimed = await outbox.claimDue(at(0), 10);
      expect(claimed.map((message) => message.payload)).toEqual([{ n: 1 }, { n: 3 }]);
      expect(claimed[0]).toMatchObject({ attempts: 1, leaseUntil: at(OUTBOX_LEASE_MS).toISOString() });
      expect((await outbox.claimDue(at(5_000), 10)).map((message) => message.payload)).toEqual([{ n: 2 }]);
    });

    test('pendingDue lists what is still to send: neither claimed, delivered nor given up', async () => {
      const [claimed, delivered, givenUp] = await outbox.enqueue([hook(1), hook(2), hook(3)]);
      await outbox.enqueue([hook(4, at(5_000))]);
      const leases = new Map((await outbox.claimDue(at(0), 3)).map((message) => [message.id, message.leaseToken]));
      await outbox.markDelivered(delivered!, leases.get(delivered!)!);
      await outbox.markFailed(givenUp!, leases.get(givenUp!)!, { error: 'refused', nextAttemptAt: null });
      expect(claimed).toBeDefined();
      expect(await outbox.pendingDue()).toEqual([at(5_000)]);
    });

    test('concurrent claimers on separate handles never receive the same message', async () => {
      const ids = await outbox.enqueue(Array.from({ length: 60 }, (_, n) => hook(n)));
      const handles = [database().database, await database().openAnother(), await database().openAnother()];
      const claimers = handles.map(async (handle) => {
        const mine: number[] = [];
        const worker = createWebhookOutbox(handle.db);
        for (;;) {
          const batch = await worker.claimDue(at(0), 7);
          if (batch.length === 0) return mine;
          mine.push(...batch.map((message) => message.id));
        }
      });
      const claims = (await Promise.all(claimers)).flat();
      expect(claims).toHaveLength(ids.length);
      expect(new Set(claims)).toEqual(new Set(ids));
    });

    test.each([
      [OUTBOX_LEASE_MS - 1, 0],
      [OUTBOX_LEASE_MS, 1],
    ])('%i ms after a claim the message can be claimed again %i time(s)', async (later, expected) => {
      await outbox.enqueue([hook(1)]);
      await outbox.claimDue(at(0), 1);
      expect(await outbox.claimDue(at(later), 1)).toHaveLength(expected);
    });

    test('after a lease runs out, only the new holder can report the outcome', async () => {
      const [id] = await outbox.enqueue([hook(1)]);
      const [first] = await outbox.claimDue(at(0), 1);
      const [second] = await outbox.claimDue(at(OUTBOX_LEASE_MS), 1);
      expect(second?.attempts).toBe(2);
      expect(await outbox.markDelivered(id!, first!.leaseToken)).toBe(false);
      expect(await outbox.markDelivered(id!, second!.leaseToken)).toBe(true);
      expect(await outbox.get(id!)).toMatchObject({ deliveredAt: at(0).toISOString() });
      expect(await outbox.claimDue(at(10 * OUTBOX_LEASE_MS), 1)).toEqual([]);
    });

    test('a failure schedules the retry and keeps the error, cut to MAX_ERROR_LENGTH', async () => {
      const [id] = await outbox.enqueue([hook(1)]);
      const [claimed] = await outbox.claimDue(at(0), 1);
      const error = 'x'.repeat(MAX_ERROR_LENGTH + 1);
      expect(await outbox.markFailed(id!, claimed!.leaseToken, { error, nextAttemptAt: at(30_000) })).toBe(true);
      expect((await outbox.get(id!))?.lastError).toHaveLength(MAX_ERROR_LENGTH);
      expect(await outbox.claimDue(at(29_999), 1)).toEqual([]);
      expect(await outbox.claimDue(at(30_000), 1)).toHaveLength(1);
    });

    test('giving up leaves the message undelivered and never due again', async () => {
      const [id] = await outbox.enqueue([hook(1)]);
      const [claimed] = await outbox.claimDue(at(0), 1);
      await outbox.markFailed(id!, claimed!.leaseToken, { error: '410 Gone', nextAttemptAt: null });
      expect(await outbox.claimDue(at(365 * 24 * 3_600_000), 1)).toEqual([]);
      const message = await outbox.get(id!);
      expect(message).toMatchObject({ lastError: '410 Gone', attempts: 1 });
      expect(message?.nextAttemptAt).toBeUndefined();
      expect(message?.deliveredAt).toBeUndefined();
    });

    test.each([
      [MAX_CLAIM_BATCH, true],
      [MAX_CLAIM_BATCH + 1, false],
      [0, false],
    ])('a claim of %i messages is accepted: %s', async (limit, accepted) => {
      const claim = outbox.claimDue(at(0), limit);
      if (accepted) expect(await claim).toEqual([]);
      else await expect(claim).rejects.toMatchObject({ code: 'invalid-argument' });
    });

    test('messages queued in a transaction that rolls back never exist', async () => {
      const { db } = database().database;
      await expect(
        db.transaction().execute(async (trx) => {
          await createWebhookOutbox(trx).enqueue([hook(1)]);
          throw new Error('publish failed');
        }),
      ).rejects.toThrow('publish failed');
      expect(await outbox.claimDue(at(10_000), 10)).toEqual([]);
    });
  });
});
