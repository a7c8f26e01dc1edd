import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, bearer, ordersDocument, useRegistry } from './registry-harness.js';

/* Wherever the API shows a principal's id it shows the principal's name beside it, and people may name principals instead of quoting ids. */

const ID = 'commerce.orders';
const CONTACT = { name: 'Kim Lee', email: 'kim@example.com' };

describe.each(STORAGE_TARGETS)('principal names on $dialect', (target) => {
  describe.skipIf(!target.available)('names beside ids', () => {
    const harness = useRegistry(target.dialect, { webhooks: { start: false, ownerReceivers: ['https://hooks.example.com/owners'] } });

    test('versions, resolve, marks, contracts, consumers, audit entries and webhook payloads name the principal', async () => {
      const app = harness().registry.app;
      const priya = await harness().token('publisher', ['commerce'], 'Priya Raman');
      const agent = await harness().token('consumer', [], 'Support agents');
      const published = await request(app).post('/api/contracts').set(bearer(priya.token)).send(ordersDocument('1.0.0')).expect(201);
      expect(published.body).toMatchObject({ publishedBy: priya.principal, publishedByName: 'Priya Raman' });
      await request(app).post(`/api/contracts/${ID}/versions/1.0.0/deprecate`).set(asAdmin).send({ reason: 'old' }).expect(200);
      await request(app).put('/api/consumers/agents.support').set(bearer(agent.token)).send({ contact: CONTACT }).expect(200);

      const versions = await request(app).get(`/api/contracts/${ID}/versions`).set(asAdmin).expect(200);
      expect(versions.body.versions[0]).toMatchObject({ publishedBy: priya.principal, publishedByName: 'Priya Raman', deprecated: { by: 'admin', byName: 'Registry admin' } });
      const resolved = await request(app).get(`/api/contracts/${ID}/resolve?range=^1`).set(asAdmin).expect(200);
      expect(resolved.body).toMatchObject({ publishedBy: priya.principal, publishedByName: 'Priya Raman' });
      const version = await request(app).get(`/api/contracts/${ID}/versions/1.0.0`).set(asAdmin).expect(200);
      expect(version.body).toMatchObject({ publishedByName: 'Priya Raman' });
      const contract = await request(app).get(`/api/contracts/${ID}`).set(asAdmin).expect(200);
      expect(contract.body).toMatchObject({ ownerPrincipal: priya.principal, ownerPrincipalName: 'Priya Raman' });
      const listed = await request(app).get('/api/contracts').set(asAdmin).expect(200);
      expect(listed.body.items[0]).toMatchObject({ ownerPrincipalName: 'Priya Raman' });
      const consumers = await request(app).get('/api/consumers').set(asAdmin).expect(200);
      expect(consumers.body.items[0]).toMatchObject({ createdBy: agent.principal, createdByName: 'Support agents' });
      const audit = await request(app).get('/api/audit').set(asAdmin).expect(200);
      expect(audit.body.items.find((entry: { action: string }) => entry.action === 'contract.publish')).toMatchObject({ actor: priya.principal, actorName: 'Priya Raman' });

      const rows = await harness().database.database.db.selectFrom('webhook_outbox').select(['event', 'payload']).orderBy('id').execute();
      const payloads = rows.map((row) => JSON.parse(row.payload) as Record<string, unknown>);
      expect(payloads[0]).toMatchObject({ event: 'contract.published', publishedBy: priya.principal, publishedByName: 'Priya Raman' });
      expect(payloads[1]).toMatchObject({ event: 'version.deprecated', by: 'admin', byName: 'Registry admin' });
    });

    test('transfer takes the principal name; a near miss gets a did-you-mean; audit filters by name', async () => {
      const app = harness().registry.app;
      const priya = await harness().token('publisher', ['commerce'], 'Priya Raman');
      const sam = await harness().token('publisher', ['commerce'], 'Sam Roe');
      await request(app).post('/api/contracts').set(bearer(priya.token)).send(ordersDocument('1.0.0')).expect(201);
      const near = await request(app).post(`/api/contracts/${ID}/transfer`).set(bearer(priya.token)).send({ owner: { principal: 'sam roe', ...CONTACT } });
      expect(near.status).toBe(404);
      expect(near.body.error.message).toContain('did you mean "Sam Roe"?');
      const moved = await request(app).post(`/api/contracts/${ID}/transfer`).set(bearer(priya.token)).send({ owner: { principal: 'Sam Roe', ...CONTACT } }).expect(200);
      expect(moved.body).toMatchObject({ ownerPrincipal: sam.principal, ownerPrincipalName: 'Sam Roe', owner: CONTACT });
      const rows = await harness().database.database.db.selectFrom('webhook_outbox').select('payload').where('event', '=', 'contract.ownership-transferred').execute();
      expect(JSON.parse(rows[0]?.payload ?? '{}')).toMatchObject({ owner: { principal: sam.principal, principalName: 'Sam Roe' }, by: priya.principal, byName: 'Priya Raman' });
      const byName = await request(app).get('/api/audit?actor=Priya%20Raman').set(asAdmin).expect(200);
      expect(byName.body.items.map((entry: { action: string }) => entry.action).sort()).toEqual(['contract.publish', 'contract.transfer-ownership']);
    });

    test.each([
      { role: 'reader' as const, namespaces: [] as string[] },
      { role: 'consumer' as const, namespaces: [] as string[] },
      { role: 'publisher' as const, namespaces: ['payments'] },
    ])('transfer to a $role that could not publish into commerce is a 400 and changes nothing', async ({ role, namespaces }) => {
      const app = harness().registry.app;
      const priya = await harness().token('publisher', ['commerce'], 'Priya Raman');
      await harness().token(role, namespaces, 'Cannot Own');
      await request(app).post('/api/contracts').set(bearer(priya.token)).send(ordersDocument('1.0.0')).expect(201);
      const refused = await request(app).post(`/api/contracts/${ID}/transfer`).set(bearer(priya.token)).send({ owner: { principal: 'Cannot Own', ...CONTACT } });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain(`Cannot Own (${role}) cannot publish into commerce`);
      const contract = await request(app).get(`/api/contracts/${ID}`).set(asAdmin).expect(200);
      expect(contract.body).toMatchObject({ ownerPrincipal: priya.principal });
    });

    test('names are unique: a second token with a taken name is a 409 naming it', async () => {
      await harness().token('reader', [], 'Dashboards');
      const again = await request(harness().registry.app).post('/api/tokens').set(asAdmin).send({ name: 'Dashboards', role: 'reader' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain('the name "Dashboards" already exists');
    });

    test('whoami answers the caller; token list names each token\'s principal', async () => {
      const app = harness().registry.app;
      const agent = await harness().token('consumer', [], 'Support agents');
      expect((await request(app).get('/api/whoami').set(bearer(agent.token)).expect(200)).body).toMatchObject({ id: agent.principal, name: 'Support agents', role: 'consumer' });
      const tokens = await request(app).get('/api/tokens').set(asAdmin).expect(200);
      expect(tokens.body.items[0]).toMatchObject({ principal: { id: agent.principal, name: 'Support agents', role: 'consumer' }, revokedAt: null });
      expect(tokens.body.items[0]).not.toHaveProperty('token_hash');
    });
  });
});
