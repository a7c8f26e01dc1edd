import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { MAX_TELEMETRY_FIELDS, MAX_TELEMETRY_VERSIONS } from '../../../vocabulary/agent.js';
import { MAX_STORED_FIELDS } from '../../../registry/storage/telemetry-store.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { renderConsumerUsage } from '../../../cli/consumer-usage-render.js';
import { logIn, page } from '../ui/ui-harness.js';
import { ADMIN_TOKEN, asAdmin, bearer, ordersDocument, useRegistry } from './registry-harness.js';

/*
 * The agent telemetry endpoint: who may report for a consumer, what a batch may hold, how counts
 * add up per version, and how the contract's consumer listing shows them. On every storage target.
 */

const PATH = '/api/contracts/commerce.orders/consumers/agents.router/telemetry';
const report = (version: string, validated: number, rejected: number, topFields: { field: string; count: number }[] = []) => ({ version, validated, rejected, topFields });

describe.each(STORAGE_TARGETS)('consumer telemetry on $dialect', (target) => {
  describe.skipIf(!target.available)('POST /api/contracts/{id}/consumers/{name}/telemetry', () => {
    const harness = useRegistry(target.dialect);
    const app = () => harness().registry.app;
    let owner: string;
    const rows = async () => harness().database.database.db.selectFrom('consumer_telemetry').selectAll().execute();
    const usage = async () => (await request(app()).get('/api/contracts/commerce.orders/consumers').set(asAdmin)).body.items[0]?.usage;

    beforeEach(async () => {
      owner = (await harness().token('consumer', [], 'router agent')).token;
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.1.0'))).status).toBe(201);
      expect((await request(app()).put('/api/consumers/agents.router').set(bearer(owner)).send({ contact: { name: 'Ada', email: 'ada@example.com' } })).status).toBe(200);
      expect((await request(app()).put('/api/consumers/agents.router/pins/commerce.orders').set(bearer(owner)).send({ range: '^1' })).status).toBe(200);
      // The suite's first publish starts the evaluation workers, which takes seconds on a busy machine.
    }, 60_000);

    test('counts add up per version; the listing shows the version reported last, its reject rate and top fields', async () => {
      const post = (body: object) => request(app()).post(PATH).set(bearer(owner)).send(body);
      expect((await post({ versions: [report('1.0.0', 10, 1, [{ field: 'amount', count: 1 }])] })).body).toEqual({ consumer: 'agents.router', contract: 'commerce.orders', accepted: 1 });
      expect((await usage())).toMatchObject({ versionInUse: '1.0.0', validated: 10, rejected: 1, rejectRate: 0.1 });
      expect((await post({ versions: [report('1.0.0', 10, 3, [{ field: 'amount', count: 2 }, { field: 'customer_id', count: 1 }])] })).status).toBe(200);
      expect(await usage()).toMatchObject({ versionInUse: '1.0.0', validated: 20, rejected: 4, rejectRate: 0.2, topFields: [{ field: 'amount', count: 3 }, { field: 'customer_id', count: 1 }] });
      // Wait a millisecond so the newer report's time sorts after the older one's.
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect((await post({ versions: [report('1.1.0', 4, 0)] })).status).toBe(200);
      expect(await usage()).toMatchObject({ versionInUse: '1.1.0', validated: 4, rejected: 0, rejectRate: 0, topFields: [] });
      expect(await rows()).toHaveLength(2);
    });

    test('the contract page and the CLI show the consumer\'s last seen, version in use, reject rate and failing fields', async () => {
      const before = await page(harness(), '/contracts/commerce.orders', await logIn(harness(), ADMIN_TOKEN));
      expect(before.text).toContain('no telemetry yet');
      const items = (await request(app()).get('/api/contracts/commerce.orders/consumers').set(asAdmin)).body.items;
      expect(renderConsumerUsage('commerce.orders', items)).toBe('agents.router  ^1  never reported  -  -\n');

      expect((await request(app()).post(PATH).set(bearer(owner)).send({ versions: [report('1.0.0', 8, 2, [{ field: 'amount', count: 2 }])] })).status).toBe(200);
      const after = await page(harness(), '/contracts/commerce.orders', await logIn(harness(), ADMIN_TOKEN));
      expect(after.text).toMatch(/uses <code>1\.0\.0<\/code>[\s\S]*rejects 25\.0% of 8 records[\s\S]*<code>amount<\/code> 2/);
      const usage = (await request(app()).get('/api/contracts/commerce.orders/consumers').set(asAdmin)).body.items;
      expect(renderConsumerUsage('commerce.orders', usage)).toMatch(/^agents\.router {2}\^1 {2}last seen \S+ {2}uses 1\.0\.0 {2}rejects 25\.0% of 8 {2}top failing: amount 2\n$/);
    });

    test('an admin may report for any consumer', async () => {
      expect((await request(app()).post(PATH).set(asAdmin).send({ versions: [report('1.0.0', 1, 0)] })).status).toBe(200);
    });

    test('keeps at most MAX_STORED_FIELDS failing fields per version, most frequent first', async () => {
      for (let batch = 0; batch < 4; batch += 1) {
        const fields = Array.from({ length: MAX_TELEMETRY_FIELDS }, (_, index) => ({ field: `f${batch}_${index}`, count: batch + 1 }));
        expect((await request(app()).post(PATH).set(bearer(owner)).send({ versions: [report('1.0.0', 100, 50, fields)] })).status).toBe(200);
      }
      const top = (await usage()).topFields as { field: string; count: number }[];
      expect(top).toHaveLength(MAX_STORED_FIELDS);
      expect(top[0]).toEqual({ field: 'f3_0', count: 4 });
    });

    test.each([
      ['a reader token', 'reader', { versions: [report('1.0.0', 1, 0)] }, 403],
      ['another consumer principal', 'other', { versions: [report('1.0.0', 1, 0)] }, 403],
      ['no token', 'none', { versions: [report('1.0.0', 1, 0)] }, 401],
      ['an unpublished version', 'owner', { versions: [report('9.9.9', 1, 0)] }, 404],
      ['more rejected than validated', 'owner', { versions: [report('1.0.0', 1, 2)] }, 400],
      ['a negative count', 'owner', { versions: [report('1.0.0', -1, 0)] }, 400],
      ['a value smuggled beside the counts', 'owner', { versions: [{ ...report('1.0.0', 1, 1), example: 'dana@example.com' }] }, 400],
      ['no versions', 'owner', { versions: [] }, 400],
      ['one version past MAX_TELEMETRY_VERSIONS', 'owner', { versions: Array.from({ length: MAX_TELEMETRY_VERSIONS + 1 }, () => report('1.0.0', 1, 0)) }, 400],
      ['one field past MAX_TELEMETRY_FIELDS', 'owner', { versions: [report('1.0.0', 5, 5, Array.from({ length: MAX_TELEMETRY_FIELDS + 1 }, (_, i) => ({ field: `f${i}`, count: 1 })))] }, 400],
    ])('refuses %s and stores nothing', async (_name, who, body, status) => {
      const tokens: Record<string, Record<string, string>> = {
        owner: bearer(owner),
        reader: bearer((await harness().token('reader')).token),
        other: bearer((await harness().token('consumer', [], 'other agent')).token),
        none: {},
      };
      const response = await request(app()).post(PATH).set(tokens[who] ?? {}).send(body);
      expect(response.status).toBe(status);
      expect(await rows()).toEqual([]);
    });

    test('the batch at MAX_TELEMETRY_VERSIONS versions is taken', async () => {
      const response = await request(app()).post(PATH).set(bearer(owner)).send({ versions: Array.from({ length: MAX_TELEMETRY_VERSIONS }, () => report('1.0.0', 1, 0)) });
      expect(response.status).toBe(200);
      expect(Number((await rows())[0]?.validated)).toBe(MAX_TELEMETRY_VERSIONS);
    });

    test('removing the consumer removes its telemetry', async () => {
      expect((await request(app()).post(PATH).set(bearer(owner)).send({ versions: [report('1.0.0', 1, 0)] })).status).toBe(200);
      expect((await request(app()).delete('/api/consumers/agents.router').set(bearer(owner))).status).toBe(200);
      expect(await rows()).toEqual([]);
    });
  });
});
