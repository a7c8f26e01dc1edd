import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAnalyzer } from '../checker/analysis/index.js';
import { createReservoirSampler } from '../checker/sampling/index.js';
import { createPrng } from '../checker/sampling/prng.js';
import { loadContractFile } from '../contracts/index.js';
import { orderRecord } from '../test/checker/analysis/orders-feed.js';
import type { BenchRow } from './support/report.js';
import { renderTable } from './support/report.js';
import { formatMs, formatRatio, summarize } from './support/timing.js';

/*
 * Peak memory of a check over 10,000,000 records against one over 1,000,000 (issue #4,
 * Performance), both through a reservoir of 10,000 and then the analyzer (validate + profile +
 * observed schema), each in a fresh child process that reports its peak resident set (VmHWM from
 * /proc/self/status) and the largest heap it saw (sampled every 100,000 records).
 * Target: the 10M peak is within 1.2x of the 1M peak.
 *
 * The feed is generated in the child from a seeded generator, each record serialised to a JSON
 * line and parsed back, so every record is a fresh parsed object as a source yields it, without
 * writing a 2 GB file: this measures the sampler and analyzer's retention, not a file reader's
 * buffers (the throughput bench covers reading a real file).
 *   npx tsx bench/checker-memory.bench.ts
 */

const SMALL = 1_000_000;
const LARGE = 10_000_000;
const RESERVOIR = 10_000;
const SAMPLE_EVERY = 100_000;
const ORDERS = new URL('../contracts/examples/orders.contract.yaml', import.meta.url).pathname;
const SELF = fileURLToPath(import.meta.url);
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

interface ChildReport {
  readonly records: number;
  readonly peakRssBytes: number;
  readonly peakHeapBytes: number;
  readonly ms: number;
  readonly sampled: number;
  readonly violations: number;
}

function peakRss(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmHWM:'));
  const kib = Number(line?.replace(/\D+/g, '') ?? Number.NaN);
  return Number.isFinite(kib) ? kib * 1024 : process.memoryUsage().rss;
}

/** The child's work: stream `records` through a reservoir, analyze the kept ones, print a report. */
async function child(records: number): Promise<void> {
  const started = performance.now();
  const contract = (await loadContractFile(ORDERS)).contract!;
  const sampler = createReservoirSampler(RESERVOIR, 1);
  const random = createPrng(7);
  let peakHeap = 0;
  for (let n = 0; n < records; n += 1) {
    sampler.offer(JSON.parse(JSON.stringify(orderRecord(n, random, { amountAsStringEvery: 50 }))));
    if (n % SAMPLE_EVERY === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const analyzer = createAnalyzer({ contract });
  for (const record of sampler.kept()) analyzer.add(record);
  const { violations, profile } = analyzer.finish();
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const report: ChildReport = {
    records: sampler.seen,
    peakRssBytes: peakRss(),
    peakHeapBytes: peakHeap,
    ms: performance.now() - started,
    sampled: profile.records,
    violations: violations.length,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function runChild(records: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', String(records)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    process_.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    process_.on('error', reject);
    process_.on('exit', (code) => {
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || line === '') reject(new Error(`memory bench child for ${records} records exited with ${String(code)}`));
      else resolve(JSON.parse(line) as ChildReport);
    });
  });
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export async function runCheckerMemoryBench(log: (line: string) => void = console.log): Promise<BenchRow[]> {
  // One after the other: two children at once would share the cores and each other's page cache.
  const small = await runChild(SMALL);
  const large = await runChild(LARGE);
  const rssRatio = large.peakRssBytes / small.peakRssBytes;
  const heapRatio = large.peakHeapBytes / small.peakHeapBytes;
  log(`checker memory: reservoir of ${RESERVOIR.toLocaleString('en-US')}, generated records parsed from JSON, one child process per feed`);
  for (const report of [small, large]) {
    log(`  ${report.records.toLocaleString('en-US')} records: peak RSS ${mib(report.peakRssBytes)}, peak heap ${mib(report.peakHeapBytes)}, ${formatMs(report.ms)}; analyzed ${report.sampled}, ${report.violations} violation groups`);
  }
  log(`  10M / 1M: peak RSS ${rssRatio.toFixed(2)}x, peak heap ${heapRatio.toFixed(2)}x (target <= 1.2x)`);
  return [
    {
      benchmark: `check ${LARGE.toLocaleString('en-US')} records, reservoir ${RESERVOIR.toLocaleString('en-US')}`,
      concord: summarize([large.ms]),
      baseline: { label: `${SMALL.toLocaleString('en-US')} records`, timing: summarize([small.ms]) },
      ratio: 'concord/baseline',
      note: `peak RSS ${mib(large.peakRssBytes)} vs ${mib(small.peakRssBytes)}: ${formatRatio(large.peakRssBytes, small.peakRssBytes)} (target <= 1.2x)`,
    },
  ];
}

const argv = process.argv;
if (argv[2] === '--child') {
  await child(Number(argv[3]));
} else if (import.meta.url === pathToFileURL(argv[1] ?? '').href) {
  const rows = await runCheckerMemoryBench();
  console.log(`\n${renderTable(rows)}`);
}
