import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CheckReport } from '../../checker/model.js';
import { parseJunit } from '../checker/reports/parse-xml.js';
import { writeOrdersContract } from './feed-contract.js';
import { cleanEnv, startRegistry, type RegistryProcess } from './registry-process.js';

const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));
// An absolute loader path, so the CLI can run in a temporary folder (where baselines are written).
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function concordIn(cwd: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, MAIN, ...args], { cwd, env: cleanEnv(), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

const check = (args: readonly string[], cwd: string): Promise<Run> => concordIn(cwd, ['check', ...args]);

const order = (index: number, extra: Record<string, unknown> = {}) => ({ order_id: `A-${index}`, amount: index % 300, status: 'paid', note: 'ok', ...extra });
const jsonl = (count: number, make: (index: number) => unknown = order) => `${Array.from({ length: count }, (_, index) => JSON.stringify(make(index))).join('\n')}\n`;

let dir: string;
let contract: string;
let server: Server;
let feedUrl: string;
let closedUrl: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'concord-check-'));
  contract = await writeOrdersContract(dir);
  await fs.writeFile(join(dir, 'clean.jsonl'), jsonl(400));
  await fs.writeFile(join(dir, 'broken.jsonl'), jsonl(400, (index) => (index % 10 === 0 ? order(index, { amount: `<${index}> & "x"` }) : order(index))));
  await fs.writeFile(join(dir, 'renamed.jsonl'), jsonl(200, (index) => ({ order_id: `A-${index}`, amount: 1, status: 'paid', remark: 'ok' })));
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ data: Array.from({ length: 50 }, (_, index) => order(index)) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders#/data`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/orders#/data`;
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await fs.rm(dir, { recursive: true, force: true });
});

// Each case spawns the CLI through tsx, which takes seconds on a busy machine.
describe('concord check', { timeout: 90_000 }, () => {
  test('a clean file passes: exit 0 and the JSON report shape', async () => {
    const run = await check(['--contract', contract, '--source', join(dir, 'clean.jsonl'), '--format', 'json', '--sample', '100'], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['verdict', 'contract', 'version', 'source', 'sampled', 'violations', 'drift', 'profile']));
    expect(report).toMatchObject({ verdict: 'pass', contract: 'shop.orders', version: '2.1.0', read: 100, sampled: 100, violations: [] });
    expect(report.profile.fields.map((field) => field.field)).toEqual(expect.arrayContaining(['order_id', 'amount', 'status', 'note']));
    // Not a terminal: no progress line, nothing on stderr.
    expect(run.stderr).toBe('');
  });

  test('a breaking feed exits 1; its JUnit report is valid XML with failures', async () => {
    const output = join(dir, 'report.xml');
    const run = await check(['-c', contract, '-s', join(dir, 'broken.jsonl'), '--format', 'junit', '--output', output], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const parsed = await parseJunit(await fs.readFile(output, 'utf8'));
    const suite = parsed.suites[0];
    expect(suite?.properties).toMatchObject({ verdict: 'breaking', contract: 'shop.orders', version: '2.1.0' });
    expect(Number(suite?.attributes.failures)).toBeGreaterThan(0);
    expect(suite?.cases.some((testCase) => testCase.failure !== null && testCase.name.includes('amount'))).toBe(true);
  });

  test('the text report names contract, version, field and the next step, breaking first', async () => {
    const run = await check(['-c', contract, '-s', join(dir, 'broken.jsonl'), '--baseline', 'none'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toContain('shop.orders 2.1.0 against');
    expect(run.stdout).toContain('field amount');
    expect(run.stdout).toContain('Next: ');
  });

  test.each([
    [[], 0],
    [['--fail-on', 'warn'], 1],
  ])('warnings pass unless --fail-on warn (%j -> %i)', async (extra, code) => {
    const run = await check(['-c', contract, '-s', join(dir, 'renamed.jsonl'), '--format', 'json', '--baseline', 'none', ...extra], dir);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'warn' });
    expect(run.code).toBe(code);
  });

  test('reads a loopback HTTP source, reservoir sampled with a seed', async () => {
    const run = await check(['-c', contract, '-s', feedUrl, '--sampler', 'reservoir', '--sample', '20', '--seed', '5', '--format', 'json', '--baseline', 'none'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'pass', read: 50, sampled: 20, sampler: 'reservoir 20, seed 5' });
  });

  test('records each run in a local baseline file by default', async () => {
    const work = await fs.mkdtemp(join(dir, 'baseline-'));
    const run = await check(['-c', contract, '-s', join(dir, 'clean.jsonl'), '--format', 'json'], work);
    expect(run.code).toBe(0);
    const stored = await fs.readdir(join(work, '.concord', 'baselines', 'shop.orders'));
    // The newest run, and (since it passed) the baseline beside it.
    expect(stored.map((name) => name.replace(/^[0-9a-f]+/, 'hash')).sort()).toEqual(['hash.baseline.json', 'hash.json']);
  });

  test('a breaking run never becomes the local baseline; baseline accept --baseline file makes the newest run it', async () => {
    const work = await fs.mkdtemp(join(dir, 'heal-'));
    const feed = join(work, 'feed.jsonl');
    const folder = join(work, '.concord', 'baselines', 'shop.orders');
    const baselineVerdict = async (): Promise<string> => {
      const name = (await fs.readdir(folder)).find((file) => file.endsWith('.baseline.json'))!;
      return (JSON.parse(await fs.readFile(join(folder, name), 'utf8')) as { verdict: string }).verdict;
    };
    await fs.copyFile(join(dir, 'clean.jsonl'), feed);
    expect((await check(['-c', contract, '-s', feed, '--format', 'json'], work)).code).toBe(0);
    await fs.copyFile(join(dir, 'broken.jsonl'), feed);
    const broken = await check(['-c', contract, '-s', feed, '--format', 'json'], work);
    expect(broken.code).toBe(1);
    expect(await baselineVerdict()).toBe('pass');
    // The source as runs record it (its description), which is what a person passes to accept.
    const { source } = JSON.parse(broken.stdout) as { source: string };
    const accepted = await concordIn(work, ['baseline', 'accept', 'shop.orders', '--source', source, '--baseline', 'file']);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain(`accepted the breaking run`);
    expect(await baselineVerdict()).toBe('breaking');
    const nothing = await concordIn(work, ['baseline', 'accept', 'shop.orders', '--source', 'staging', '--baseline', 'file']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('shop.orders has no recorded run on source staging');
  });

  test.each([
    ['a missing contract file', ['-c', 'nowhere/orders.contract.yaml', '-s', 'x.jsonl'], 'nowhere/orders.contract.yaml'],
    ['a missing feed file', ['-s', 'missing-feed.jsonl'], 'missing-feed.jsonl'],
    ['an unreachable URL', ['-s', 'CLOSED'], '127.0.0.1'],
    ['a bad --sample', ['-s', 'clean.jsonl', '--sample', 'many'], '--sample many'],
    ['a sample past the limit', ['-s', 'clean.jsonl', '--sample', '1000001'], 'sample size 1000001'],
    ['an unknown format', ['-s', 'clean.jsonl', '--format', 'xml'], 'unknown format "xml"'],
    ['an unknown sampler', ['-s', 'clean.jsonl', '--sampler', 'tail'], 'sampler "tail"'],
    ['no --source', [], "required option '-s, --source"],
  ])('%s: exit 2 with a clear message', async (_name, args, message) => {
    const full = args.map((arg) => (arg === 'CLOSED' ? closedUrl : arg));
    const withContract = full.includes('-c') ? full : ['-c', contract, ...full];
    const run = await check([...withContract, '--baseline', 'none'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  }, 60_000);

  test('an unknown source name lists the contract sources instead of asking for a file extension', async () => {
    const folder = await fs.mkdtemp(join(dir, 'named-'));
    const named = await writeOrdersContract(folder, 'sources:\n  - { name: prod, type: http, url: "https://orders.example.com/api" }\n  - { name: exports, type: file, path: exports/orders.jsonl }\n');
    const run = await check(['-c', named, '-s', 'nosuchsource', '--baseline', 'none'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--source nosuchsource is not one of the contract\'s sources: the sources of shop.orders 2.1.0 are prod, exports');
    expect(run.stderr).not.toContain('extension');
  });

  test('a feed given by absolute path is named relative to the contract file, in every report and the baseline', async () => {
    const work = await fs.mkdtemp(join(dir, 'identity-'));
    const run = await check(['-c', contract, '-s', join(dir, 'clean.jsonl'), '--format', 'json'], work);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.source).toBe('file clean.jsonl');
    const stored = await fs.readdir(join(work, '.concord', 'baselines', 'shop.orders'));
    expect(await fs.readFile(join(work, '.concord', 'baselines', 'shop.orders', stored[0]!), 'utf8')).not.toContain(dir);
  });

  test('--help lists examples and exit codes', async () => {
    const run = await check(['--help'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exit codes: 0 pass');
    expect(run.stdout).toContain('concord check --contract');
  });
});

describe('concord check against a registry contract', { timeout: 120_000 }, () => {
  const ADMIN_TOKEN = 'e2e-check-admin-token-0123456789abcdefghij';
  let registry: RegistryProcess;

  beforeAll(async () => {
    registry = await startRegistry(['--db', join(dir, 'registry.db')], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
  }, 120_000);

  afterAll(async () => {
    await registry.stop();
  });

  test('resolves id@range in the registry and records the run there', async () => {
    const auth = ['--url', registry.url, '--token', ADMIN_TOKEN];
    expect((await concordIn(dir, ['publish', contract, ...auth])).code).toBe(0);
    const run = await check(['-c', 'shop.orders@^2', '-s', join(dir, 'clean.jsonl'), '--format', 'json', ...auth], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'pass', contract: 'shop.orders', version: '2.1.0' });
    const latest = await fetch(`${registry.url}/api/contracts/shop.orders/runs`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(latest.status).toBe(200);
    const runs = JSON.stringify(await latest.json());
    expect(runs).toContain('file clean.jsonl');
    // The feed was given by absolute path; the registry keys it by a name that is the same on every machine.
    expect(runs).not.toContain(dir);
    const missing = await check(['-c', 'shop.orders@^3', '-s', join(dir, 'clean.jsonl'), ...auth], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('shop.orders');
  });

  test('Next: advice names a free version: 4.0.0 when 3.0.0 is already published', async () => {
    const auth = ['--url', registry.url, '--token', ADMIN_TOKEN];
    const folder = await fs.mkdtemp(join(dir, 'v3-'));
    const v3 = await writeOrdersContract(folder);
    await fs.writeFile(v3, (await fs.readFile(v3, 'utf8')).replace('version: 2.1.0', 'version: 3.0.0'));
    expect((await concordIn(dir, ['publish', contract, ...auth])).code).toBe(0);
    expect((await concordIn(dir, ['publish', v3, ...auth])).code).toBe(0);
    const run = await check(['-c', 'shop.orders@^2', '-s', join(dir, 'broken.jsonl'), '--baseline', 'none', ...auth], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Next: the feed file broken.jsonl does not keep the promise of shop.orders 2.1.0');
    expect(run.stdout).toContain('(4.0.0 for a breaking change, since 3.0.0 is already published; consumers pinned to ^2 keep 2.1.0)');
    const json = await check(['-c', 'shop.orders@^3', '-s', join(dir, 'broken.jsonl'), '--baseline', 'none', '--format', 'json', ...auth], dir);
    expect(JSON.parse(json.stdout)).toMatchObject({ version: '3.0.0', nextVersion: '4.0.0' });
  });
});
