import request from 'supertest';
import { describe, expect, test } from 'vitest';
import type { Role } from '../../../registry/storage/principal-store.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, bearer, ordersDocument, useRegistry } from './registry-harness.js';

/*
 * Who may do what, over HTTP: every role (and the two kinds of publisher that are not the
 * contract's owner) against every operation a person does. Each row runs in a fresh registry
 * where the owner published commerce.orders 1.0.0 and the admin registered agents.shared with a
 * pin; "own" consumers are registered by the caller itself.
 */

type Who = 'admin' | 'owner' | 'publisher' | 'other-namespace' | 'consumer' | 'reader';
type Method = 'get' | 'post' | 'put' | 'delete';

const ID = 'commerce.orders';
const CONTACT = { name: 'Kim Lee', email: 'kim@example.com' };
const ROLE_OF: Readonly<Record<Who, readonly [Role, readonly string[]]>> = {
  admin: ['admin', []],
  owner: ['publisher', ['commerce']],
  publisher: ['publisher', ['commerce']],
  'other-namespace': ['publisher', ['payments']],
  consumer: ['consumer', []],
  reader: ['reader', []],
};

interface Operation {
  readonly name: string;
  readonly method: Method;
  readonly path: string;
  readonly body?: object;
  /** Who may: everyone else gets 403. */
  readonly allowed: readonly Who[];
  /** The status an allowed caller gets; 200 unless said. */
  readonly status?: number;
}

const ALL: readonly Who[] = ['admin', 'owner', 'publisher', 'other-namespace', 'consumer', 'reader'];
const PINNERS: readonly Who[] = ['admin', 'owner', 'publisher', 'other-namespace', 'consumer'];
const OWNERS: readonly Who[] = ['admin', 'owner'];
const MINE = 'agents.mine';

/** In this order: each operation leaves what the next ones expect. */
const OPERATIONS: readonly Operation[] = [
  { name: 'read a contract', method: 'get', path: `/api/contracts/${ID}`, allowed: ALL },
  { name: 'list consumers', method: 'get', path: '/api/consumers', allowed: ALL },
  { name: 'whoami', method: 'get', path: '/api/whoami', allowed: ALL },
  { name: 'register an own consumer', method: 'put', path: `/api/consumers/${MINE}`, body: { contact: CONTACT }, allowed: PINNERS },
  { name: 'pin an own consumer', method: 'put', path: `/api/consumers/${MINE}/pins/${ID}`, body: { range: '^1' }, allowed: PINNERS },
  { name: 'unpin an own consumer', method: 'delete', path: `/api/consumers/${MINE}/pins/${ID}`, allowed: PINNERS },
  { name: 'pin an own consumer again', method: 'put', path: `/api/consumers/${MINE}/pins/${ID}`, body: { range: '^1', fields: ['order_id'] }, allowed: PINNERS },
  { name: 'remove an own consumer', method: 'delete', path: `/api/consumers/${MINE}`, allowed: PINNERS },
  { name: "update another's consumer", method: 'put', path: '/api/consumers/agents.shared', body: { contact: CONTACT }, allowed: ['admin'] },
  { name: "pin another's consumer", method: 'put', path: `/api/consumers/agents.shared/pins/${ID}`, body: { range: '1.x' }, allowed: ['admin'] },
  { name: "unpin another's consumer", method: 'delete', path: `/api/consumers/agents.shared/pins/${ID}`, allowed: ['admin'] },
  { name: "remove another's consumer", method: 'delete', path: '/api/consumers/agents.shared', allowed: ['admin'] },
  { name: 'publish a new version', method: 'post', path: '/api/contracts', body: ordersDocument('1.1.0', { description: 'More words.' }), allowed: OWNERS, status: 201 },
  { name: 'deprecate a version', method: 'post', path: `/api/contracts/${ID}/versions/1.0.0/deprecate`, body: { reason: 'use 1.1.0' }, allowed: OWNERS },
  { name: 'yank a version', method: 'post', path: `/api/contracts/${ID}/versions/1.0.0/yank`, body: { reason: 'wrong totals' }, allowed: OWNERS },
  { name: 'transfer by principal name', method: 'post', path: `/api/contracts/${ID}/transfer`, body: { owner: { principal: 'publisher user', name: 'Sam Roe', email: 'sam@example.com' } }, allowed: OWNERS },
  { name: 'read the audit log', method: 'get', path: '/api/audit', allowed: ['admin'] },
  { name: 'list tokens', method: 'get', path: '/api/tokens', allowed: ['admin'] },
  { name: 'create a token', method: 'post', path: '/api/tokens', body: { name: 'new reader', role: 'reader' }, allowed: ['admin'], status: 201 },
];

describe.each(STORAGE_TARGETS)('roles × operations on $dialect', (target) => {
  describe.skipIf(!target.available)('the permission matrix', () => {
    const harness = useRegistry(target.dialect);

    test.each(ALL)('%s', async (who) => {
      const app = harness().registry.app;
      const owner = await harness().token('publisher', ['commerce'], 'owner user');
      const other = await harness().token('publisher', ['commerce'], 'publisher user');
      expect((await request(app).post('/api/contracts').set(bearer(owner.token)).send(ordersDocument('1.0.0'))).status).toBe(201);
      await request(app).put('/api/consumers/agents.shared').set(asAdmin).send({ contact: CONTACT }).expect(200);
      await request(app).put(`/api/consumers/agents.shared/pins/${ID}`).set(asAdmin).send({ range: '^1' }).expect(200);
      const [role, namespaces] = ROLE_OF[who];
      const caller =
        who === 'admin' ? asAdmin : bearer(who === 'owner' ? owner.token : who === 'publisher' ? other.token : (await harness().token(role, namespaces, `${who} user`)).token);

      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const operation of OPERATIONS) {
        const pending = request(app)[operation.method](operation.path).set(caller);
        const response = operation.body === undefined ? await pending : await pending.send(operation.body);
        outcomes.push(`${operation.name}: ${response.status}`);
        expected.push(`${operation.name}: ${operation.allowed.includes(who) ? (operation.status ?? 200) : 403}`);
        // A refusal names who was refused, by name.
        if (response.status === 403) expect(response.body.error.message, operation.name).toContain(`${who} user`);
      }
      expect(outcomes).toEqual(expected);
    });

    test('a consumer token may not pin a consumer it did not register, and the refusal names its registrant', async () => {
      const app = harness().registry.app;
      const agent = await harness().token('consumer', [], 'Agent builder');
      await request(app).put('/api/consumers/agents.shared').set(asAdmin).send({ contact: CONTACT }).expect(200);
      const response = await request(app).put('/api/consumers/agents.shared').set(bearer(agent.token)).send({ contact: CONTACT });
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe('Agent builder may not update consumer agents.shared: it was registered by Registry admin; ask them or an admin');
    });

    test('a consumer token with namespaces is refused: namespaces are for publishers', async () => {
      const response = await request(harness().registry.app).post('/api/tokens').set(asAdmin).send({ name: 'agent', role: 'consumer', namespaces: ['commerce'] });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('namespaces apply to publisher tokens only');
    });
  });
});
