import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startRegistry } from '../test/e2e/registry-process.js';
import type { RegistryProcess } from '../test/e2e/registry-process.js';
import type { BenchRow } from './support/report.js';

/*
 * Registry memory after a burst of publishing. One `concord serve` (SQLite) gets
 * CONTRACTS x 3 versions published, then READS reads; its RSS is compared with that of a fresh
 * process on the same database after the same reads. Target: at most 1.5x.
 *   npx tsx bench/registry-memory.bench.ts
 *   CONCORD_BENCH_CONTRACTS=5000 npx tsx bench/registry-memory.bench.ts   (the full size: about 15,000 publishes)
 */

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghijklmnop';
/** Contracts published; the default keeps `npm run bench` to a few minutes, the target's full size is 5,000. */
const CONTRACTS = Number(process.env.CONCORD_BENCH_CONTRACTS ?? 500);
const VERSIONS = ['1.0.0', '1.1.0', '1.2.0'] as const;
const READS = Number(process.env.CONCORD_BENCH_READS ?? 10_000);
/** Requests in flight at once while publishing and reading: enough to keep both cores busy. */
const CONCURRENCY = 8;
const TARGET_RATIO = 1.5;

function document(index: number, version: string, fields: number): string {
  const properties: Record<string, unknown> = { id: { type: 'string' }, amount: { type: 'number', minimum: 0 }, created_at: { type: 'string', format: 'date-time' } };
  for (let field = 0; field < fields; field += 1) properties[`extra_${field}`] = { type: 'string', description: `added in version ${field + 2}` };
  return JSON.stringify({
    contract: `bench.memory${index}`,
    version,
    title: `Memory bench feed ${index}`,
    owner: { name: 'Bench Owner', email: 'bench@example.com' },
    compatibility: 'forward',
    schema: { type: 'object', properties, required: ['id'] },
  });
}

/** Resident set size of a process, in MiB, from /proc. */
function rssMiB(pid: number | undefined): number {
  if (pid === undefined) throw new Error('the registry process has no pid');
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match?.[1] === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** Runs `count` tasks, `CONCURRENCY` at a time. */
async function inParallel(count: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let index = next++; index < count; index = next++) await task(index);
    }),
  );
}

/** The same READS reads in the same order on any server: latest, a range, and the versions list, over every contract. */
async function read(registry: RegistryProcess): Promise<void> {
  const paths = (index: number): string => {
    const id = `bench.memory${(index * 7919) % CONTRACTS}`;
    switch (index % 3) {
      case 0:
        return `/api/contracts/${id}/versions/latest`;
      case 1:
        return `/api/contracts/${id}/resolve?range=%5E1`;
      default:
        return `/api/contracts/${id}/versions`;
    }
  };
  await inParallel(READS, async (index) => {
    const response = await fetch(`${registry.url}${paths(index)}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${paths(index)} answered ${response.status}`);
  });
}

const fmt = (value: number): string => value.toFixed(0);

/** Runs the comparison, prints it through `log`, and returns the rows for `npm run bench`. */
export async function runRegistryMemoryBench(log: (line: string) => void = console.log): Promise<BenchRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'concord-bench-memory-'));
  const db = join(folder, 'registry.db');
  const env = { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN };
  try {
    const burst = await startRegistry(['--db', db, '--log-level', 'warn'], env);
    let afterBurst: number;
    let afterReads: number;
    const atStart = rssMiB(burst.child.pid);
    const started = performance.now();
    try {
      for (const [step, version] of VERSIONS.entries()) {
        await inParallel(CONTRACTS, async (index) => {
          const response = await fetch(`${burst.url}/api/contracts`, {
            method: 'POST',
            headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
            body: document(index, version, step),
          });
          const text = await response.text();
          if (response.status !== 201) throw new Error(`publishing bench.memory${index} ${version} answered ${response.status}: ${text}`);
        });
      }
      afterBurst = rssMiB(burst.child.pid);
      await read(burst);
      afterReads = rssMiB(burst.child.pid);
    } finally {
      await burst.stop();
    }
    const publishSeconds = (performance.now() - started) / 1000;
    const fresh = await startRegistry(['--db', db, '--log-level', 'warn'], env);
    let freshAfterReads: number;
    try {
      await read(fresh);
      freshAfterReads = rssMiB(fresh.child.pid);
    } finally {
      await fresh.stop();
    }
    const ratio = afterReads / freshAfterReads;
    log(`registry memory: ${CONTRACTS} contracts x ${VERSIONS.length} versions published (${fmt(publishSeconds)} s with ${READS} reads), ${CONCURRENCY} requests at a time; SQLite, concord serve from sources`);
    log(`RSS at start ${fmt(atStart)} MiB, after publishing ${fmt(afterBurst)} MiB, after ${READS} reads ${fmt(afterReads)} MiB; fresh process after the same reads ${fmt(freshAfterReads)} MiB`);
    log(`ratio ${ratio.toFixed(2)}x (<=${TARGET_RATIO}x): ${ratio <= TARGET_RATIO ? 'target met' : 'TARGET MISSED'}`);
    const timing = (mib: number) => ({ medianMs: mib, minMs: mib, runs: 1 });
    return [
      {
        benchmark: `registry RSS (MiB, not ms) after ${CONTRACTS}x${VERSIONS.length} publishes and ${READS} reads`,
        concord: timing(afterReads),
        baseline: { label: 'fresh process, same reads', timing: timing(freshAfterReads) },
        ratio: 'concord/baseline',
        note: `target <=${TARGET_RATIO}x`,
      },
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runRegistryMemoryBench();
}
