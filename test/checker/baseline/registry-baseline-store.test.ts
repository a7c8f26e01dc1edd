import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createRegistryBaselineStore } from '../../../checker/baseline/registry-baseline-store.js';
import { createRegistryClient } from '../../../registry/client/index.js';
import { STORAGE_TARGETS } from '../../registry/storage/storage-targets.js';
import { ADMIN_TOKEN, asAdmin, ordersDocument, useRegistry } from '../../registry/http/registry-harness.js';
import { checkReport } from '../../registry/http/runs-fixture.js';

describe.each(STORAGE_TARGETS)('baselines in the registry on $dialect', (target) => {
  describe.skipIf(!target.available)('through the HTTP client', () => {
    const harness = useRegistry(target.dialect);
    let server: Server;
    let baseUrl: string;

    beforeEach(async () => {
      const app = harness().registry.app;
      expect((await request(app).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
      server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

    test('record then latest gives the newest report of that source back whole; an unseen source has none', async () => {
      const checker = await harness().token('publisher', ['commerce'], 'checker-commerce');
      const store = createRegistryBaselineStore(createRegistryClient({ baseUrl, token: checker.token }));
      expect(store.description).toBe(`registry ${baseUrl}`);
      expect(await store.latest('commerce.orders', 'prod')).toBeUndefined();
      await store.record(checkReport({ verdict: 'pass' }));
      const breaking = checkReport({ verdict: 'breaking' });
      await store.record(breaking);
      expect(await store.latest('commerce.orders', 'prod')).toEqual(breaking);
      expect(await store.latest('commerce.orders', 'staging')).toBeUndefined();
      const client = createRegistryClient({ baseUrl, token: checker.token });
      expect((await client.listRuns('commerce.orders', { source: 'prod' })).total).toBe(2);
      expect((await client.latestVerdicts()).items.map((run) => run.verdict)).toEqual(['breaking']);
    });

    test('the baseline is the last passing run, never a breaking one; the owner accepts another through the typed client', async () => {
      const checker = await harness().token('publisher', ['commerce'], 'checker-commerce');
      const store = createRegistryBaselineStore(createRegistryClient({ baseUrl, token: checker.token }));
      expect(await store.baseline('commerce.orders', 'prod')).toBeUndefined();
      const clean = checkReport({ verdict: 'pass' });
      await store.record(clean);
      const broken = checkReport({ verdict: 'breaking', startedAt: '2026-11-23T11:00:00.000Z' });
      await store.record(broken);
      expect(await store.baseline('commerce.orders', 'prod')).toEqual(clean);
      const checkerClient = createRegistryClient({ baseUrl, token: checker.token });
      await expect(checkerClient.acceptBaseline('commerce.orders', { source: 'prod' })).rejects.toMatchObject({ code: 'forbidden' });
      const owner = createRegistryClient({ baseUrl, token: ADMIN_TOKEN });
      const accepted = await owner.acceptBaseline('commerce.orders', { source: 'prod' });
      expect(accepted).toMatchObject({ verdict: 'breaking', acceptedBy: 'admin' });
      expect((await owner.baselineRun('commerce.orders', 'prod')).id).toBe(accepted.id);
      expect(await store.baseline('commerce.orders', 'prod')).toEqual(broken);
    });

    test('a token that may not record is refused loudly, not mistaken for a missing baseline', async () => {
      const reader = await harness().token('reader');
      const store = createRegistryBaselineStore(createRegistryClient({ baseUrl, token: reader.token }));
      await expect(store.record(checkReport())).rejects.toMatchObject({ code: 'forbidden' });
      const anonymous = createRegistryBaselineStore(createRegistryClient({ baseUrl }));
      await expect(anonymous.latest('commerce.orders', 'prod')).rejects.toMatchObject({ code: 'unauthorized' });
    });
  });
});
