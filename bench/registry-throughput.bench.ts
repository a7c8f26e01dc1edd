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
 * GET resolve and GET latest on the real registry (`concord serve`, SQLite, a reader token issued
 * through the API, request log at info, Prometheus metrics on) against a bare express app
 * returning the same JSON from memory, each in its own process, at 50 connections. The two are
 * measured alternately in rounds after a long warm-up, and the median round decides. Targets:
 * registry req/s at least 50% of the bare app's, p99 latency at most 2x.
 *   npx tsx bench/registry-throughput.bench.ts
 */

/** Concurrent connections, as the performance target states. */
const CONNECTIONS = 50;
/** Seconds per measured run: several thousand requests per run on two cores. */
const DURATION_S = 3;
/**
 * Seconds of load on each server and route before the first round: long enough for the JIT to
 * settle the hot paths and for SQLite's pages and the registry's caches to be warm.
 */
const WARMUP_S = 4;
/**
 * Measured rounds per route; each round measures the registry and the bare app back to back (in
 * alternating order), and the round with the median ratio is reported, so one burst of noise from
 * another process on the machine does not decide.
 */
const ROUNDS = 5;
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

async function measure(url: string, headers: Readonly<Record<string, string>>, duration: number): Promise<Result> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load; the comparison would be meaningless`);
  }
  return result;
}

/** One round: the registry and the bare app measured back to back. */
interface Round {
  readonly real: Result;
  readonly baseline: Result;
  readonly throughput: number;
  readonly p99: number;
}

/** The round with the median throughput ratio. */
function medianRound(rounds: readonly Round[]): Round {
  const sorted = [...rounds].sort((a, b) => a.throughput - b.throughput);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('no rounds were measured');
  return middle;
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
    const reader = await client.createToken({ name: 'throughput bench reader', role: 'reader' });
    const bodiesFile = join(folder, 'bodies.json');
    writeFileSync(bodiesFile, JSON.stringify({ resolve: await client.resolve(CONTRACT, '^2'), latest: await client.getVersion(CONTRACT, 'latest') }));
    bare = await startBare(bodiesFile);
    const headers = { authorization: `Bearer ${reader.token}` };

    const rows: string[][] = [];
    const summary: BenchRow[] = [];
    let pass = true;
    for (const [route, path] of Object.entries(paths)) {
      const servers = { registry: `${registry.url}${path}`, bare: `${bare.url}${path}` };
      await measure(servers.registry, headers, WARMUP_S);
      await measure(servers.bare, headers, WARMUP_S);
      const rounds: Round[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        // Alternating which goes first, so a trend in the machine's load favours neither.
        const registryFirst = round % 2 === 0;
        const first = await measure(registryFirst ? servers.registry : servers.bare, headers, DURATION_S);
        const second = await measure(registryFirst ? servers.bare : servers.registry, headers, DURATION_S);
        const [real, baseline] = registryFirst ? [first, second] : [second, first];
        rounds.push({
          real,
          baseline,
          throughput: real.requests.average / baseline.requests.average,
          p99: real.latency.p99 / Math.max(baseline.latency.p99, 1),
        });
      }
      const { real, baseline, throughput, p99 } = medianRound(rounds);
      pass &&= throughput >= TARGET_THROUGHPUT_RATIO && p99 <= TARGET_P99_RATIO;
      rows.push([
        `GET ${route}`,
        fmt(real.requests.average),
        fmt(baseline.requests.average),
        `${fmt(throughput * 100)}%`,
        `${real.latency.p99}`,
        `${baseline.latency.p99}`,
        `${fmt(p99, 2)}x`,
        rounds.map((each) => `${fmt(each.throughput * 100)}%/${fmt(each.p99, 1)}x`).join(' '),
      ]);
      summary.push({
        benchmark: `registry GET ${route}, ${CONNECTIONS} connections (mean latency, median of ${ROUNDS} rounds)`,
        concord: latencyTiming(real),
        baseline: { label: 'bare express', timing: latencyTiming(baseline) },
        note: `req/s ${fmt(throughput * 100)}% of bare (>=50%), p99 ${fmt(p99, 2)}x (<=2x)`,
      });
    }
    const header = ['route', 'registry req/s', 'bare req/s', 'ratio (>=50%)', 'registry p99 ms', 'bare p99 ms', 'p99 ratio (<=2x)', 'every round (req/s ratio / p99 ratio)'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
    const line = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
    log(
      `registry throughput: ${CONNECTIONS} connections, median of ${ROUNDS} alternating rounds of ${DURATION_S} s after ${WARMUP_S} s warm-up; ` +
        'SQLite, reader token, request log at info, metrics on',
    );
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
