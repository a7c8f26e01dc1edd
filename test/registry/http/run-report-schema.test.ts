import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { renderJsonReport } from '../../../checker/reports/json-report.js';
import { runCheck } from '../../../checker/run-check.js';
import { createSource } from '../../../checker/sources/create-source.js';
import { contractContentHash, loadContractText } from '../../../contracts/index.js';
import type { CheckReport } from '../../../vocabulary/index.js';
import { asAdmin, ordersDocument, useRegistry } from './registry-harness.js';

/*
 * The registry accepts exactly what the checker writes: a report produced by the real checker,
 * as `concord check --format json` prints it, is recorded, and a report that breaks the shared
 * CheckReportSchema anywhere is refused naming the first member that does not conform.
 */

const ID = 'commerce.orders';
/** The published contract the checker checks: orders whose status is one of two values. */
const DOCUMENT = ordersDocument('1.0.0', {
  schema: { type: 'object', required: ['order_id', 'amount'], properties: { order_id: { type: 'string' }, amount: { type: 'number' }, status: { type: 'string', enum: ['placed', 'paid'] } } },
});

let dir: string;
/** The real checker's report of a feed with an enum violation and a malformed line, as JSON. */
let report: CheckReport;

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'concord-run-report-'));
  const path = join(dir, 'orders.jsonl');
  const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ order_id: `A-${i}`, amount: i * 1.5, status: i % 4 === 0 ? 'lost' : 'paid' }));
  await fs.writeFile(path, `${[...lines, '{not json'].join('\n')}\n`);
  const { contract } = await loadContractText(JSON.stringify(DOCUMENT), { format: 'json' });
  if (contract === undefined) throw new Error('the test contract does not load');
  const checked = await runCheck({ contract: { contract, hash: contractContentHash(contract), origin: 'test' }, source: createSource({ name: 'prod', type: 'file', path }), sourceName: 'prod' });
  report = JSON.parse(renderJsonReport(checked)) as CheckReport;
  // A first check loads and compiles the whole analysis; on a busy machine that can pass the 10 s default.
}, 60_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

// A copy of a report being broken on purpose: any member may be set to anything, so it is untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Breakable = any;

/** `report` with `change` applied to a deep copy of it. */
function broken(change: (copy: Breakable) => void): object {
  const copy: Breakable = structuredClone(report);
  change(copy);
  return copy as object;
}

describe('recorded reports are held to the shared check report schema', () => {
  const harness = useRegistry('sqlite');
  const runs = () => request(harness().registry.app).post(`/api/contracts/${ID}/runs`).set(asAdmin);

  beforeEach(async () => {
    expect((await request(harness().registry.app).post('/api/contracts').set(asAdmin).send(DOCUMENT)).status).toBe(201);
  });

  test('a report of the real checker is recorded and read back unchanged', async () => {
    expect(report.violations.length).toBeGreaterThan(0);
    expect(report.readIssues.count).toBeGreaterThan(0);
    const created = await runs().send(report);
    expect(created.status).toBe(201);
    const latest = await request(harness().registry.app).get(`/api/contracts/${ID}/runs/latest`).query({ source: 'prod' }).set(asAdmin);
    expect(latest.body.report).toEqual(report);
  });

  test.each([
    ['a verdict outside the vocabulary', (r) => { r.verdict = 'fine'; }, '/verdict', /must be one of pass, warn, breaking/],
    ['a drift severity outside the vocabulary', (r) => { r.violations[0].severity = 'fatal'; }, '/violations/0/severity', /must be one of breaking, warning, info/],
    ['a violation without its count', (r) => { delete r.violations[0].count; }, '/violations/0', /misses count/],
    ['a read issue of an unknown kind', (r) => { r.readIssues.examples[0].kind = 'lost'; }, '/readIssues/examples/0/kind', /must be one of malformed/],
    ['a selection without its text', (r) => { delete r.selection.text; }, '/selection', /misses text/],
    ['a profile field whose presence is not a number', (r) => { r.profile.fields[0].present = 'all'; }, '/profile/fields/0/present', /must be integer/],
    ['a sampled count that is not whole', (r) => { r.sampled = 1.5; }, '/sampled', /must be integer/],
  ] as const satisfies readonly (readonly [string, (r: Breakable) => void, string, RegExp])[])('%s is refused with 400 naming the member, and nothing is stored', async (_name, change, pointer, message) => {
    const response = await runs().send(broken(change));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid-argument', pointer });
    expect(response.body.error.message).toMatch(message);
    expect((await request(harness().registry.app).get(`/api/contracts/${ID}/runs`).set(asAdmin)).body.total).toBe(0);
  });
});
