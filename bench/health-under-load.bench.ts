import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startRegistry } from '../test/e2e/registry-process.js';
import type { BenchRow } from './support/report.js';

/*
 * `/api/health` latency while a worst-case dry run is in flight, against the same probe on the
 * idle server, in one `concord serve` process (SQLite). The worst case is a
 * `POST /api/contracts/{id}/check` by a reader whose record is a `oneOf` of N distinct branches
 * (N = 2,500 and 10,000, the branch cap), against a published first version. The probe sends one
 * request at a time, like a load balancer's health check. Target: p99 in flight at most 3x idle.
 *   npx tsx bench/health-under-load.bench.ts
 */

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghijklmnop';
const CONTRACT = 'bench.wide';
const BRANCH_COUNTS = [2_500, 10_000] as const;
/** Probe requests per measurement: enough for a p99 that is not a single sample. */
const PROBES = 400;
/** Time given to the dry run to reach a worker before probing starts. */
const HEAD_START_MS = 300;
const TARGET_P99_RATIO = 3;

function document(version: string, branches: number): string {
  return JSON.stringify({
    contract: CONTRACT,
    version,
    owner: { name: 'Bench Owner', email: 'bench@example.com' },
    compatibility: 'forward',
    schema: { oneOf: Array.from({ length: branches }, (_, index) => ({ properties: { k: { const: index } }, required: ['k'] })) },
  });
}

const p99 = (samples: readonly number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
};

/** Probes health one request at a time, `PROBES` times or until `until` says stop. */
async function probe(url: string, until: () => boolean = () => false): Promise<number[]> {
  const samples: number[] = [];
  while (samples.length < PROBES && !until()) {
    const started = performance.now();
    const response = await fetch(`${url}/api/health`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`/api/health answered ${response.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

const fmt = (value: number, digits = 1): string => value.toFixed(digits);

/** Runs the comparison, prints its table through `log`, and returns the rows for `npm run bench`. */
export async function runHealthUnderLoadBench(log: (line: string) => void = console.log): Promise<BenchRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'concord-bench-health-'));
  const registry = await startRegistry(['--db', join(folder, 'registry.db'), '--log-level', 'warn'], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
  try {
    const post = (path: string, body: string, token: string) =>
      fetch(`${registry.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    const published = await post('/api/contracts', document('1.0.0', 3), ADMIN_TOKEN);
    if (published.status !== 201) throw new Error(`publishing the first version answered ${published.status}: ${await published.text()}`);
    const tokenAnswer = await post('/api/tokens', JSON.stringify({ name: 'health bench reader', role: 'reader' }), ADMIN_TOKEN);
    const { token: reader } = (await tokenAnswer.json()) as { token: string };
    await probe(registry.url);

    const rows: BenchRow[] = [];
    const lines: string[][] = [];
    let pass = true;
    for (const branches of BRANCH_COUNTS) {
      const idle = await probe(registry.url);
      const body = document('1.1.0', branches);
      let done = false;
      const sent = performance.now();
      const dryRun = post(`/api/contracts/${CONTRACT}/check`, body, reader).then(async (response) => {
        const answer = { status: response.status, text: await response.text(), ms: performance.now() - sent };
        done = true;
        return answer;
      });
      await new Promise((resolve) => setTimeout(resolve, HEAD_START_MS));
      const loaded = await probe(registry.url, () => done);
      const inFlightAtEnd = !done;
      const answer = await dryRun;
      const ratio = p99(loaded) / Math.max(p99(idle), 0.001);
      pass &&= ratio <= TARGET_P99_RATIO && loaded.length > 0;
      const code = answer.status === 200 ? '200' : `${answer.status} ${(JSON.parse(answer.text) as { error?: { code?: string } }).error?.code ?? ''}`;
      lines.push([`${branches}`, `${fmt(p99(idle))} ms`, `${fmt(p99(loaded))} ms`, `${fmt(ratio, 2)}x`, `${loaded.length}${inFlightAtEnd ? '' : ' (dry run ended first)'}`, `${code}, ${fmt(answer.ms / 1000, 1)} s`]);
      rows.push({
        benchmark: `/api/health p99 during a ${branches}-branch oneOf dry run`,
        concord: { medianMs: p99(loaded), minMs: Math.min(...loaded), runs: loaded.length },
        baseline: { label: 'idle server p99', timing: { medianMs: p99(idle), minMs: Math.min(...idle), runs: idle.length } },
        ratio: 'concord/baseline',
        note: `dry run answered ${code} after ${fmt(answer.ms / 1000, 1)} s (<=3x)`,
      });
    }
    log(`health under load: one probe at a time, ${PROBES} probes idle and while the dry run is in flight; SQLite, reader token`);
    const header = ['branches', 'idle p99', 'in-flight p99', 'ratio (<=3x)', 'probes in flight', 'dry run answer'];
    const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)));
    const row = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
    log(`${row(header)}\n${lines.map(row).join('\n')}`);
    log(pass ? 'targets met' : 'TARGETS MISSED');
    return rows;
  } finally {
    await registry.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runHealthUnderLoadBench();
}
