import pino from 'pino';
import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { createRegistry } from '../../../registry/create-registry.js';
import type { Registry } from '../../../registry/create-registry.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { ADMIN_TOKEN, asAdmin, bearer, ordersDocument, useRegistry } from './registry-harness.js';

/*
 * Reads and token checks are answered from memory between commits. These tests show that every
 * write is seen by the very next request: writes made through the same registry, and writes made
 * through a second registry on its own database handle, as another process or replica would.
 */

const ID = 'commerce.orders';

describe.each(STORAGE_TARGETS)('reads see every commit at once on $dialect', (target) => {
  describe.skipIf(!target.available)('cached reads and tokens', () => {
    const harness = useRegistry(target.dialect);
    const others: Registry[] = [];
    afterEach(async () => {
      await Promise.all(others.splice(0).map((other) => other.close()));
    });

    /** The registry that serves the reads, or a second one on another handle that makes the writes. */
    const writerApp = async (where: 'same' | 'other') => {
      if (where === 'same') return harness().registry.app;
      const other = createRegistry({
        database: await harness().database.openAnother(),
        adminToken: ADMIN_TOKEN,
        logger: pino({ level: 'silent' }),
        processMetrics: false,
        webhooks: { start: false },
      });
      others.push(other);
      return other.app;
    };
    const reader = () => harness().registry.app;
    const resolve = async (range: string, token = ADMIN_TOKEN) =>
      request(reader()).get(`/api/contracts/${ID}/resolve`).query({ range }).set(bearer(token));
    const latest = async () => request(reader()).get(`/api/contracts/${ID}/versions/latest`).set(asAdmin);

    test.each(['same', 'other'] as const)('a publish through the %s registry is resolved by the next read', async (where) => {
      const writer = await writerApp(where);
      expect((await request(writer).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
      // Asked twice, so the second answer comes from memory when the cache works at all.
      expect((await resolve('^1')).body.version).toBe('1.0.0');
      expect((await resolve('^1')).body.version).toBe('1.0.0');
      expect((await latest()).body.version).toBe('1.0.0');
      expect((await request(writer).post('/api/contracts').set(asAdmin).send(ordersDocument('1.1.0', { description: 'newer' }))).status).toBe(201);
      expect((await resolve('^1')).body).toMatchObject({ version: '1.1.0', document: { description: 'newer' } });
      expect((await latest()).body.version).toBe('1.1.0');
    });

    test.each(['same', 'other'] as const)('a yank and a deprecation through the %s registry are seen by the next read', async (where) => {
      const writer = await writerApp(where);
      for (const version of ['1.0.0', '1.1.0']) await request(writer).post('/api/contracts').set(asAdmin).send(ordersDocument(version, { description: version }));
      expect((await resolve('^1')).body.version).toBe('1.1.0');
      expect((await latest()).body.deprecated).toBeNull();
      const deprecated = await request(writer).post(`/api/contracts/${ID}/versions/1.1.0/deprecate`).set(asAdmin).send({ reason: 'moving to 2.x' });
      expect(deprecated.status).toBe(200);
      expect((await latest()).body.deprecated).toMatchObject({ reason: 'moving to 2.x' });
      const yanked = await request(writer).post(`/api/contracts/${ID}/versions/1.1.0/yank`).set(asAdmin).send({ reason: 'drops amounts' });
      expect(yanked.status).toBe(200);
      expect((await resolve('^1')).body.version).toBe('1.0.0');
      expect((await latest()).body.version).toBe('1.0.0');
    });

    test.each(['same', 'other'] as const)('a token revoked through the %s registry is refused on its next request', async (where) => {
      const writer = await writerApp(where);
      await request(writer).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'));
      const created = await request(writer).post('/api/tokens').set(asAdmin).send({ name: 'pipeline', role: 'reader' });
      expect(created.status).toBe(201);
      const token = created.body.token as string;
      expect((await resolve('^1', token)).status).toBe(200);
      expect((await resolve('^1', token)).status).toBe(200);
      expect((await request(writer).delete(`/api/tokens/${created.body.tokenId as string}`).set(asAdmin)).status).toBe(200);
      const refused = await resolve('^1', token);
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toMatch(/unknown or revoked/);
    });
  });
});
