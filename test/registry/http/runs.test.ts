import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { MAX_RUN_REPORT_BYTES } from '../../../registry/services/runs.js';
import { MAX_RUN_FINDINGS, MAX_RUN_SOURCE_LENGTH } from '../../../vocabulary/index.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, bearer, ordersDocument, useRegistry } from './registry-harness.js';
import { checkReport, driftFinding } from './runs-fixture.js';

const ID = 'commerce.orders';
const RUNS = `/api/contracts/${ID}/runs`;

/** A report body padded with trailing JSON whitespace to exactly `bytes` bytes. */
function paddedTo(bytes: number): string {
  const text = JSON.stringify(checkReport());
  return text + ' '.repeat(bytes - Buffer.byteLength(text));
}

describe.each(STORAGE_TARGETS)('check run history over HTTP on $dialect', (target) => {
  describe.skipIf(!target.available)('runs', () => {
    const harness = useRegistry(target.dialect);
    const app = () => harness().registry.app;
    const runCount = async (): Promise<number> =>
      Number((await harness().database.database.db.selectFrom('check_runs').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

    beforeEach(async () => {
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.1.0', { description: 'more' }))).status).toBe(201);
    });

    test('a recorded run is listed, is the latest of its source with its whole report, and is audited', async () => {
      const report = checkReport({ verdict: 'breaking' });
      const created = await request(app()).post(RUNS).set(asAdmin).send(report);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ contract: ID, version: '1.0.0', source: 'prod', sourceDescription: report.source, verdict: 'breaking', violations: 0, drift: 1, recordedBy: 'admin' });
      expect(created.body.id).toEqual(expect.any(Number));

      const latest = await request(app()).get(`${RUNS}/latest`).query({ source: 'prod' }).set(asAdmin);
      expect(latest.status).toBe(200);
      expect(latest.body.id).toBe(created.body.id);
      expect(latest.body.report).toEqual(report);

      const one = await request(app()).get(`${RUNS}/${created.body.id as number}`).set(asAdmin);
      expect(one.body.report).toEqual(report);

      const audit = await request(app()).get('/api/audit').query({ contract: ID }).set(asAdmin);
      expect(audit.body.items[0]).toMatchObject({ action: 'run.record', actor: 'admin', contract: ID, toVersion: '1.0.0', detail: { run: created.body.id, source: 'prod', verdict: 'breaking' } });
    });

    test('runs are listed newest first, by source, in pages; the latest of each source is the current verdict', async () => {
      const verdicts = ['pass', 'warn', 'breaking'] as const;
      for (const verdict of verdicts) expect((await request(app()).post(RUNS).set(asAdmin).send(checkReport({ verdict }))).status).toBe(201);
      const staging = checkReport({ verdict: 'warn', sourceName: 'staging', version: '1.1.0' });
      expect((await request(app()).post(RUNS).set(asAdmin).send(staging)).status).toBe(201);

      const all = await request(app()).get(RUNS).set(asAdmin);
      expect(all.body.total).toBe(4);
      expect(all.body.items.map((run: { source: string; verdict: string }) => `${run.source}:${run.verdict}`)).toEqual(['staging:warn', 'prod:breaking', 'prod:warn', 'prod:pass']);

      const page = await request(app()).get(RUNS).query({ source: 'prod', limit: 2, offset: 1 }).set(asAdmin);
      expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
      expect(page.body.items.map((run: { verdict: string }) => run.verdict)).toEqual(['warn', 'pass']);

      const latest = await request(app()).get(`${RUNS}/latest`).query({ source: 'prod' }).set(asAdmin);
      expect(latest.body.verdict).toBe('breaking');

      const current = await request(app()).get('/api/runs/latest').set(asAdmin);
      expect(current.body.items.map((run: { source: string; verdict: string; version: string }) => [run.source, run.verdict, run.version])).toEqual([
        ['prod', 'breaking', '1.0.0'],
        ['staging', 'warn', '1.1.0'],
      ]);
      await expect(harness().registry.services.runs.latestVerdicts(ID)).resolves.toHaveLength(2);
    });

    test('a source without a name is keyed by its description', async () => {
      const { sourceName: _name, ...unnamed } = checkReport({ source: 'file orders/*.jsonl' });
      expect((await request(app()).post(RUNS).set(asAdmin).send(unnamed)).body.source).toBe('file orders/*.jsonl');
      expect((await request(app()).get(`${RUNS}/latest`).query({ source: 'file orders/*.jsonl' }).set(asAdmin)).status).toBe(200);
    });

    test('a checker principal (publisher scoped to the namespace) records; readers, other namespaces and bad tokens are refused and nothing is stored', async () => {
      const checker = await harness().token('publisher', ['commerce'], 'checker-commerce');
      const reader = await harness().token('reader');
      const payments = await harness().token('publisher', ['payments'], 'checker-payments');
      const report = checkReport();
      for (const [headers, status, code, message] of [
        [{}, 401, 'unauthorized', /needs a token/],
        [bearer('cnc_not-a-real-token'), 401, 'unauthorized', /not accepted/],
        [bearer(reader.token), 403, 'forbidden', /reader user \(reader\) may not record check runs for commerce\.orders/],
        [bearer(payments.token), 403, 'forbidden', /--namespace commerce/],
      ] as const) {
        const response = await request(app()).post(RUNS).set(headers).send(report);
        expect(response.status).toBe(status);
        expect(response.body.error.code).toBe(code);
        expect(response.body.error.message).toMatch(message);
      }
      expect(await runCount()).toBe(0);
      const recorded = await request(app()).post(RUNS).set(bearer(checker.token)).send(report);
      expect(recorded.status).toBe(201);
      expect(recorded.body.recordedBy).toBe(checker.principal);
      const listed = (await request(app()).get(RUNS).set(bearer(reader.token))).body;
      expect(listed.total).toBe(1);
      expect(listed.items[0]).toMatchObject({ recordedBy: checker.principal, recordedByName: 'checker-commerce' });
      expect(recorded.body.recordedByName).toBe(listed.items[0].recordedByName);
      expect((await request(app()).get(RUNS)).status).toBe(401);
    });

    const tooManyDrift = { ...checkReport(), drift: Array.from({ length: MAX_RUN_FINDINGS + 1 }, (_, i) => driftFinding(ID, 'prod', `f${i}`, 'warning')) };
    test.each([
      ['not JSON', '{"verdict": ', 'application/json', 400, 'unreadable-input', /./],
      ['YAML', 'verdict: pass', 'application/yaml', 400, 'unreadable-input', /application\/json/],
      ['an array', '[]', 'application/json', 400, 'invalid-argument', /not a Concord check report/],
      ['no verdict', JSON.stringify({ ...checkReport(), verdict: undefined }), 'application/json', 400, 'invalid-argument', /the report misses verdict/],
      ['an unknown verdict', JSON.stringify({ ...checkReport(), verdict: 'ok' }), 'application/json', 400, 'invalid-argument', /\/verdict must be one of pass, warn, breaking/],
      ['a finding without a fingerprint', JSON.stringify({ ...checkReport(), drift: [{ rule: 'x', severity: 'breaking', path: '', message: 'm' }] }), 'application/json', 400, 'invalid-argument', /\/drift\/0 misses fingerprint/],
      ['a negative record count', JSON.stringify({ ...checkReport(), read: -1 }), 'application/json', 400, 'invalid-argument', /\/read must be >= 0/],
      ['a bad start time', JSON.stringify({ ...checkReport(), startedAt: 'yesterday' }), 'application/json', 400, 'invalid-argument', /\/startedAt must match format/],
      ['another contract', JSON.stringify(checkReport({ contract: 'commerce.refunds' })), 'application/json', 400, 'invalid-argument', /for commerce\.refunds, not commerce\.orders/],
      ['a version never published', JSON.stringify(checkReport({ version: '9.9.9' })), 'application/json', 404, 'not-found', /has no version 9\.9\.9/],
      ['"latest" as version', JSON.stringify(checkReport({ version: 'latest' })), 'application/json', 400, 'invalid-argument', /exact version it checked, like 1\.1\.0/],
      [`${MAX_RUN_FINDINGS + 1} drift findings`, JSON.stringify(tooManyDrift), 'application/json', 400, 'invalid-argument', /\/drift must NOT have more than/],
      ['a source one character past the limit', JSON.stringify(checkReport({ sourceName: 's'.repeat(MAX_RUN_SOURCE_LENGTH + 1) })), 'application/json', 400, 'invalid-argument', /\/sourceName must NOT have more than 1000 characters/],
      ['a body one byte past the limit', paddedTo(MAX_RUN_REPORT_BYTES + 1), 'application/json', 413, 'too-large', /larger than/],
    ])('a report that is %s is refused with its 4xx and nothing is stored', async (_name, body, type, status, code, message) => {
      const auditBefore = (await harness().counts()).audit;
      const response = await request(app()).post(RUNS).set(asAdmin).set('content-type', type).send(body);
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message).toMatch(message);
      expect(await runCount()).toBe(0);
      expect((await harness().counts()).audit).toBe(auditBefore);
    });

    test('a source name at the length limit is accepted and is the baseline key', async () => {
      const name = 's'.repeat(MAX_RUN_SOURCE_LENGTH);
      expect((await request(app()).post(RUNS).set(asAdmin).send(checkReport({ sourceName: name }))).body.source).toBe(name);
    });

    test('a body exactly at the limit is accepted', async () => {
      const response = await request(app()).post(RUNS).set(asAdmin).set('content-type', 'application/json').send(paddedTo(MAX_RUN_REPORT_BYTES));
      expect(response.status).toBe(201);
    });

    test('a report for an unknown contract is 404, and so are its lists', async () => {
      const other = checkReport({ contract: 'commerce.nothing' });
      const response = await request(app()).post('/api/contracts/commerce.nothing/runs').set(asAdmin).send(other);
      expect(response.status).toBe(404);
      expect((await request(app()).get('/api/contracts/commerce.nothing/runs').set(asAdmin)).status).toBe(404);
      expect((await request(app()).get('/api/contracts/commerce.nothing/runs/latest').query({ source: 'prod' }).set(asAdmin)).body.error.message).toMatch(/commerce\.nothing does not exist/);
    });

    test.each([
      ['latest without a source', `${RUNS}/latest`, 400, /give the source/],
      ['latest of a source never checked', `${RUNS}/latest?source=prod`, 404, /no run of commerce\.orders on source prod is recorded yet/],
      ['a run id that is not a number', `${RUNS}/abc`, 400, /not a number/],
      ['a run that does not exist', `${RUNS}/12345`, 404, /has no run 12345/],
      ['a page past the limit', `${RUNS}?limit=201`, 400, /limit 201 is out of range/],
    ])('%s is refused with its 4xx and a message saying what to do', async (_name, path, status, message) => {
      const response = await request(app()).get(path).set(asAdmin);
      expect(response.status).toBe(status);
      expect(response.body.error.message).toMatch(message);
    });
  });
});
