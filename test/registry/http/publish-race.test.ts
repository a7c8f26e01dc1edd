import { createServer } from 'node:http';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, ordersDocument, useRegistry } from './registry-harness.js';

const RACERS = 20;

describe.each(STORAGE_TARGETS)('concurrent publishes over HTTP on $dialect', (target) => {
  describe.skipIf(!target.available)('20 publishes of the same next version', () => {
    const harness = useRegistry(target.dialect);

    test.each([
      ['the same content', 200, false],
      ['different content', 409, true],
    ])('with %s: exactly one 201, the others %i, and the version listed once', async (_name, othersStatus, differ) => {
      const server = createServer(harness().registry.app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      try {
        expect((await request(server).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
        const responses = await Promise.all(
          Array.from({ length: RACERS }, (_, i) =>
            request(server)
              .post('/api/contracts')
              .set(asAdmin)
              .send(ordersDocument('1.1.0', { description: differ ? `racer ${i}` : 'the same' })),
          ),
        );
        const statuses = responses.map((response) => response.status).sort();
        expect(statuses.filter((status) => status === 201)).toHaveLength(1);
        expect(statuses.filter((status) => status === othersStatus)).toHaveLength(RACERS - 1);
        if (!differ) expect(responses.filter((response) => response.status === 200).every((response) => response.body.existing === true)).toBe(true);
        const versions = await request(server).get('/api/contracts/commerce.orders/versions').set(asAdmin);
        expect(versions.body.versions.map((v: { version: string }) => v.version)).toEqual(['1.0.0', '1.1.0']);
        const audit = await request(server).get('/api/audit').query({ contract: 'commerce.orders' }).set(asAdmin);
        expect(audit.body.items.filter((entry: { toVersion: string }) => entry.toVersion === '1.1.0')).toHaveLength(1);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
