import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ConcordError } from '../../../contracts/errors.js';
import { bootstrapAdmin } from '../../../registry/auth/bootstrap-admin.js';
import { createRegistryClient } from '../../../registry/client/registry-client.js';
import type { RegistryClient } from '../../../registry/client/registry-client.js';
import { createRegistry } from '../../../registry/create-registry.js';
import type { Registry } from '../../../registry/create-registry.js';
import { createPrincipalStore } from '../../../registry/storage/principal-store.js';
import { checkAnswers } from '../../support/openapi-answers.js';
import type { AnswerCheck } from '../../support/openapi-answers.js';
import { freshDatabase, STORAGE_TARGETS } from '../storage/storage-targets.js';
import type { TestDatabase } from '../storage/storage-targets.js';

/*
 * Every client method against the real registry app on a real database: SQLite always,
 * PostgreSQL when CONCORD_TEST_PG_URL is set; the same assertions for both. Every answer the
 * client reads is checked against the OpenAPI document, so the client's types and the document
 * describe the same bodies.
 */

const ADMIN_TOKEN = 'client-test-admin-token-0123456789abcdefghij';
const ID = 'commerce.orders';
const OWNER = { name: 'Dana Fischer', email: 'dana.fischer@example.com' };

function orders(version: string, required: readonly string[] = ['order_id', 'customer_id']): Record<string, unknown> {
  return {
    contract: ID,
    version,
    title: 'Orders feed',
    owner: OWNER,
    team: 'commerce-data',
    compatibility: 'forward',
    schema: {
      type: 'object',
      properties: { order_id: { type: 'string' }, customer_id: { type: 'string' }, amount: { type: 'number' } },
      required,
    },
    metrics: [{ name: 'order_revenue', type: 'simple', aggregation: 'sum', expression: 'amount', unit: 'EUR' }],
    tags: ['commerce'],
  };
}

async function failureOf(promise: Promise<unknown>): Promise<ConcordError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConcordError);
  return error as ConcordError;
}

describe.each(STORAGE_TARGETS.filter((target) => target.available))('the client against the registry on $dialect', ({ dialect }) => {
  let database: TestDatabase;
  let registry: Registry;
  let server: Server;
  let baseUrl: string;
  let admin: RegistryClient;
  let answers: AnswerCheck | undefined;

  beforeAll(async () => {
    database = await freshDatabase(dialect);
    await bootstrapAdmin(createPrincipalStore(database.database.db), { adminToken: ADMIN_TOKEN });
    registry = createRegistry({ database: database.database, adminToken: ADMIN_TOKEN, logger: pino({ level: 'silent' }) });
    answers = checkAnswers(registry.app);
    server = await new Promise<Server>((resolve) => {
      const listening = registry.app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    admin = createRegistryClient({ baseUrl, token: ADMIN_TOKEN });
  });

  afterEach(() => {
    expect(answers?.take() ?? [], 'answers the OpenAPI document does not allow').toEqual([]);
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await registry?.close();
    await database?.cleanup();
  });

  test('health names the database', async () => {
    expect(await admin.health()).toMatchObject({ status: 'ok', database: dialect });
  });

  test('publish: 201, then 200 with existing for the same content, YAML accepted', async () => {
    const first = await admin.publish(orders('1.0.0'));
    expect(first).toMatchObject({ contract: ID, version: '1.0.0', status: 201, changes: [] });
    const again = await admin.publish(orders('1.0.0'));
    expect(again).toMatchObject({ contract: ID, version: '1.0.0', status: 200, existing: true });
    const yaml = [
      `contract: ${ID}`,
      'version: 1.1.0',
      'title: Orders feed',
      `owner: { name: ${OWNER.name}, email: ${OWNER.email} }`,
      'team: commerce-data',
      'compatibility: forward',
      'schema:',
      '  type: object',
      '  properties: { order_id: { type: string }, customer_id: { type: string }, amount: { type: number } }',
      '  required: [order_id, customer_id]',
      'metrics: [{ name: order_revenue, type: simple, aggregation: sum, expression: amount, unit: EUR }]',
      'tags: [commerce, orders]',
    ].join('\n');
    const second = await admin.publish(yaml);
    expect(second).toMatchObject({ version: '1.1.0', status: 201 });
  });

  test('refusals keep the registry code, message and findings', async () => {
    const conflict = await failureOf(admin.publish({ ...orders('1.0.0'), title: 'Something else' }));
    expect(conflict.code).toBe('conflict');
    expect(conflict.detail.remote).toMatchObject({ status: 409, code: 'conflict', reasons: [{ code: 'content-conflict', message: conflict.message }] });

    const breaking = await failureOf(admin.publish(orders('1.2.0', ['order_id'])));
    expect(breaking.code).toBe('breaking-change');
    expect(breaking.message).toMatch(/2\.0\.0/);
    expect(breaking.message).toMatch(/customer_id/);
    expect(breaking.detail.remote?.status).toBe(409);
    expect(breaking.detail.remote?.findings).toContainEqual(expect.objectContaining({ severity: 'breaking', field: 'customer_id' }));
    expect(breaking.detail.remote?.reasons?.map((reason) => reason.code)).toEqual(['breaking-change']);

    const invalid = await failureOf(admin.publish({ contract: ID, version: '9.0.0', schema: { type: 'object' } }));
    expect(invalid.code).toBe('invalid-contract');
    expect(invalid.detail.remote?.status).toBe(422);
    expect(invalid.detail.remote?.findings?.length).toBeGreaterThan(0);
  });

  test('reads: contract, list, versions, one version, latest, resolve, changelog', async () => {
    expect(await admin.getContract(ID)).toMatchObject({ contract: ID, latestVersion: '1.1.0', owner: OWNER, tags: ['commerce', 'orders'] });
    const list = await admin.listContracts({ q: 'orders', namespace: 'commerce', limit: 10 });
    expect(list).toMatchObject({ limit: 10, offset: 0, total: 1 });
    expect(list.items.map((item) => item.contract)).toEqual([ID]);
    expect((await admin.listContracts({ tag: 'nothing-has-this' })).total).toBe(0);

    const versions = await admin.listVersions(ID);
    expect(versions.versions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
    expect(versions.versions[0]).toMatchObject({ publishedBy: 'admin', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const one = await admin.getVersion(ID, '1.0.0');
    expect(one).toMatchObject({ contract: ID, version: '1.0.0', document: { contract: ID }, schema: { type: 'object' } });
    expect((await admin.getVersion(ID, 'latest')).version).toBe('1.1.0');
    expect((await admin.resolve(ID, '~1.0')).version).toBe('1.0.0');

    const changelog = await admin.changelog(ID, '1.0.0', '1.1.0');
    expect(changelog).toMatchObject({ contract: ID, from: '1.0.0', to: '1.1.0', compatible: true, mode: 'forward' });

    expect((await failureOf(admin.getContract('commerce.nothing'))).code).toBe('not-found');
    expect((await failureOf(admin.resolve(ID, '^5'))).code).toBe('not-found');
  });

  test('consumers, pins and the dry run', async () => {
    const contact = { name: 'Ana Lima', email: 'ana.lima@example.com' };
    expect(await admin.putConsumer('agents.support-router', { contact })).toMatchObject({ name: 'agents.support-router', contact });
    expect(await admin.getConsumer('agents.support-router')).toMatchObject({ contact });
    expect((await admin.listConsumers()).items.map((c) => c.name)).toContain('agents.support-router');

    const pin = await admin.pin('agents.support-router', ID, { range: '^1', fields: ['customer_id'] });
    expect(pin).toMatchObject({ consumer: 'agents.support-router', contract: ID, range: '^1', fields: ['customer_id'], resolved: '1.1.0' });
    expect((await admin.listContractConsumers(ID)).items).toEqual([expect.objectContaining({ consumer: 'agents.support-router', range: '^1' })]);

    const check = await admin.check(ID, orders('1.2.0', ['order_id']));
    expect(check).toMatchObject({ contract: ID, version: '1.2.0', compatible: false, requiredBump: 'major', breakingUntouched: false });
    expect(check.versionCheck?.ok).toBe(false);
    expect(check.consumers).toEqual([expect.objectContaining({ consumer: 'agents.support-router', affected: true })]);
    expect((await admin.listVersions(ID)).versions).toHaveLength(2);

    await admin.unpin('agents.support-router', ID);
    expect((await admin.listContractConsumers(ID)).items).toEqual([]);
  });

  test('metrics: the catalog says who defines a metric', async () => {
    const metrics = await admin.listMetrics();
    expect(metrics.items.map((m) => m.name)).toContain('order_revenue');
    expect(await admin.getMetric('order_revenue')).toMatchObject({ name: 'order_revenue', contract: ID });
  });

  test('deprecate and yank mark versions; resolve skips a yanked one', async () => {
    await admin.deprecate(ID, '1.0.0', 'use 1.1');
    await admin.yank(ID, '1.1.0', 'published by mistake');
    const versions = (await admin.listVersions(ID)).versions;
    expect(versions[0]?.deprecated).toBeTruthy();
    expect(versions[1]?.yanked).toBeTruthy();
    expect((await admin.resolve(ID, '^1')).version).toBe('1.0.0');
  });

  test('tokens, roles and the audit log', async () => {
    const reader = await admin.createToken({ name: 'dashboards', role: 'reader' });
    expect(reader.token).toMatch(/^cnc_/);
    const asReader = createRegistryClient({ baseUrl, token: reader.token });
    expect((await asReader.getContract(ID)).contract).toBe(ID);
    const forbidden = await failureOf(asReader.listAudit());
    expect(forbidden.code).toBe('forbidden');
    expect(forbidden.detail.remote?.status).toBe(403);

    const audit = await admin.listAudit({ contract: ID, limit: 50 });
    expect(audit.items.filter((entry) => entry.action === 'contract.publish')).toHaveLength(2);

    const anonymous = await failureOf(createRegistryClient({ baseUrl }).getContract(ID));
    expect(anonymous.code).toBe('unauthorized');
    const wrong = await failureOf(createRegistryClient({ baseUrl, token: 'cnc_wrong' }).getContract(ID));
    expect(wrong.code).toBe('unauthorized');
  });

  test('transfer hands the contract to another principal', async () => {
    const publisher = await admin.createToken({ name: 'Priya Raman', role: 'publisher', namespaces: ['commerce'] });
    const after = await admin.transfer(ID, { principal: publisher.principal.id, name: 'Priya Raman', email: 'priya.raman@example.com' });
    expect(after).toMatchObject({ owner: { name: 'Priya Raman', email: 'priya.raman@example.com' }, ownerPrincipal: publisher.principal.id });
    expect((await admin.getContract(ID)).ownerPrincipal).toBe(publisher.principal.id);
    const revoked = await admin.revokeToken(publisher.tokenId);
    expect(revoked).toEqual({ id: publisher.tokenId, revoked: true });
    expect((await failureOf(createRegistryClient({ baseUrl, token: publisher.token }).getContract(ID))).code).toBe('unauthorized');
  });

  test('OpenAPI document and Prometheus metrics', async () => {
    expect(await admin.openApi()).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
    expect(await admin.prometheusMetrics()).toMatch(/^# HELP /m);
  });
});
