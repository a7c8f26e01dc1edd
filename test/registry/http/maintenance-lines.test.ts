import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { HOST } from '../ui/ui-harness.js';
import { asAdmin, ordersDocument, useRegistry, withoutProperty } from './registry-harness.js';

/*
 * Maintenance lines: with 1.0.0, 1.1.1 and a breaking 2.0.0 published, a fix for the 1.x line is
 * a version below the latest that is the newest of its own line. It is compared with 1.1.1, must
 * fit the bump policy against it, and reaches consumers pinned to ^1.
 */

const ID = 'commerce.orders';
const plain = (version: string, overrides: Record<string, unknown> = {}) => ordersDocument(version, { metrics: [], ...overrides });

describe.each(STORAGE_TARGETS)('maintenance lines over HTTP on $dialect', (target) => {
  describe.skipIf(!target.available)('a 1.x line next to 2.0.0', () => {
    // The consumer's webhook is on 127.0.0.1 (never called: the dispatcher is stopped), which only an operator's opt-in allows.
    const harness = useRegistry(target.dialect, { webhooks: { start: false, allowPrivate: true } });
    const app = () => harness().registry.app;
    const publish = (document: object) => request(app()).post('/api/contracts').set(asAdmin).send(document);
    const check = (document: object) => request(app()).post(`/api/contracts/${ID}/check`).set(asAdmin).send(document);

    beforeEach(async () => {
      for (const document of [plain('1.0.0'), plain('1.1.1'), withoutProperty(plain('2.0.0'), 'customer_id')]) {
        expect((await publish(document)).status).toBe(201);
      }
    });

    test('1.1.2 after 2.0.0 is accepted when compatible with 1.1.1, resolves for ^1 and reaches the ^1 consumer', async () => {
      expect((await request(app()).put('/api/consumers/agents.router').set(asAdmin).send({ contact: { name: 'Rita', email: 'rita@example.com' }, webhook: 'http://127.0.0.1:9/hook' })).status).toBe(200);
      expect((await request(app()).put(`/api/consumers/agents.router/pins/${ID}`).set(asAdmin).send({ range: '^1', fields: ['customer_id'] })).status).toBe(200);

      const fix = plain('1.1.2', { title: 'Orders feed, 1.x' });
      const dryRun = await check(fix);
      expect(dryRun.body).toMatchObject({ outcome: 'accepted', line: '1.x', lineLatest: '1.1.1', previousVersion: '1.1.1', compatible: true, firstVersion: false });
      expect(dryRun.body.consumers).toEqual([expect.objectContaining({ consumer: 'agents.router', receives: true, resolvedVersion: '1.1.1', affected: false })]);

      const response = await publish(fix);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ version: '1.1.2', line: '1.x', previousVersion: '1.1.1', versionCheck: { ok: true } });

      expect((await request(app()).get(`/api/contracts/${ID}/resolve?range=^1`).set(asAdmin)).body.version).toBe('1.1.2');
      expect((await request(app()).get(`/api/contracts/${ID}/resolve?range=^2`).set(asAdmin)).body.version).toBe('2.0.0');
      expect((await request(app()).get(`/api/contracts/${ID}/versions/latest`).set(asAdmin)).body.version).toBe('2.0.0');
      expect((await request(app()).get(`/api/contracts/${ID}`).set(asAdmin)).body.latestVersion).toBe('2.0.0');
      const changelog = await request(app()).get(`/api/contracts/${ID}/changelog?from=1.1.1&to=1.1.2`).set(asAdmin);
      expect(changelog.body).toMatchObject({ from: '1.1.1', to: '1.1.2', compatible: true, requiredBump: 'patch' });

      const audit = await harness().database.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'contract.publish').orderBy('id').execute();
      expect(audit.at(-1)).toMatchObject({ from_version: '1.1.1', to_version: '1.1.2' });

      const rows = await harness().database.database.db.selectFrom('webhook_outbox').selectAll().orderBy('id').execute();
      const payloads = rows.map((row) => JSON.parse(row.payload) as Record<string, unknown>);
      expect(payloads.at(-1)).toMatchObject({ event: 'contract.published', version: '1.1.2', line: '1.x', previousVersion: '1.1.1', subscription: { consumer: 'agents.router', inRange: true } });

      // The versions page says what each version was compared with, and which version heads each line.
      const page = await request(app()).get(`/contracts/${ID}/versions`).set('host', HOST).set(asAdmin);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`/contracts/${ID}/versions?from=1.1.1&amp;to=2.0.0`);
      expect(page.text).toContain(`/contracts/${ID}/versions?from=1.1.1&amp;to=1.1.2`);
      expect(page.text).toContain('newest of 1.x');
    });

    test('a breaking 1.2.0 after 2.0.0 is refused against 1.1.1, advising a line that is free', async () => {
      const breaking = withoutProperty(plain('1.2.0'), 'amount');
      const dryRun = await check(breaking);
      expect(dryRun.body).toMatchObject({ outcome: 'refused', previousVersion: '1.1.1', compatible: false, requiredBump: 'major', line: '1.x' });
      expect(dryRun.body.reasons.map((reason: { code: string }) => reason.code)).toEqual(['breaking-change']);
      const response = await publish(breaking);
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({ code: 'breaking-change', message: expect.stringMatching(/2\.x line it would need is already published: publish it as 3\.0\.0, or keep amount as in 1\.1\.1/) });
    });

    test.each(['1.1.0', '1.0.1'])('%s after 1.1.1 is refused, naming the line\'s highest version', async (version) => {
      const response = await publish(plain(version, { title: 'late' }));
      expect(response.status).toBe(409);
      expect(response.body.error.message).toMatch(new RegExp(`commerce\\.orders ${version.replace(/\./g, '\\.')} is not above 1\\.1\\.1, the highest version of its line 1\\.x: a line only grows, so publish it as 1\\.1\\.2 or higher`));
      expect(response.body.error.reasons).toEqual([expect.objectContaining({ code: 'version-order' })]);
    });

    test('the UI preview of 1.2.0 after 2.0.0 compares it with 1.1.1, not as a first version', async () => {
      const preview = await request(app())
        .post('/impact')
        .set('host', HOST)
        .set('origin', `http://${HOST}`)
        .set(asAdmin)
        .type('form')
        .send({ document: JSON.stringify(withoutProperty(plain('1.2.0'), 'amount')) });
      expect(preview.status).toBe(200);
      expect(preview.text).not.toContain('first version');
      expect(preview.text).toMatch(/Changes from <code>1\.1\.1<\/code> to <code>1\.2\.0<\/code>/);
    });
  });
});
