import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { consumersPinnedTo, createRecipientResolver } from '../../../checker/alerts/recipients.js';
import { alertFor } from '../../../checker/alerts/transitions.js';
import { alertAddressPolicy } from '../../../checker/alerts/webhook-url.js';
import { createRegistryClient } from '../../../registry/client/index.js';
import { asAdmin, ordersDocument, useRegistry } from '../../registry/http/registry-harness.js';
import { checkReport } from '../../registry/http/runs-fixture.js';

describe('who hears an alert', () => {
  test.each([
    ['1.0.0', ['agents.a', 'agents.c']],
    ['2.0.0', ['agents.b', 'agents.c']],
    ['2.1.0-rc.1', ['agents.rc']],
  ])('version %s is covered by the pins of %j', (version, consumers) => {
    const pins = [
      { consumer: 'agents.a', range: '^1' },
      { consumer: 'agents.b', range: '^2' },
      { consumer: 'agents.c', range: '*' },
      { consumer: 'agents.rc', range: '>=2.1.0-rc.0' },
    ];
    expect(consumersPinnedTo(version, pins)).toEqual(consumers);
  });

  describe('with consumers and webhooks read from a real registry', () => {
    // The consumers below registered webhooks on 127.0.0.1, which only an operator's opt-in allows, in the registry and the checker alike.
    const harness = useRegistry('sqlite', { webhooks: { start: false, allowPrivate: true } });
    let server: Server;
    let baseUrl: string;
    beforeEach(async () => {
      const app = harness().registry.app;
      expect((await request(app).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
      expect((await request(app).post('/api/contracts').set(asAdmin).send(ordersDocument('2.0.0', { description: 'v2' }))).status).toBe(201);
      const consumers = [
        ['agents.router', '^1', 'http://127.0.0.1:9/router'],
        ['agents.pricing', '^2', 'http://127.0.0.1:9/pricing'],
        ['agents.quiet', '^1', undefined],
        ['agents.slacker', '>=1', 'https://hooks.slack.com/services/T0/B0/x'],
      ] as const;
      for (const [name, range, webhook] of consumers) {
        const contact = { contact: { name: 'Sam Lee', email: 'sam@example.com' }, ...(webhook === undefined ? {} : { webhook }) };
        expect((await request(app).put(`/api/consumers/${name}`).set(asAdmin).send(contact)).status).toBe(200);
        expect((await request(app).put(`/api/consumers/${name}/pins/commerce.orders`).set(asAdmin).send({ range })).status).toBe(200);
      }
      server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

    test('the owner and every consumer pinned to the checked version with a webhook, each URL once, in its format', async () => {
      const reader = await harness().token('reader');
      const resolve = createRecipientResolver({
        owner: [{ url: 'http://127.0.0.1:9/owner' }, { url: 'http://127.0.0.1:9/owner-chat', format: 'slack' }, { url: 'http://127.0.0.1:9/router' }],
        registry: createRegistryClient({ baseUrl, token: reader.token }),
        policy: alertAddressPolicy(true),
      });
      const alert = alertFor(checkReport(), checkReport({ verdict: 'breaking', version: '1.0.0' }));
      if (alert === undefined) throw new Error('expected an alert');
      expect((await resolve(alert)).map((recipient) => [recipient.for, recipient.url, recipient.format])).toEqual([
        ['owner', 'http://127.0.0.1:9/owner', 'json'],
        ['owner', 'http://127.0.0.1:9/owner-chat', 'slack'],
        ['owner', 'http://127.0.0.1:9/router', 'json'],
        ['consumer agents.slacker', 'https://hooks.slack.com/services/T0/B0/x', 'slack'],
      ]);
      const v2 = alertFor(checkReport({ version: '2.0.0' }), checkReport({ verdict: 'breaking', version: '2.0.0' }));
      if (v2 === undefined) throw new Error('expected an alert');
      expect((await resolve(v2)).map((recipient) => recipient.for)).toEqual(['owner', 'owner', 'owner', 'consumer agents.pricing', 'consumer agents.slacker']);
    });

    test('by default consumers registered with private webhooks are skipped and reported; the others still hear the alert', async () => {
      const reader = await harness().token('reader');
      const skipped: [string, string][] = [];
      const resolve = createRecipientResolver({
        registry: createRegistryClient({ baseUrl, token: reader.token }),
        onSkipped: (consumer, reason) => skipped.push([consumer, reason]),
      });
      const alert = alertFor(checkReport(), checkReport({ verdict: 'breaking', version: '1.0.0' }));
      if (alert === undefined) throw new Error('expected an alert');
      expect((await resolve(alert)).map((recipient) => recipient.for)).toEqual(['consumer agents.slacker']);
      expect(skipped).toEqual([
        ['agents.router', expect.stringMatching(/^alert receiver of consumer agents\.router http:\/\/127\.0\.0\.1:9\/… is refused: 127\.0\.0\.1 is a loopback address; set alerts\.allow-private: true/)],
      ]);
    });

    test('an owner receiver that is not http(s) is refused when the resolver is made, before any run', () => {
      expect(() => createRecipientResolver({ owner: [{ url: 'file:///tmp/alerts' }] })).toThrow(/owner is not an http\(s\) URL/);
    });
  });
});
