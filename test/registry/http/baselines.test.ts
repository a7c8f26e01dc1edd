import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, bearer, ordersDocument, useRegistry } from './registry-harness.js';
import { checkReport } from './runs-fixture.js';

const ID = 'commerce.orders';
const RETURNS = 'commerce.returns';
const DAY_MS = 86_400_000;

describe.each(STORAGE_TARGETS)('baselines over HTTP on $dialect', (target) => {
  describe.skipIf(!target.available)('baselines', () => {
    const harness = useRegistry(target.dialect);
    const app = () => harness().registry.app;
    const db = () => harness().database.database.db;

    async function record(contract: string, verdict: 'pass' | 'warn' | 'breaking', sourceName = 'prod'): Promise<number> {
      const response = await request(app()).post(`/api/contracts/${contract}/runs`).set(asAdmin).send(checkReport({ contract, verdict, sourceName }));
      expect(response.status).toBe(201);
      return response.body.id as number;
    }

    const baselineOf = (contract: string, source = 'prod') => request(app()).get(`/api/contracts/${contract}/runs/baseline`).query({ source }).set(asAdmin);
    const auditCount = async (): Promise<number> => (await harness().counts()).audit;

    beforeEach(async () => {
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
    });

    test('a passing run becomes the baseline; warning and breaking runs never do, while latest is the newest', async () => {
      expect((await baselineOf(ID)).status).toBe(404);
      const clean = await record(ID, 'pass');
      const broken = await record(ID, 'breaking');
      await record(ID, 'warn');
      const baseline = await baselineOf(ID);
      expect(baseline.status).toBe(200);
      expect(baseline.body).toMatchObject({ id: clean, verdict: 'pass', acceptedBy: null, baselineSince: expect.any(String) });
      expect(baseline.body.report.verdict).toBe('pass');
      expect((await request(app()).get(`/api/contracts/${ID}/runs/latest`).query({ source: 'prod' }).set(asAdmin)).body.verdict).toBe('warn');
      const fixed = await record(ID, 'pass');
      expect((await baselineOf(ID)).body.id).toBe(fixed);
      expect(broken).toBeGreaterThan(clean);
      const audit = await request(app()).get('/api/audit').query({ contract: ID }).set(asAdmin);
      const recorded = audit.body.items.filter((entry: { action: string }) => entry.action === 'run.record');
      expect(recorded.map((entry: { detail: { baseline: boolean } }) => entry.detail.baseline)).toEqual([true, false, false, true]);
    });

    test("the contract's owner or an admin accepts a run as baseline, audited; checkers and readers are refused and nothing changes", async () => {
      const owner = await harness().token('publisher', ['commerce'], 'returns-owner');
      expect((await request(app()).post('/api/contracts').set(bearer(owner.token)).send(ordersDocument('1.0.0', { contract: RETURNS, metrics: undefined }))).status).toBe(201);
      const clean = await record(RETURNS, 'pass');
      const changed = await record(RETURNS, 'breaking');
      const checker = await harness().token('publisher', ['commerce'], 'checker-commerce');
      const reader = await harness().token('reader');
      const before = await auditCount();
      for (const token of [checker.token, reader.token]) {
        const refused = await request(app()).post(`/api/contracts/${RETURNS}/baseline`).set(bearer(token)).send({ source: 'prod' });
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toContain(`may not accept a baseline of ${RETURNS}`);
      }
      expect((await request(app()).post(`/api/contracts/${RETURNS}/baseline`).send({ source: 'prod' })).status).toBe(401);
      expect((await baselineOf(RETURNS)).body.id).toBe(clean);
      expect(await auditCount()).toBe(before);

      const accepted = await request(app()).post(`/api/contracts/${RETURNS}/baseline`).set(bearer(owner.token)).send({ source: 'prod' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ id: changed, verdict: 'breaking', acceptedBy: owner.principal, acceptedByName: 'returns-owner' });
      expect((await baselineOf(RETURNS)).body).toMatchObject({ id: changed, acceptedBy: owner.principal });
      const audit = await request(app()).get('/api/audit').query({ contract: RETURNS }).set(asAdmin);
      expect(audit.body.items[0]).toMatchObject({ action: 'baseline.accept', actor: owner.principal, toVersion: '1.0.0', detail: { run: changed, source: 'prod', verdict: 'breaking' } });

      const back = await request(app()).post(`/api/contracts/${RETURNS}/baseline`).set(asAdmin).send({ source: 'prod', run: clean });
      expect(back.status).toBe(200);
      expect((await baselineOf(RETURNS)).body).toMatchObject({ id: clean, acceptedBy: 'admin' });
    });

    test.each([
      [{ source: 'prod', runs: 1 }, 400, '/runs'],
      [{}, 400, '/source'],
      [{ source: '' }, 400, '/source'],
      [{ source: 'prod', run: 'latest' }, 400, '/run'],
      [{ source: 'prod', run: 1.5 }, 400, '/run'],
      [{ source: 'staging', run: 'OTHER-SOURCE' }, 400, '/run'],
      [{ source: 'staging' }, 404, undefined],
      [{ source: 'prod', run: 999_999 }, 404, undefined],
    ] as const)('accepting %j is a %i and changes nothing', async (body: Readonly<Record<string, unknown>>, status, pointer) => {
      const first = await record(ID, 'pass');
      await record(ID, 'breaking');
      const run = body.run === 'OTHER-SOURCE' ? first : body.run;
      const sent = { ...body, ...(run === undefined ? {} : { run }) };
      const before = await auditCount();
      const response = await request(app()).post(`/api/contracts/${ID}/baseline`).set(asAdmin).send(sent);
      expect(response.status).toBe(status);
      if (pointer !== undefined) expect(response.body.error.pointer).toBe(pointer);
      expect((await baselineOf(ID)).body.id).toBe(first);
      expect(await auditCount()).toBe(before);
    });

    test('an unknown contract is a 404 for reading and accepting a baseline', async () => {
      expect((await baselineOf('commerce.nothing')).status).toBe(404);
      expect((await request(app()).post('/api/contracts/commerce.nothing/baseline').set(asAdmin).send({ source: 'prod' })).status).toBe(404);
      expect((await request(app()).get(`/api/contracts/${ID}/runs/baseline`).set(asAdmin)).status).toBe(400);
    });

    test('retention never deletes a baseline, however old', async () => {
      const clean = await record(ID, 'pass');
      for (let i = 0; i < 3; i += 1) await record(ID, 'breaking');
      await db().updateTable('check_runs').set({ recorded_at: new Date(Date.now() - 200 * DAY_MS).toISOString() }).execute();
      const pruned = await request(app()).post('/api/runs/prune').set(asAdmin).send({ olderThan: '90d' });
      expect(pruned.body).toEqual({ deleted: 2 });
      expect((await baselineOf(ID)).body.id).toBe(clean);
      expect((await request(app()).get(`/api/contracts/${ID}/runs`).set(asAdmin)).body.total).toBe(2);
    });
  });
});
