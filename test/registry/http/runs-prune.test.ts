import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { MAX_KEEP_LATEST_PER_SOURCE } from '../../../registry/storage/run-store.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, bearer, ordersDocument, useRegistry } from './registry-harness.js';
import { checkReport } from './runs-fixture.js';

const ORDERS = 'commerce.orders';
const PAYMENTS = 'commerce.payments';
const PRUNE = '/api/runs/prune';
const DAY_MS = 86_400_000;

describe.each(STORAGE_TARGETS)('run pruning over HTTP on $dialect', (target) => {
  describe.skipIf(!target.available)('POST /api/runs/prune', () => {
    const harness = useRegistry(target.dialect);
    const app = () => harness().registry.app;
    const db = () => harness().database.database.db;

    /** Records a run through the API, then backdates it by `ageDays` (the registry stamps runs with its own clock). */
    async function recordRun(contract: string, sourceName: string, ageDays: number, label: string): Promise<void> {
      const response = await request(app()).post(`/api/contracts/${contract}/runs`).set(asAdmin).send({ ...checkReport({ contract, sourceName }), source: label });
      expect(response.status).toBe(201);
      const recordedAt = new Date(Date.now() - ageDays * DAY_MS).toISOString();
      await db().updateTable('check_runs').set({ recorded_at: recordedAt }).where('id', '=', response.body.id as number).execute();
    }

    /** The runs left, oldest recorded first, by the label each was recorded with. */
    async function remaining(): Promise<string[]> {
      const rows = await db().selectFrom('check_runs').select('source_description').orderBy('id').execute();
      return rows.map((row) => row.source_description);
    }

    const pruneAudits = async () => (await request(app()).get('/api/audit').set(asAdmin)).body.items.filter((entry: { action: string }) => entry.action === 'run.prune');

    const ALL = ['prod-a', 'staging-a', 'payments-a', 'prod-b', 'prod-c', 'payments-b', 'prod-new'];

    beforeEach(async () => {
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0', { contract: PAYMENTS, metrics: undefined }))).status).toBe(201);
      await recordRun(ORDERS, 'prod', 200, 'prod-a');
      await recordRun(ORDERS, 'staging', 200, 'staging-a');
      await recordRun(PAYMENTS, 'prod', 150, 'payments-a');
      await recordRun(ORDERS, 'prod', 120, 'prod-b');
      await recordRun(ORDERS, 'prod', 100, 'prod-c');
      await recordRun(PAYMENTS, 'prod', 95, 'payments-b');
      await recordRun(ORDERS, 'prod', 0, 'prod-new');
    });

    test.each([
      { body: { olderThan: '90d' }, deleted: 4, left: ['staging-a', 'payments-b', 'prod-new'] },
      { body: { olderThan: '90d', keepLatestPerSource: 3 }, deleted: 1, left: ['staging-a', 'payments-a', 'prod-b', 'prod-c', 'payments-b', 'prod-new'] },
      { body: { olderThan: '110d', keepLatestPerSource: 1 }, deleted: 3, left: ['staging-a', 'prod-c', 'payments-b', 'prod-new'] },
      { body: { olderThan: '90d', contract: ORDERS }, deleted: 3, left: ['staging-a', 'payments-a', 'payments-b', 'prod-new'] },
      { body: { olderThan: '90d', contract: PAYMENTS }, deleted: 1, left: ['prod-a', 'staging-a', 'prod-b', 'prod-c', 'payments-b', 'prod-new'] },
      { body: { olderThan: '300d' }, deleted: 0, left: ALL },
    ])('an admin prunes with $body: $deleted deleted, the newest per source kept', async ({ body, deleted, left }) => {
      const response = await request(app()).post(PRUNE).set(asAdmin).send(body);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ deleted });
      expect(await remaining()).toEqual(left);
      const [audit] = await pruneAudits();
      expect(audit).toMatchObject({ actor: 'admin', contract: body.contract ?? null, detail: { deleted, keepLatestPerSource: body.keepLatestPerSource ?? 1 } });
    });

    test('an ISO date is a cutoff too, and the baselines of every source are still served afterwards', async () => {
      const cutoff = new Date(Date.now() - 110 * DAY_MS).toISOString().slice(0, 10);
      const response = await request(app()).post(PRUNE).set(asAdmin).send({ olderThan: cutoff });
      expect(response.body).toEqual({ deleted: 3 });
      expect(await remaining()).toEqual(['staging-a', 'prod-c', 'payments-b', 'prod-new']);
      for (const [contract, source, label] of [[ORDERS, 'prod', 'prod-new'], [ORDERS, 'staging', 'staging-a'], [PAYMENTS, 'prod', 'payments-b']] as const) {
        const latest = await request(app()).get(`/api/contracts/${contract}/runs/latest`).query({ source }).set(asAdmin);
        expect(latest.status).toBe(200);
        expect(latest.body.sourceDescription).toBe(label);
      }
    });

    test('readers, publishers and missing or wrong tokens are refused and nothing is deleted', async () => {
      const reader = await harness().token('reader');
      const publisher = await harness().token('publisher', ['commerce'], 'checker-commerce');
      for (const [headers, status, code, message] of [
        [{}, 401, 'unauthorized', /needs a token/],
        [bearer('cnc_not-a-real-token'), 401, 'unauthorized', /not accepted/],
        [bearer(reader.token), 403, 'forbidden', /reader user \(reader\) may not prune check runs: use an admin token/],
        [bearer(publisher.token), 403, 'forbidden', /checker-commerce \(publisher\) may not prune check runs: use an admin token/],
      ] as const) {
        const response = await request(app()).post(PRUNE).set(headers).send({ olderThan: '1d' });
        expect(response.status).toBe(status);
        expect(response.body.error).toMatchObject({ code, message: expect.stringMatching(message) });
      }
      expect(await remaining()).toEqual(ALL);
      expect(await pruneAudits()).toEqual([]);
    });

    test.each([
      [{}, '/olderThan', /\/olderThan is required/],
      [{ olderThan: 90 }, '/olderThan', /\/olderThan must be a string/],
      [{ olderThan: 'soon' }, '/olderThan', /"soon" is neither a duration nor an ISO date: .*90d.*2026-08-01/],
      [{ olderThan: '0d' }, '/olderThan', /neither a duration nor an ISO date/],
      [{ olderThan: '2026-13-45' }, '/olderThan', /neither a duration nor an ISO date/],
      [{ olderThan: '2026-08-01T00:00:00' }, '/olderThan', /neither a duration nor an ISO date/],
      [{ olderThan: '2999-01-01' }, '/olderThan', /is in the future, which would select every run/],
      [{ olderThan: '90d', keepLatestPerSource: 0 }, '/keepLatestPerSource', /keepLatestPerSource 0 is not a whole number from 1 to 1000/],
      [{ olderThan: '90d', keepLatestPerSource: MAX_KEEP_LATEST_PER_SOURCE + 1 }, '/keepLatestPerSource', /1001 is not a whole number from 1 to 1000/],
      [{ olderThan: '90d', keepLatestPerSource: 1.5 }, '/keepLatestPerSource', /must be a whole number/],
      [{ olderThan: '90d', keepLatestPerSource: '2' }, '/keepLatestPerSource', /must be a whole number/],
      [{ olderThan: '90d', keep: 3 }, '/keep', /\/keep is not a field of a prune request: send only olderThan, keepLatestPerSource, contract/],
      [{ olderThan: '90d', contract: 5 }, '/contract', /\/contract must be a string/],
    ])('the body %j is a 400 at %s and nothing is deleted', async (body, pointer, message) => {
      const response = await request(app()).post(PRUNE).set(asAdmin).send(body);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'invalid-argument', pointer, message: expect.stringMatching(message) });
      expect(await remaining()).toEqual(ALL);
      expect(await pruneAudits()).toEqual([]);
    });

    test('a body that is not an object is a 400; an unknown contract is a 404; neither deletes anything', async () => {
      const list = await request(app()).post(PRUNE).set(asAdmin).send([{ olderThan: '1d' }]);
      expect(list.status).toBe(400);
      expect(list.body.error.message).toMatch(/the body must be a JSON object/);
      const unknown = await request(app()).post(PRUNE).set(asAdmin).send({ olderThan: '1d', contract: 'commerce.nothing' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toMatch(/commerce\.nothing/);
      expect(await remaining()).toEqual(ALL);
    });

    test(`keeping ${MAX_KEEP_LATEST_PER_SOURCE} runs per source is accepted`, async () => {
      const response = await request(app()).post(PRUNE).set(asAdmin).send({ olderThan: '1d', keepLatestPerSource: MAX_KEEP_LATEST_PER_SOURCE });
      expect(response.body).toEqual({ deleted: 0 });
    });
  });
});
