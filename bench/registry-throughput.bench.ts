import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import type { Result } from 'autocannon';
import { loadUploadDocument } from '../cli/upload-document.js';
import { createRegistryClient } from '../registry/client/registry-client.js';
import { REPO_ROOT, startRegistry } from '../test/e2e/registry-process.js';
import type { BenchRow } from './support/report.js';
import type { Timing } from './support/timing.js';

/*
 * GET resolve and GET latest on the real registry (`concord serve`, SQLite, token auth) against
 * a bare express app returning the same JSON from memory, each in its own process, at 50
 * connections. Targets: registry req/s at least 50% of the bare app's, p99 latency at most 2x.
 *   npx tsx bench/registry-throughput.bench.ts
 */

/** Concurrent connections, as the performance target states. */
const CONNECTIONS = 50;
/** Seconds per measured run: long enough for a stable mean on two cores, short enough for a quick bench. */
const DURATION_S = 5;
/** Seconds of load before each measurement, so JIT and SQLite page cache are warm. */
const WARMUP_S = 1;
const TARGET_THROUGHPUT_RATIO = 0.5;
const TARGET_P99_RATIO = 2;

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghijklmnop';
const CONTRACT = 'commerce.orders';
const BARE_SERVER = fileURLToPath(new URL('./bare-json-server.ts', import.meta.url));

interface Server {
  readonly url: string;
  stop(): Promise<unknown>;
}

function startBare(bodiesFile: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', BARE_SERVER, bodiesFile], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1] !== undefined) resolve({ url: match[1], stop: () => (child.kill('SIGTERM'), exited) });
    });
    void exited.then(() => reject(new Error(`the bare server exited early: ${out}`)));
  });
}

async function load(url: string, headers: Readonly<Record<string, string>>): Promise<Result> {
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load; the comparison would be meaningless`);
  }
  return result;
}

const fmt = (value: number, digits = 0): string => value.toFixed(digits);

/** Mean latency as the summary table's timing; `runs` is the number of requests answered. */
function latencyTiming(result: Result): Timing {
  return { medianMs: result.latency.average, minMs: result.latency.min, runs: Math.round(result.requests.average * result.duration) };
}

/** Runs the comparison, prints its table through `log`, and returns the rows for `npm run bench`. */
export async function runRegistryThroughputBench(log: (line: string) => void = console.log): Promise<BenchRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'concord-bench-throughput-'));
  const registry = await startRegistry(['--db', join(folder, 'registry.db')], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
  let bare: Server | undefined;
  try {
    const client = createRegistryClient({ baseUrl: registry.url, token: ADMIN_TOKEN });
    for (const name of ['orders-v1.contract.yaml', 'orders.contract.yaml']) {
      await client.publish((await loadUploadDocument(join(REPO_ROOT, 'contracts', 'examples', name))).body);
    }
    const paths = {
      resolve: `/api/contracts/${CONTRACT}/resolve?range=%5E2`,
      latest: `/api/contracts/${CONTRACT}/versions/latest`,
    } as const;
    const bodiesFile = join(folder, 'bodies.json');
    writeFileSync(bodiesFile, JSON.stringify({ resolve: await client.resolve(CONTRACT, '^2'), latest: await client.getVersion(CONTRACT, 'latest') }));
    bare = await startBare(bodiesFile);
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };

    const rows: string[][] = [];
    const summary: BenchRow[] = [];
    let pass = true;
    for (const [route, path] of Object.entries(paths)) {
      const real = await load(`${registry.url}${path}`, headers);
      const baseline = await load(`${bare.url}${path}`, headers);
      const throughput = real.requests.average / baseline.requests.average;
      const p99 = real.latency.p99 / Math.max(baseline.latency.p99, 1);
      pass &&= throughput >= TARGET_THROUGHPUT_RATIO && p99 <= TARGET_P99_RATIO;
      rows.push([
        `GET ${route}`,
        fmt(real.requests.average),
        fmt(baseline.requests.average),
        `${fmt(throughput * 100)}%`,
        `${real.latency.p99}`,
        `${baseline.latency.p99}`,
        `${fmt(p99, 2)}x`,
      ]);
      summary.push({
        benchmark: `registry GET ${route}, ${CONNECTIONS} connections (mean latency)`,
        concord: latencyTiming(real),
        baseline: { label: 'bare express', timing: latencyTiming(baseline) },
        note: `req/s ${fmt(throughput * 100)}% of bare (>=50%), p99 ${fmt(p99, 2)}x (<=2x)`,
      });
    }
    const header = ['route', 'registry req/s', 'bare req/s', 'ratio (>=50%)', 'registry p99 ms', 'bare p99 ms', 'p99 ratio (<=2x)'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
    const line = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
    log(`registry throughput: ${CONNECTIONS} connections, ${DURATION_S} s per run after ${WARMUP_S} s warm-up, SQLite, token auth, request log at info`);
    log(`${line(header)}\n${rows.map(line).join('\n')}`);
    log(pass ? 'targets met' : 'TARGETS MISSED');
    return summary;
  } finally {
    await bare?.stop();
    await registry.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runRegistryThroughputBench();
}
