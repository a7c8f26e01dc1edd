import request from 'supertest';
import { stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, ordersDocument, useRegistry, withoutProperty } from './registry-harness.js';

const ID = 'commerce.orders';

describe.each(STORAGE_TARGETS)('publishing over HTTP on $dialect', (target) => {
  describe.skipIf(!target.available)('publish, read, resolve', () => {
    const harness = useRegistry(target.dialect);
    const app = () => harness().registry.app;
    const publish = (document: unknown) => request(app()).post('/api/contracts').set(asAdmin).send(document as object);

    test('publishes, lists versions, reads one and the latest, resolves a range and renders the changelog', async () => {
      expect((await publish(ordersDocument('1.0.0'))).status).toBe(201);
      const second = await request(app())
        .post('/api/contracts')
        .set(asAdmin)
        .set('content-type', 'application/yaml')
        .send(stringify(ordersDocument('1.1.0', { description: 'now with a note' })));
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ contract: ID, version: '1.1.0', previousVersion: '1.0.0', compatible: true });
      expect(second.body.changes).toEqual([expect.objectContaining({ rule: 'contract-description-changed', severity: 'info' })]);

      const versions = await request(app()).get(`/api/contracts/${ID}/versions`).set(asAdmin);
      expect(versions.body.versions.map((v: { version: string }) => v.version)).toEqual(['1.0.0', '1.1.0']);
      expect(versions.body.versions[0]).toMatchObject({ publishedBy: 'admin', deprecated: null, yanked: null });

      const latest = await request(app()).get(`/api/contracts/${ID}/versions/latest`).set(asAdmin);
      expect(latest.body).toMatchObject({ contract: ID, version: '1.1.0', document: { description: 'now with a note' }, schema: { type: 'object' } });
      const one = await request(app()).get(`/api/contracts/${ID}/versions/1.0.0`).set(asAdmin);
      expect(one.body.version).toBe('1.0.0');
      const resolved = await request(app()).get(`/api/contracts/${ID}/resolve`).query({ range: '~1.0' }).set(asAdmin);
      expect(resolved.body.version).toBe('1.0.0');

      const changelog = await request(app()).get(`/api/contracts/${ID}/changelog`).query({ from: '1.0.0', to: '1.1.0' }).set(asAdmin);
      expect(changelog.body).toMatchObject({ contract: ID, from: '1.0.0', to: '1.1.0', compatible: true, mode: 'forward', policy: 'strict' });
      expect(changelog.body.changes).toHaveLength(1);

      const contract = await request(app()).get(`/api/contracts/${ID}`).set(asAdmin);
      expect(contract.body).toMatchObject({ contract: ID, latestVersion: '1.1.0', owner: { name: 'Dana Fischer' }, ownerPrincipal: 'admin', tags: ['commerce'] });
      const list = await request(app()).get('/api/contracts').query({ q: 'orders', namespace: 'commerce' }).set(asAdmin);
      expect(list.body).toMatchObject({ total: 1, items: [{ contract: ID }] });
    });

    test('re-publishing identical content answers 200 with existing: true and writes nothing', async () => {
      await publish(ordersDocument('1.0.0'));
      await publish(ordersDocument('1.1.0', { description: 'x' }));
      const before = await harness().counts();
      const again = await publish(ordersDocument('1.1.0', { description: 'x' }));
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ contract: ID, version: '1.1.0', existing: true, previousVersion: '1.0.0' });
      expect(again.body.changes).toHaveLength(1);
      expect(await harness().counts()).toEqual(before);
    });

    test('different content under a published version is a 409 conflict', async () => {
      await publish(ordersDocument('1.0.0'));
      const response = await publish(ordersDocument('1.0.0', { title: 'Another title' }));
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already published with different content/) });
    });

    test('a breaking change without a major bump is a 409 with every finding and the version to use', async () => {
      await publish(ordersDocument('2.1.0'));
      const before = await harness().counts();
      const response = await publish(withoutProperty(ordersDocument('2.2.0'), 'customer_id'));
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('breaking-change');
      expect(response.body.error.message).toMatch(/commerce\.orders 2\.2\.0 has breaking changes: publish it as 3\.0\.0, or keep customer_id as in 2\.1\.0/);
      expect(response.body.error.findings).toEqual(
        expect.arrayContaining([expect.objectContaining({ severity: 'breaking', field: 'customer_id', path: expect.stringContaining('customer_id') })]),
      );
      expect(await harness().counts()).toEqual(before);
      const accepted = await publish(withoutProperty(ordersDocument('3.0.0'), 'customer_id'));
      expect(accepted.status).toBe(201);
      expect(accepted.body).toMatchObject({ compatible: false, requiredBump: 'major', versionCheck: { ok: true } });
    });

    test.each([
      ['an addition needs a minor bump', '1.0.1', 'conflict', /publish it as 1\.1\.0/],
      ['a version below the latest', '0.9.0', 'conflict', /not above the latest version 1\.0\.0/],
    ])('%s: %s is refused with %s', async (_name, version, code, message) => {
      await publish(ordersDocument('1.0.0'));
      const document = ordersDocument(version, { metrics: [...(ordersDocument('1.0.0').metrics as unknown[]), { name: 'order_count', type: 'simple', aggregation: 'count', expression: 'order_id' }] });
      const response = await publish(document);
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({ code, message: expect.stringMatching(message) });
    });

    test.each([
      ['forward_transitive', 409],
      ['forward', 201],
    ])('in %s, a field removed and re-added with another type is checked against the oldest version too: %i', async (mode, status) => {
      const compatibility = { mode, policy: 'lenient' };
      const base = ordersDocument('1.0.0', { compatibility });
      const schema = base.schema as { properties: Record<string, unknown> };
      const withNote = (version: string, type: string) => ({ ...base, version, schema: { ...schema, properties: { ...schema.properties, note: { type } } } });
      expect((await publish(withNote('1.0.0', 'string'))).status).toBe(201);
      expect((await publish({ ...base, version: '1.1.0' })).status).toBe(201);
      const response = await publish(withNote('1.2.0', 'integer'));
      expect(response.status).toBe(status);
      if (status === 409) expect(response.body.error).toMatchObject({ code: 'breaking-change', findings: expect.arrayContaining([expect.objectContaining({ field: 'note' })]) });
    });

    test('yanked versions are never resolved or latest; deprecated ones still are', async () => {
      await publish(ordersDocument('1.0.0'));
      await publish(ordersDocument('1.0.1', { description: 'd' }));
      const yank = await request(app()).post(`/api/contracts/${ID}/versions/1.0.1/yank`).set(asAdmin).send({ reason: 'wrong currency' });
      expect(yank.status).toBe(200);
      expect(yank.body.yanked).toMatchObject({ reason: 'wrong currency', by: 'admin' });
      expect((await request(app()).get(`/api/contracts/${ID}/versions/latest`).set(asAdmin)).body.version).toBe('1.0.0');
      expect((await request(app()).get(`/api/contracts/${ID}/resolve?range=^1`).set(asAdmin)).body.version).toBe('1.0.0');
      const deprecate = await request(app()).post(`/api/contracts/${ID}/versions/1.0.0/deprecate`).set(asAdmin).send({ reason: 'move to 2.x' });
      expect(deprecate.body.deprecated).toMatchObject({ reason: 'move to 2.x' });
      expect((await request(app()).get(`/api/contracts/${ID}/resolve?range=^1`).set(asAdmin)).body.version).toBe('1.0.0');
      expect((await request(app()).get(`/api/contracts/${ID}/resolve?range=^2`).set(asAdmin)).status).toBe(404);
    });

    test.each([
      ['/api/contracts/commerce.nothing', 404, 'not-found'],
      ['/api/contracts/commerce.nothing/versions', 404, 'not-found'],
      [`/api/contracts/${ID}/versions/9.9.9`, 404, 'not-found'],
      [`/api/contracts/${ID}/resolve?range=not-a-range`, 400, 'invalid-argument'],
      [`/api/contracts/${ID}/resolve`, 400, 'invalid-argument'],
      [`/api/contracts/${ID}/changelog`, 400, 'invalid-argument'],
      ['/api/contracts?limit=0', 400, 'invalid-argument'],
      ['/api/contracts?status=sleeping', 400, 'invalid-argument'],
      ['/api/nothing-here', 404, 'not-found'],
    ])('GET %s answers %i %s', async (path, status, code) => {
      await publish(ordersDocument('1.0.0'));
      const response = await request(app()).get(path).set(asAdmin);
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
    });

    test('health names the database and the version', async () => {
      const response = await request(app()).get('/api/health');
      expect(response.body).toEqual({ status: 'ok', database: target.dialect, version: expect.any(String) });
    });
  });
});
