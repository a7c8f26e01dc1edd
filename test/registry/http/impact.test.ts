import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { MAX_CONSUMER_NAME_LENGTH } from '../../../contracts/document/identifiers.js';
import { MAX_PIN_FIELDS } from '../../../registry/services/pins.js';
import { MAX_RANGE_LENGTH } from '../../../registry/services/resolve.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, ordersDocument, useRegistry, withoutProperty } from './registry-harness.js';

const ID = 'commerce.orders';

interface Impact {
  consumer: string;
  affected: boolean;
  receives: boolean;
  resolvedVersion?: string;
  findings: { field?: string; severity: string }[];
}

/** The orders document with `customer.tier` removed: a breaking change deep inside the record. */
function withoutTier(version: string): Record<string, unknown> {
  const document = ordersDocument(version);
  const schema = document.schema as { properties: Record<string, unknown> };
  return { ...document, schema: { ...schema, properties: { ...schema.properties, customer: { type: 'object', properties: { id: { type: 'string' } } } } } };
}

describe.each(STORAGE_TARGETS)('consumers, pins and impact over HTTP on $dialect', (target) => {
  describe.skipIf(!target.available)('dry run with declared fields', () => {
    // A consumer below registers a webhook on 127.0.0.1, which only an operator's opt-in allows.
    const harness = useRegistry(target.dialect, { webhooks: { start: false, allowPrivate: true } });
    const app = () => harness().registry.app;
    const pin = (consumer: string, range: string, fields?: string[]) =>
      request(app())
        .put(`/api/consumers/${consumer}/pins/${ID}`)
        .set(asAdmin)
        .send({ range, ...(fields === undefined ? {} : { fields }) });
    const register = (consumer: string) => request(app()).put(`/api/consumers/${consumer}`).set(asAdmin).send({ contact: { name: `Owner of ${consumer}`, email: 'team@example.com' } });
    const check = (document: object) => request(app()).post(`/api/contracts/${ID}/check`).set(asAdmin).send(document);

    beforeEach(async () => {
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
    });

    test('lists every consumer whose range holds the candidate or the latest, with the findings that touch its fields', async () => {
      for (const name of ['agents.router', 'agents.finance', 'agents.everything', 'agents.next', 'agents.legacy']) expect((await register(name)).status).toBe(200);
      expect((await pin('agents.router', '^1', ['customer_id'])).body).toMatchObject({ consumer: 'agents.router', contract: ID, range: '^1', fields: ['customer_id'], resolved: '1.0.0' });
      await pin('agents.finance', '^1', ['amount']);
      await pin('agents.everything', '~1.0');
      await pin('agents.next', '^2', ['customer.id']);
      expect((await pin('agents.legacy', '^0.5')).body.resolved).toBeNull();

      const before = await harness().counts();
      const response = await check(withoutProperty(ordersDocument('2.0.0'), 'customer_id'));
      expect(response.status).toBe(200);
      expect(await harness().counts()).toEqual(before);
      expect(response.body).toMatchObject({ contract: ID, version: '2.0.0', previousVersion: '1.0.0', compatible: false, requiredBump: 'major', versionCheck: { ok: true }, breakingUntouched: false });
      const consumers = new Map((response.body.consumers as Impact[]).map((impact) => [impact.consumer, impact]));
      expect([...consumers.keys()].sort()).toEqual(['agents.everything', 'agents.finance', 'agents.next', 'agents.router']);
      expect(consumers.get('agents.router')).toMatchObject({ affected: true, receives: false, resolvedVersion: '1.0.0' });
      expect(consumers.get('agents.router')?.findings.every((finding) => finding.field === 'customer_id')).toBe(true);
      expect(consumers.get('agents.finance')).toMatchObject({ affected: false, findings: [] });
      expect(consumers.get('agents.everything')?.findings.length).toBe((response.body.changes as unknown[]).length);
      expect(consumers.get('agents.next')).toMatchObject({ receives: true, affected: false, resolvedVersion: '1.0.0' });
    });

    test.each([
      [['customer_id'], true],
      [['customer'], false],
      [['customer.tier'], false],
      [['customer.id'], true],
    ])('a breaking change to customer.tier with a consumer reading %j: breakingUntouched is %s', async (fields, untouched) => {
      await register('agents.router');
      await pin('agents.router', '^1', fields);
      const response = await check(withoutTier('1.1.0'));
      expect(response.body.changes.some((finding: { severity: string }) => finding.severity === 'breaking')).toBe(true);
      expect(response.body.breakingUntouched).toBe(untouched);
      expect(response.body.refusal).toMatchObject({ code: 'breaking-change', message: expect.stringMatching(/publish it as 2\.0\.0/) });
    });

    test('a dry run of another contract\'s body is refused', async () => {
      const response = await request(app()).post('/api/contracts/commerce.other/check').set(asAdmin).send(ordersDocument('1.1.0'));
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/the body is contract commerce\.orders, not commerce\.other/);
    });

    test('consumers and pins are listed, and a pin can be removed', async () => {
      await request(app()).put('/api/consumers/agents.router').set(asAdmin).send({ contact: { name: 'Sam', email: 'sam@example.com' }, webhook: 'http://127.0.0.1:9/hook' });
      await pin('agents.router', '^1', ['customer_id']);
      expect((await request(app()).get(`/api/contracts/${ID}/consumers`).set(asAdmin)).body).toEqual({
        items: [{ consumer: 'agents.router', contact: { name: 'Sam', email: 'sam@example.com' }, range: '^1', fields: ['customer_id'], usage: null }],
      });
      const consumer = await request(app()).get('/api/consumers/agents.router').set(asAdmin);
      expect(consumer.body).toMatchObject({ name: 'agents.router', webhook: 'http://127.0.0.1:9/hook', pins: [{ contract: ID, range: '^1' }] });
      expect((await request(app()).get('/api/consumers').set(asAdmin)).body).toMatchObject({ total: 1, items: [{ name: 'agents.router' }] });
      expect((await request(app()).delete(`/api/consumers/agents.router/pins/${ID}`).set(asAdmin)).status).toBe(200);
      expect((await request(app()).delete(`/api/consumers/agents.router/pins/${ID}`).set(asAdmin)).status).toBe(404);
    });

    test('a publisher may change only the consumers it registered', async () => {
      const dana = await harness().token('publisher', ['commerce'], 'Dana');
      const sam = await harness().token('publisher', ['commerce'], 'Sam');
      const contact = { contact: { name: 'Dana', email: 'dana@example.com' } };
      expect((await request(app()).put('/api/consumers/agents.dana').set({ authorization: `Bearer ${dana.token}` }).send(contact)).status).toBe(200);
      expect((await request(app()).put('/api/consumers/agents.dana').set({ authorization: `Bearer ${sam.token}` }).send(contact)).status).toBe(403);
      const samPin = await request(app()).put(`/api/consumers/agents.dana/pins/${ID}`).set({ authorization: `Bearer ${sam.token}` }).send({ range: '^1' });
      expect(samPin.status).toBe(403);
    });

    test.each([
      ['a range one character over the limit', 'agents.router', { range: `^1${' '.repeat(MAX_RANGE_LENGTH - 1)}` }, 400],
      ['a range that is not semver', 'agents.router', { range: 'latest-please' }, 400],
      ['one field over the limit', 'agents.router', { range: '^1', fields: Array.from({ length: MAX_PIN_FIELDS + 1 }, (_, i) => `f${i}`) }, 400],
      ['a field that is not a path', 'agents.router', { range: '^1', fields: ['customer id'] }, 400],
      ['an unregistered consumer', 'agents.nobody', { range: '^1' }, 404],
    ])('pinning with %s answers %i', async (_name, consumer, body, status) => {
      await register('agents.router');
      const response = await request(app()).put(`/api/consumers/${consumer}/pins/${ID}`).set(asAdmin).send(body);
      expect(response.status).toBe(status);
    });

    test.each([
      ['exactly at the name limit', 'a'.repeat(MAX_CONSUMER_NAME_LENGTH), 200],
      ['one character over the name limit', 'a'.repeat(MAX_CONSUMER_NAME_LENGTH + 1), 400],
      ['a name with spaces', 'agents%20router', 400],
    ])('registering a consumer %s answers %i', async (_name, name, status) => {
      expect((await register(name)).status).toBe(status);
    });

    test('pins at the field limit and with a range at its limit are accepted', async () => {
      await register('agents.router');
      const fields = Array.from({ length: MAX_PIN_FIELDS }, (_, i) => `f${i}`);
      // ^9 resolves to no version yet, so the made-up fields have no schema to be checked against.
      const range = `^9${' '.repeat(MAX_RANGE_LENGTH - 2)}`;
      expect((await request(app()).put(`/api/consumers/agents.router/pins/${ID}`).set(asAdmin).send({ range, fields })).status).toBe(200);
    });

    test('a webhook that is not http(s) is refused', async () => {
      const response = await request(app()).put('/api/consumers/agents.router').set(asAdmin).send({ contact: { name: 'S', email: 's@example.com' }, webhook: 'file:///etc/passwd' });
      expect(response.status).toBe(400);
    });
  });
});
