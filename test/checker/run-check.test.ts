import { promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFileBaselineStore } from '../../checker/baseline/file-baseline-store.js';
import type { FeedSource } from '../../checker/model.js';
import type { CheckedContract } from '../../checker/resolve-contract.js';
import { MAX_READ_ISSUE_EXAMPLES, runCheck } from '../../checker/run-check.js';
import { createSource } from '../../checker/sources/create-source.js';
import { contractContentHash } from '../../contracts/content-hash.js';
import { isConcordError } from '../../contracts/errors.js';
import type { Contract } from '../../contracts/model.js';

const CONTRACT: Contract = {
  id: 'shop.orders',
  version: '2.1.0',
  owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
  status: 'active',
  compatibility: { mode: 'forward', policy: 'strict' },
  schema: {
    type: 'object',
    required: ['order_id', 'amount', 'status'],
    properties: {
      order_id: { type: 'string' },
      amount: { type: 'number' },
      status: { type: 'string', enum: ['placed', 'paid', 'shipped'] },
      note: { type: ['string', 'null'] },
    },
  },
  metrics: [],
  features: [],
  sources: [],
  tags: [],
};
const CHECKED: CheckedContract = { contract: CONTRACT, hash: contractContentHash(CONTRACT), origin: 'test' };

const order = (index: number, extra: Record<string, unknown> = {}) => ({ order_id: `A-${index}`, amount: index % 100, status: 'paid', note: `n${index % 3}`, ...extra });

let dir: string;
let server: Server;
let baseUrl: string;

async function jsonl(name: string, lines: readonly string[]): Promise<FeedSource> {
  const path = join(dir, name);
  await fs.writeFile(path, `${lines.join('\n')}\n`);
  return createSource({ name: 'test', type: 'file', path });
}

const records = (count: number, make: (index: number) => unknown = order) => Array.from({ length: count }, (_, index) => JSON.stringify(make(index)));

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'concord-run-check-'));
  // A feed that sends the start of a JSON array and then drops the connection.
  server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write(`[${records(5).join(',')},`);
    setTimeout(() => response.socket?.destroy(), 20);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await fs.rm(dir, { recursive: true, force: true });
});

describe('runCheck', () => {
  test('head sampler: reads only N records, analyzes them, and a clean feed passes', async () => {
    const source = await jsonl('clean.jsonl', records(500));
    const report = await runCheck({ contract: CHECKED, source, sampler: { kind: 'head', size: 100 } });
    expect(report).toMatchObject({ verdict: 'pass', contract: 'shop.orders', version: '2.1.0', read: 100, sampled: 100, sampler: 'head 100', violations: [] });
    expect(report.source).toBe(source.description);
    expect(report.profile.records).toBe(100);
    expect(report.drift.filter((finding) => finding.severity !== 'info')).toEqual([]);
  });

  test('reservoir sampler: reads the whole feed, keeps N', async () => {
    const source = await jsonl('reservoir.jsonl', records(300));
    const report = await runCheck({ contract: CHECKED, source, sampler: { kind: 'reservoir', size: 50, seed: 3 } });
    expect(report).toMatchObject({ read: 300, sampled: 50, sampler: 'reservoir 50, seed 3' });
  });

  test('reservoir sampling over HTTP is seeded by default: the same feed gives the same sample, another seed another', async () => {
    const body = JSON.stringify({ data: Array.from({ length: 2_000 }, (_, index) => order(index, { amount: (index * 7919) % 1000 })) });
    const feed = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/orders`;
      const check = (seed?: number) =>
        runCheck({ contract: CHECKED, source: createSource({ name: 'api', type: 'http', url, records: '/data' }), sampler: { kind: 'reservoir', size: 100, ...(seed === undefined ? {} : { seed }) } });
      const amounts = (report: Awaited<ReturnType<typeof check>>) => report.profile.fields.find((field) => field.field === 'amount')?.numeric;
      const [first, second, other] = [await check(), await check(), await check(2)];
      expect(first.selection).toEqual({ kind: 'random', text: 'random 100 of 2000 read in feed order, seed 1', stable: true });
      expect(amounts(second)).toEqual(amounts(first));
      expect(second.verdict).toBe(first.verdict);
      expect(amounts(other)).not.toEqual(amounts(first));
    } finally {
      await new Promise((resolve) => feed.close(resolve));
    }
  });

  test('records that break the contract make the verdict breaking, grouped by field path', async () => {
    const source = await jsonl('broken.jsonl', records(200, (index) => (index % 4 === 0 ? order(index, { amount: `${index}.00` }) : order(index))));
    const report = await runCheck({ contract: CHECKED, source, sampler: { size: 200 } });
    expect(report.verdict).toBe('breaking');
    const group = report.violations.find((violation) => violation.keyword === 'type');
    expect(group).toMatchObject({ count: 50, rate: 0.25, severity: 'breaking' });
    expect(group?.path).toContain('amount');
  });

  test(`malformed lines are counted, not fatal; ${MAX_READ_ISSUE_EXAMPLES} examples kept, one past is only counted`, async () => {
    const lines = [...records(10), ...Array.from({ length: MAX_READ_ISSUE_EXAMPLES + 1 }, (_, index) => `{ broken ${index}`)];
    const report = await runCheck({ contract: CHECKED, source: await jsonl('malformed.jsonl', lines) });
    expect(report.read).toBe(10);
    expect(report.readIssues.count).toBe(MAX_READ_ISSUE_EXAMPLES + 1);
    expect(report.readIssues.examples).toHaveLength(MAX_READ_ISSUE_EXAMPLES);
    expect(report.readIssues.examples[0]?.kind).toBe('malformed');
  });

  test.each([
    ['a missing file', () => createSource({ name: 'gone', type: 'file', path: join(dir, 'no-such-file.jsonl') }), 'no-such-file.jsonl'],
    ['a server that dies mid-stream', () => createSource({ name: 'dying', type: 'http', url: `${baseUrl}/orders`, retries: 0 }), '127.0.0.1'],
  ])('%s is a source-unavailable fault naming the source', async (_name, make, named) => {
    const failure = await runCheck({ contract: CHECKED, source: make() }).catch((error: unknown) => error);
    expect(isConcordError(failure) && failure.code).toBe('source-unavailable');
    expect((failure as Error).message).toContain(named);
  });

  test('a cancelled run stops with source-unavailable', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = await runCheck({ contract: CHECKED, source: await jsonl('cancel.jsonl', records(10)), signal: controller.signal }).catch((error: unknown) => error);
    expect(isConcordError(failure) && failure.code).toBe('source-unavailable');
  });

  test('the run is recorded in the baseline store and the next run of the source compares with it', async () => {
    const store = createFileBaselineStore({ dir: join(dir, 'baselines') });
    const ticks = [Date.parse('2026-11-23T10:00:00Z'), Date.parse('2026-11-23T10:00:01.500Z')];
    const clock = () => new Date(ticks.length > 1 ? ticks.shift()! : ticks[0]!);
    const first = await runCheck({ contract: CHECKED, source: await jsonl('day1.jsonl', records(1000)), sourceName: 'orders', baselineStore: store, now: clock });
    expect(first).toMatchObject({ startedAt: '2026-11-23T10:00:00.000Z', durationMs: 1500, sourceName: 'orders' });
    expect(await store.latest('shop.orders', 'orders')).toEqual(first);
    const nulls = records(1000, (index) => order(index, { note: index % 2 === 0 ? null : 'x' }));
    const second = await runCheck({ contract: CHECKED, source: await jsonl('day2.jsonl', nulls), sourceName: 'orders', baselineStore: store });
    expect(second.drift.some((finding) => finding.field === 'note')).toBe(true);
    expect(first.drift.some((finding) => finding.field === 'note')).toBe(false);
    expect((await store.latest('shop.orders', 'orders'))?.startedAt).toBe(second.startedAt);
  });
});
