import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { MAX_TEXT_FIELD_LENGTH } from '../../../registry/http/body-fields.js';
import { MAX_PRINCIPAL_NAME_LENGTH } from '../../../contracts/document/identifiers.js';
import { MAX_TOKEN_NAMESPACES } from '../../../registry/services/tokens.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, bearer, ordersDocument, useRegistry } from './registry-harness.js';

const ID = 'commerce.orders';
const CONSUMER = 'agents.router';
const CONTACT = { name: 'Sam Lee', email: 'sam@example.com' };

type Method = 'get' | 'post' | 'put' | 'delete';

/** Every write route (and the admin-only read), with a body that would be accepted from an admin. */
const WRITES: readonly (readonly [Method, string, object | undefined])[] = [
  ['post', '/api/contracts', ordersDocument('1.1.0', { description: 'x' })],
  ['post', `/api/contracts/${ID}/versions/1.0.0/deprecate`, { reason: 'old' }],
  ['post', `/api/contracts/${ID}/versions/1.0.0/yank`, { reason: 'bad' }],
  ['post', `/api/contracts/${ID}/transfer`, { owner: { principal: 'admin', name: 'A', email: 'a@example.com' } }],
  ['put', `/api/consumers/${CONSUMER}`, { contact: CONTACT }],
  ['put', `/api/consumers/${CONSUMER}/pins/${ID}`, { range: '^1' }],
  ['delete', `/api/consumers/${CONSUMER}/pins/${ID}`, undefined],
  ['delete', `/api/consumers/${CONSUMER}`, undefined],
  ['post', '/api/tokens', { name: 'x', role: 'reader' }],
  ['delete', '/api/tokens/some-token-id', undefined],
  ['get', '/api/audit', undefined],
  ['get', '/api/tokens', undefined],
];

describe.each(STORAGE_TARGETS)('authorization over HTTP on $dialect', (target) => {
  describe.skipIf(!target.available)('tokens, roles and ownership', () => {
    const harness = useRegistry(target.dialect);
    const app = () => harness().registry.app;
    const send = (method: Method, path: string, body: object | undefined, headers: Record<string, string>) => {
      const pending = request(app())[method](path).set(headers);
      return body === undefined ? pending : pending.send(body);
    };

    beforeEach(async () => {
      await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'));
      await request(app()).put(`/api/consumers/${CONSUMER}`).set(asAdmin).send({ contact: CONTACT });
      await request(app()).put(`/api/consumers/${CONSUMER}/pins/${ID}`).set(asAdmin).send({ range: '^1' });
    });

    test.each(WRITES)('%s %s refuses a missing (401), wrong (401) and insufficient (403) token and changes nothing', async (method, path, body) => {
      const before = await harness().counts();
      const reader = await harness().token('reader');
      const afterToken = await harness().counts();
      for (const [headers, status, code] of [
        [{}, 401, 'unauthorized'],
        [bearer('cnc_not-a-real-token'), 401, 'unauthorized'],
        [bearer(reader.token), 403, 'forbidden'],
      ] as const) {
        const response = await send(method, path, body, headers);
        expect(response.status).toBe(status);
        expect(response.body.error.code).toBe(code);
      }
      expect(before.versions).toBe(afterToken.versions);
      expect(await harness().counts()).toEqual(afterToken);
    });

    test('reads need a token; a wrong token is refused even for reads', async () => {
      const reader = await harness().token('reader');
      expect((await request(app()).get(`/api/contracts/${ID}`)).status).toBe(401);
      expect((await request(app()).get(`/api/contracts/${ID}`).set(bearer('cnc_wrong'))).status).toBe(401);
      expect((await request(app()).get(`/api/contracts/${ID}`).set(bearer(reader.token))).status).toBe(200);
      expect((await request(app()).get(`/api/contracts/${ID}`).set({ authorization: 'Basic abc' })).status).toBe(401);
    });

    test('a publisher cannot publish into another owner\'s contract until ownership is transferred to it', async () => {
      const dana = await harness().token('publisher', ['commerce'], 'Dana');
      const sam = await harness().token('publisher', ['commerce'], 'Sam');
      const mine = ordersDocument('1.0.0', { contract: 'commerce.refunds' });
      expect((await request(app()).post('/api/contracts').set(bearer(dana.token)).send(mine)).status).toBe(201);
      expect((await request(app()).get('/api/contracts/commerce.refunds').set(asAdmin)).body.ownerPrincipal).toBe(dana.principal);

      const next = ordersDocument('1.1.0', { contract: 'commerce.refunds', description: 'x' });
      const refused = await request(app()).post('/api/contracts').set(bearer(sam.token)).send(next);
      expect(refused.status).toBe(403);
      // The owning principal (the token's name) and the contact person of the document, each named as what it is.
      expect(refused.body.error.message).toMatch(/commerce\.refunds: it is owned by principal Dana \(its contact person is Dana Fischer <dana\.fischer@example\.com>\)/);
      expect(refused.body.error.reasons).toEqual([{ code: 'not-owner', message: refused.body.error.message }]);
      const transferBySam = await request(app()).post('/api/contracts/commerce.refunds/transfer').set(bearer(sam.token)).send({ owner: { principal: sam.principal, name: 'Sam', email: 'sam@example.com' } });
      expect(transferBySam.status).toBe(403);
      expect(transferBySam.body.error.message).toMatch(/Sam may not transfer commerce\.refunds: it is owned by principal Dana \(its contact person is Dana Fischer/);
      const yankBySam = await request(app()).post('/api/contracts/commerce.refunds/versions/1.0.0/yank').set(bearer(sam.token)).send({ reason: 'not mine to yank' });
      expect(yankBySam.status).toBe(403);
      expect(yankBySam.body.error.message).toMatch(/Sam may not yank versions of commerce\.refunds: it is owned by principal Dana \(/);

      const transfer = await request(app()).post('/api/contracts/commerce.refunds/transfer').set(bearer(dana.token)).send({ owner: { principal: sam.principal, name: 'Sam Lee', email: 'sam@example.com' } });
      expect(transfer.status).toBe(200);
      expect(transfer.body).toMatchObject({ ownerPrincipal: sam.principal, owner: { name: 'Sam Lee' } });
      expect((await request(app()).post('/api/contracts').set(bearer(sam.token)).send(next)).status).toBe(201);
      const danaAgain = ordersDocument('1.2.0', { contract: 'commerce.refunds', description: 'y' });
      expect((await request(app()).post('/api/contracts').set(bearer(dana.token)).send(danaAgain)).status).toBe(403);
    });

    test('a publisher may publish only into its namespaces, and ownership goes only to principals that could publish', async () => {
      const payments = await harness().token('publisher', ['payments'], 'Pat');
      const response = await request(app()).post('/api/contracts').set(bearer(payments.token)).send(ordersDocument('1.0.0', { contract: 'commerce.returns' }));
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/only payments, not commerce/);
      const transfer = await request(app()).post(`/api/contracts/${ID}/transfer`).set(asAdmin).send({ owner: { principal: payments.principal, name: 'Pat', email: 'pat@example.com' } });
      expect(transfer.status).toBe(400);
    });

    test('the audit log is for admins and records who did what, from which version to which', async () => {
      const publisher = await harness().token('publisher');
      expect((await request(app()).get('/api/audit').set(bearer(publisher.token))).status).toBe(403);
      await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.1.0', { description: 'x' }));
      const audit = await request(app()).get('/api/audit').query({ contract: ID }).set(asAdmin);
      expect(audit.status).toBe(200);
      expect(audit.body.items[0]).toMatchObject({ actor: 'admin', action: 'contract.publish', contract: ID, fromVersion: '1.0.0', toVersion: '1.1.0' });
      const actions = (await request(app()).get('/api/audit').set(asAdmin)).body.items.map((entry: { action: string }) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['contract.publish', 'consumer.put', 'pin.put', 'token.create']));
    });

    test('an admin creates and revokes tokens; a revoked token is refused', async () => {
      const created = await request(app()).post('/api/tokens').set(asAdmin).send({ name: 'Reporting job', role: 'reader' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ principal: { name: 'Reporting job', role: 'reader' }, token: expect.stringMatching(/^cnc_/) });
      const token = created.body.token as string;
      expect((await request(app()).get(`/api/contracts/${ID}`).set(bearer(token))).status).toBe(200);
      expect((await request(app()).delete(`/api/tokens/${created.body.tokenId as string}`).set(asAdmin)).status).toBe(200);
      expect((await request(app()).get(`/api/contracts/${ID}`).set(bearer(token))).status).toBe(401);
      expect((await request(app()).delete(`/api/tokens/${created.body.tokenId as string}`).set(asAdmin)).status).toBe(404);
    });

    test.each([
      ['a name at the limit', { name: 'n'.repeat(MAX_PRINCIPAL_NAME_LENGTH), role: 'reader' }, 201],
      ['a name one past the limit', { name: 'n'.repeat(MAX_PRINCIPAL_NAME_LENGTH + 1), role: 'reader' }, 400],
      ['namespaces at the limit', { name: 'p', role: 'publisher', namespaces: Array.from({ length: MAX_TOKEN_NAMESPACES }, (_, i) => `ns${i}`) }, 201],
      ['one namespace past the limit', { name: 'p', role: 'publisher', namespaces: Array.from({ length: MAX_TOKEN_NAMESPACES + 1 }, (_, i) => `ns${i}`) }, 400],
    ])('a token request with %s answers %i', async (_name, body, status) => {
      expect((await request(app()).post('/api/tokens').set(asAdmin).send(body)).status).toBe(status);
    });

    test.each([
      ['at the limit', MAX_TEXT_FIELD_LENGTH, 200],
      ['one past the limit', MAX_TEXT_FIELD_LENGTH + 1, 400],
    ])('a deprecation reason %s answers %i', async (_name, length, status) => {
      const response = await request(app()).post(`/api/contracts/${ID}/versions/1.0.0/deprecate`).set(asAdmin).send({ reason: 'r'.repeat(length) });
      expect(response.status).toBe(status);
    });

    test.each([
      [{ name: 'p', role: 'publisher' }, /needs namespaces/],
      [{ name: 'p', role: 'owner' }, /not a role/],
      [{ role: 'reader' }, /\/name is required/],
    ])('token request %j is refused with 400', async (body, message) => {
      const response = await request(app()).post('/api/tokens').set(asAdmin).send(body);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
    });
  });

  describe.skipIf(!target.available)('with public reads', () => {
    const harness = useRegistry(target.dialect, { publicRead: true });

    test('anyone reads; writes still need a token', async () => {
      const app = harness().registry.app;
      await request(app).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'));
      expect((await request(app).get(`/api/contracts/${ID}/versions/latest`)).status).toBe(200);
      expect((await request(app).post('/api/contracts').send(ordersDocument('1.1.0'))).status).toBe(401);
      expect((await request(app).get('/api/audit')).status).toBe(401);
    });
  });
});
