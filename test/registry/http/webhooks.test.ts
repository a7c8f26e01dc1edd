import { Ajv } from 'ajv';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWebhookOutbox } from '../../../registry/storage/webhook-outbox.js';
import { DELIVERY_BATCH } from '../../../registry/webhooks/dispatcher.js';
import { WebhookPayloadSchema } from '../../../vocabulary/index.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, ordersDocument, useRegistry } from './registry-harness.js';
import type { Harness } from './registry-harness.js';
import { startReceiver } from './webhook-receiver.js';
import type { Answer, Receiver } from './webhook-receiver.js';

const ID = 'commerce.orders';
/** Fast enough that a test sees three attempts in well under a second. */
const FAST = { schedule: { baseDelayMs: 20, maxDelayMs: 40, maxAttempts: 3, jitter: 'full' as const }, pollIntervalMs: 20, timeoutMs: 300 };
/** The test receivers listen on 127.0.0.1, which webhooks reach only when the operator allows private addresses. */
const LOOPBACK_ALLOWED = { allowPrivate: true } as const;

/** Every body a receiver gets is the one shape the vocabulary defines, to the field. */
const isWebhookPayload = new Ajv({ strict: false, allErrors: true }).compile(WebhookPayloadSchema);

async function outboxRows(harness: Harness) {
  return harness.database.database.db.selectFrom('webhook_outbox').selectAll().orderBy('id').execute();
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(STORAGE_TARGETS)('webhooks on $dialect', (target) => {
  describe.skipIf(!target.available)('delivery after commit, with retries', () => {
    let answers: (n: number) => Answer = () => 200;
    let owner: Receiver;
    let consumer: Receiver;
    const harness = useRegistry(target.dialect, { webhooks: () => ({ ...FAST, ...LOOPBACK_ALLOWED, ownerReceivers: [owner.url] }) });
    const app = () => harness().registry.app;
    /** Asked by the receiver while it handles a request: a message sent before the commit would find no 1.1.0. */
    const versionExists = async (): Promise<boolean> => {
      const row = await harness().database.database.db.selectFrom('contract_versions').select('version').where('version', '=', '1.1.0').executeTakeFirst();
      return row !== undefined;
    };

    beforeAll(async () => {
      owner = await startReceiver((n) => answers(n), versionExists);
      consumer = await startReceiver(() => 200);
    });
    afterAll(async () => {
      await owner.close();
      await consumer.close();
    });


    /** Publishes 1.0.0 and pins a consumer with every receiver answering 200, then switches the owner receiver to `answer`. */
    const setUp = async (answer: (n: number) => Answer) => {
      answers = () => 200;
      owner.received.length = 0;
      consumer.received.length = 0;
      await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'));
      await request(app()).put('/api/consumers/agents.router').set(asAdmin).send({ contact: { name: 'Sam', email: 'sam@example.com' }, webhook: consumer.url });
      await request(app()).put(`/api/consumers/agents.router/pins/${ID}`).set(asAdmin).send({ range: '^1', fields: ['customer_id'] });
      await owner.waitFor(1);
      await waitUntil(async () => (await outboxRows(harness())).every((row) => row.delivered_at !== null));
      owner.received.length = 0;
      consumer.received.length = 0;
      answers = answer;
    };

    test('the owner receiver and every pinned consumer with a webhook get the publish event, after the commit', async () => {
      await setUp(() => 200);
      const response = await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.1.0', { description: 'x' }));
      expect(response.status).toBe(201);
      await owner.waitFor(1);
      await consumer.waitFor(1);
      expect(owner.received[0]?.observed).toBe(true);
      expect(owner.received[0]?.headers['x-concord-event']).toBe('contract.published');
      expect(owner.received[0]?.body).toMatchObject({ event: 'contract.published', contract: ID, version: '1.1.0', previousVersion: '1.0.0', compatible: true });
      expect(consumer.received.at(-1)?.body).toMatchObject({ version: '1.1.0', subscription: { consumer: 'agents.router', range: '^1', inRange: true, fields: ['customer_id'] } });
      for (const received of [...owner.received, ...consumer.received]) expect(isWebhookPayload(received.body), JSON.stringify(isWebhookPayload.errors)).toBe(true);
    });

    test('a receiver that fails the first attempts gets the message on a retry, with the same delivery id', async () => {
      await setUp((n) => (n <= 2 ? 503 : 200));
      await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.1.0', { description: 'x' }));
      await owner.waitFor(3);
      const ids = new Set(owner.received.map((received) => received.headers['x-concord-delivery']));
      expect(ids.size).toBe(1);
      await waitUntil(async () => (await outboxRows(harness())).some((row) => row.url === owner.url && row.delivered_at !== null && row.attempts === 3));
    });

    test('a receiver that always fails is given up after the last attempt, and not tried once more', async () => {
      await setUp(() => 500);
      await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.1.0', { description: 'x' }));
      await owner.waitFor(FAST.schedule.maxAttempts);
      await waitUntil(async () => (await outboxRows(harness())).some((row) => row.url === owner.url && row.attempts === 3 && row.next_attempt_at === null));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(owner.received).toHaveLength(FAST.schedule.maxAttempts);
      const given = (await outboxRows(harness())).find((row) => row.url === owner.url && row.attempts === 3);
      expect(given).toMatchObject({ delivered_at: null, last_error: expect.stringMatching(/HTTP 500/) });
    });

    test('a receiver that never answers blocks neither the publish nor other receivers', async () => {
      await setUp(() => 'hang');
      const started = Date.now();
      const response = await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.1.0', { description: 'x' }));
      expect(response.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(FAST.timeoutMs * 3);
      await consumer.waitFor(1);
      await waitUntil(async () => (await outboxRows(harness())).some((row) => row.url === owner.url && (row.last_error ?? '').includes(`no answer within ${FAST.timeoutMs} ms`)));
    });

    test('deprecation and ownership changes are announced too', async () => {
      await setUp(() => 200);
      await request(app()).post(`/api/contracts/${ID}/versions/1.0.0/deprecate`).set(asAdmin).send({ reason: 'use 2.x' });
      const publisher = await harness().token('publisher');
      await request(app()).post(`/api/contracts/${ID}/transfer`).set(asAdmin).send({ owner: { principal: publisher.principal, name: 'Pat', email: 'pat@example.com' } });
      await owner.waitFor(2);
      expect(owner.received.map((received) => received.body.event).sort()).toEqual(['contract.ownership-transferred', 'version.deprecated']);
      for (const received of owner.received) expect(isWebhookPayload(received.body), JSON.stringify(isWebhookPayload.errors)).toBe(true);
    });
  });

  describe.skipIf(!target.available)('batches', () => {
    const harness = useRegistry(target.dialect, { webhooks: { start: false, ...LOOPBACK_ALLOWED } });

    test(`one pass sends at most ${DELIVERY_BATCH} messages; the one past it waits for the next pass`, async () => {
      const receiver = await startReceiver(() => 204);
      try {
        const outbox = createWebhookOutbox(harness().database.database.db);
        const messages = Array.from({ length: DELIVERY_BATCH + 1 }, (_, i) => ({ event: 'test', url: receiver.url, payload: { i } }));
        await outbox.enqueue(messages);
        expect(await harness().registry.dispatcher.runOnce()).toEqual({ delivered: DELIVERY_BATCH, failed: 0 });
        expect(await harness().registry.dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0 });
        expect(await harness().registry.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0 });
        expect(receiver.received).toHaveLength(DELIVERY_BATCH + 1);
      } finally {
        await receiver.close();
      }
    });
  });
});
