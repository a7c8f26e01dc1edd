import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createRegistry } from '../../../registry/create-registry.js';
import { createWebhookOutbox } from '../../../registry/storage/webhook-outbox.js';
import { sendPost } from '../../../delivery/index.js';
import type { AddressPolicy } from '../../../delivery/index.js';
import { DELIVERY_TIMEOUT_MS, MAX_ANSWER_EXCERPT, webhookPost } from '../../../registry/webhooks/dispatcher.js';
import { webhookAddressPolicy } from '../../../registry/webhooks/receiver-url.js';
import { asAdmin, ordersDocument, useRegistry } from './registry-harness.js';
import type { Harness } from './registry-harness.js';
import { startReceiver } from './webhook-receiver.js';
import type { Receiver } from './webhook-receiver.js';

/*
 * Consumers' webhook URLs are registered by publishers, so by default the registry must not post
 * to addresses inside its own network: the receivers here listen on 127.0.0.1 and must hear
 * nothing unless the operator allowed private addresses.
 */

const CONTACT = { name: 'Sam Lee', email: 'sam@example.com' };
const OPT_IN = 'start the registry with --webhook-allow-private (or CONCORD_WEBHOOK_ALLOW_PRIVATE=true) to allow it';

async function outboxRows(harness: Harness) {
  return harness.database.database.db.selectFrom('webhook_outbox').selectAll().orderBy('id').execute();
}

describe('webhook receivers and the address policy', () => {
  let receiver: Receiver;
  /** The receiver by host name: it passes registration and is judged after DNS, when delivering. */
  const byName = (): string => receiver.url.replace('127.0.0.1', 'localhost');

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.received.length = 0;
  });

  describe('by default: public addresses only', () => {
    const harness = useRegistry('sqlite', { webhooks: () => ({ start: false, ownerReceivers: [byName()] }) });
    const register = (webhook: string) => request(harness().registry.app).put('/api/consumers/agents.router').set(asAdmin).send({ contact: CONTACT, webhook });

    test('a receiver whose host name resolves to 127.0.0.1 is never called; the delivery is given up at once, saying why', async () => {
      expect((await request(harness().registry.app).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
      expect(await harness().registry.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 1 });
      const [row] = await outboxRows(harness());
      expect(row).toMatchObject({ url: byName(), attempts: 1, delivered_at: null, next_attempt_at: null });
      expect(row?.last_error).toMatch(/^refused: localhost \((127\.0\.0\.1|::1)\) is a loopback address; start the registry with --webhook-allow-private/);
      expect(await harness().registry.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0 });
      expect(receiver.received).toHaveLength(0);
    });

    test('a message queued for 127.0.0.1 (stored before the policy, or by another registry) is refused without connecting', async () => {
      await createWebhookOutbox(harness().database.database.db).enqueue([{ event: 'test', url: receiver.url, payload: { n: 1 } }]);
      expect(await harness().registry.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 1 });
      expect((await outboxRows(harness()))[0]).toMatchObject({ last_error: `refused: 127.0.0.1 is a loopback address; ${OPT_IN}`, next_attempt_at: null });
      expect(receiver.received).toHaveLength(0);
    });

    test.each([
      ['http://10.0.0.5/hook', /webhook http:\/\/10\.0\.0\.5\/… is refused: 10\.0\.0\.5 is a private address; start the registry with --webhook-allow-private/],
      ['http://127.0.0.1:9/hook?token=s3cret', /127\.0\.0\.1 is a loopback address; start the registry with --webhook-allow-private/],
      ['http://[::1]:9/hook', /::1 is a loopback address/],
      ['http://[::ffff:192.168.1.20]/hook', /::ffff:c0a8:114 is a private address/],
      ['http://100.64.1.1/hook', /100\.64\.1\.1 is a shared \(carrier-grade NAT\) address/],
      ['http://2130706433/hook', /127\.0\.0\.1 is a loopback address/],
      ['http://169.254.169.254/latest/meta-data', /169\.254\.169\.254 is a link-local address, where cloud metadata endpoints answer, and no option allows it/],
    ])('registering the webhook %s is refused with 400', async (webhook, message) => {
      const response = await register(webhook);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(message) });
      expect(response.body.error.message).not.toMatch(/s3cret|meta-data/);
      expect((await request(harness().registry.app).get('/api/consumers/agents.router').set(asAdmin)).status).toBe(404);
    });

    test('a public receiver is registered as before', async () => {
      expect((await register('https://hooks.example.com/concord')).status).toBe(200);
    });

    test('an owner receiver on a private address stops the registry from starting, naming the flag', () => {
      const options = { database: harness().database.database, logger: pino({ level: 'silent' }), processMetrics: false };
      expect(() => createRegistry({ ...options, webhooks: { start: false, ownerReceivers: ['http://192.168.1.10/hook'] } })).toThrow(
        /owner receiver http:\/\/192\.168\.1\.10\/… is refused: 192\.168\.1\.10 is a private address; start the registry with --webhook-allow-private/,
      );
    });
  });

  describe('with --webhook-allow-private', () => {
    const harness = useRegistry('sqlite', { webhooks: () => ({ start: false, allowPrivate: true, ownerReceivers: [byName()] }) });
    const register = (webhook: string) => request(harness().registry.app).put('/api/consumers/agents.router').set(asAdmin).send({ contact: CONTACT, webhook });

    test('the receiver found through DNS on 127.0.0.1 gets the event', async () => {
      expect((await request(harness().registry.app).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
      expect(await harness().registry.dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(receiver.received.map((received) => received.body.event)).toEqual(['contract.published']);
      expect(receiver.received[0]?.headers['x-concord-event']).toBe('contract.published');
    });

    test.each([
      ['http://169.254.169.254/latest/meta-data', /169\.254\.169\.254 is a link-local address/],
      ['http://[fe80::1]/hook', /fe80::1 is a link-local address/],
      ['http://[::ffff:169.254.169.254]/latest/meta-data', /::ffff:a9fe:a9fe is a link-local address/],
      ['http://[fd00:ec2::254]/latest/meta-data', /fd00:ec2::254 is a cloud metadata endpoint/],
      ['http://0.0.0.0:9/hook', /0\.0\.0\.0 is an unspecified address/],
      ['http://224.0.0.1/hook', /224\.0\.0\.1 is a multicast address/],
    ])('registering the webhook %s is still refused with 400: no option allows it', async (webhook, message) => {
      const response = await register(webhook);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
      expect(response.body.error.message).toMatch(/no option allows it/);
    });

    test.each(['http://10.0.0.5/hook', 'http://127.0.0.1:9/hook', 'http://[fd12:3456::1]/hook'])('registering the webhook %s is allowed', async (webhook) => {
      expect((await register(webhook)).status).toBe(200);
    });
  });

  describe('one delivery', () => {
    const message = (url: string) => ({ id: 7, event: 'test', url, payload: { n: 1 }, attempts: 1, createdAt: '2026-11-24T00:00:00.000Z' });
    /** One attempt as the registry's dispatcher makes it. */
    const deliver = (url: string, policy: AddressPolicy) => sendPost(webhookPost(message(url)), { policy, timeoutMs: DELIVERY_TIMEOUT_MS, excerptChars: MAX_ANSWER_EXCERPT });

    test('an allowed receiver that answers an error leaves an excerpt of its answer; a refused one is never asked', async () => {
      let requests = 0;
      const server = createServer((_req, res) => {
        requests += 1;
        res.writeHead(500, { 'content-type': 'text/plain' }).end('x'.repeat(10_000));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
        expect(await deliver(url, webhookAddressPolicy(true))).toEqual({ ok: false, error: `the receiver answered HTTP 500: ${'x'.repeat(200)}`, refused: false });
        expect(requests).toBe(1);
        expect(await deliver(url, webhookAddressPolicy(false))).toEqual({ ok: false, error: `refused: 127.0.0.1 is a loopback address; ${OPT_IN}`, refused: true });
        expect(requests).toBe(1);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    test('the JSON payload arrives with the same headers as before', async () => {
      expect(await deliver(receiver.url, webhookAddressPolicy(true))).toEqual({ ok: true, status: 200 });
      expect(receiver.received).toEqual([
        expect.objectContaining({ body: { n: 1 }, headers: expect.objectContaining({ 'content-type': 'application/json', 'user-agent': 'concord-registry', 'x-concord-event': 'test', 'x-concord-delivery': '7' }) }),
      ]);
    });
  });
});
