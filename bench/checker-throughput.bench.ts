import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAnalyzer, createValidatorCache } from '../checker/analysis/index.js';
import { createSource } from '../checker/sources/index.js';
import { loadContractFile } from '../contracts/index.js';
import { createPrng } from '../checker/sampling/prng.js';
import { orderRecord } from '../test/checker/analysis/orders-feed.js';
import type { BenchRow } from './support/report.js';
import { renderTable } from './support/report.js';
import type { Timing } from './support/timing.js';
import { formatMs, formatRatio, summarize } from './support/timing.js';

/*
 * Validate + profile throughput (issue #4, Performance): a 1,000,000-record JSONL file of orders
 * (about 200 bytes a record, valid under contracts/examples/orders.contract.yaml, one record in
 * 50 sending its amount as a string so the violation path runs too) in a temp dir, read with
 * the same line splitter in every row:
 *   (a) baseline: split lines + JSON.parse + the compiled ajv validator, nothing else;
 *   (b) concord: split lines + JSON.parse + the analyzer (the same compiled validator, grouped
 *       violations, per-field profile) and finish() with its observed schema;
 *   (c) concord through the file source's JSONL reader (checker/sources) + the analyzer.
 * Target: (b) runs at >= 60% of (a)'s records per second, i.e. baseline/concord >= 0.60.
 * Rows are timed by the process's CPU time (user + system; wall time is printed beside it): on
 * a shared machine wall time measures the neighbours as much as the code.
 *   npx tsx bench/checker-throughput.bench.ts
 */

const RECORDS = 1_000_000;
/** A pass takes seconds: three interleaved runs of each row (after a warm-up on WARMUP_RECORDS) keep this bench to a few minutes on two cores. */
const RUNS = 3;
const WARMUP_RECORDS = 100_000;
const CHUNK_BYTES = 1 << 20;
const ORDERS = new URL('../contracts/examples/orders.contract.yaml', import.meta.url).pathname;

function writeFeed(path: string, records: number): number {
  const random = createPrng(7);
  const fd = openSync(path, 'w');
  let bytes = 0;
  let batch: string[] = [];
  for (let n = 0; n < records; n += 1) {
    batch.push(JSON.stringify(orderRecord(n, random, { amountAsStringEvery: 50 })));
    if (batch.length === 10_000) {
      const text = `${batch.join('\n')}\n`;
      bytes += writeSync(fd, text);
      batch = [];
    }
  }
  if (batch.length > 0) bytes += writeSync(fd, `${batch.join('\n')}\n`);
  closeSync(fd);
  return bytes;
}

/** Calls `onLine` for each line of the file, read in 1 MiB chunks: the same reader for both rows. */
function forEachLine(path: string, onLine: (line: string) => void): void {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  // The start of a line cut by the chunk's end, kept as bytes so a character split in two decodes whole.
  let pending: Buffer | undefined;
  for (;;) {
    const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    if (read === 0) break;
    const chunk = buffer.subarray(0, read);
    let start = 0;
    for (let end = chunk.indexOf(10, start); end >= 0; end = chunk.indexOf(10, start)) {
      if (pending !== undefined) {
        onLine(Buffer.concat([pending, chunk.subarray(start, end)]).toString('utf8'));
        pending = undefined;
      } else if (end > start) onLine(chunk.toString('utf8', start, end));
      start = end + 1;
    }
    if (start < read) pending = pending === undefined ? Buffer.from(chunk.subarray(start)) : Buffer.concat([pending, chunk.subarray(start)]);
  }
  if (pending !== undefined && pending.length > 0) onLine(pending.toString('utf8'));
  closeSync(fd);
}

export async function runCheckerThroughputBench(log: (line: string) => void = console.log): Promise<BenchRow[]> {
  const contract = (await loadContractFile(ORDERS)).contract!;
  const dir = mkdtempSync(join(tmpdir(), 'concord-throughput-'));
  try {
    const path = join(dir, 'orders.jsonl');
    const bytes = writeFeed(path, RECORDS);
    const validators = createValidatorCache();
    const key = { contract: contract.id, version: contract.version, hash: 'bench' };
    const validate = validators.validatorFor(key, contract.schema).raw;

    const source = createSource({ name: 'bench', type: 'file', path });
    let invalid = 0;
    let violations = 0;
    let analyzedRecords = 0;
    const bareLoop = (file: string): void => {
      invalid = 0;
      forEachLine(file, (line) => {
        if (validate(JSON.parse(line)) !== true) invalid += 1;
      });
    };
    const analyzerLoop = (file: string): void => {
      const analyzer = createAnalyzer({ contract, schemaHash: key.hash, validators });
      forEachLine(file, (line) => analyzer.add(JSON.parse(line)));
      const analysis = analyzer.finish();
      analyzedRecords = analysis.profile.records;
      violations = analysis.violations.reduce((sum, group) => sum + group.count, 0);
    };
    const sourceLoop = async (): Promise<void> => {
      const analyzer = createAnalyzer({ contract, schemaHash: key.hash, validators });
      for await (const record of source.open()) analyzer.add(record);
      analyzer.finish();
    };
    // Warm the JIT on a small file, then interleave the rows run by run, so a busy machine slows each alike.
    const warmPath = join(dir, 'warm.jsonl');
    writeFeed(warmPath, WARMUP_RECORDS);
    bareLoop(warmPath);
    analyzerLoop(warmPath);
    const wall: [number[], number[], number[]] = [[], [], []];
    const cpu: [number[], number[], number[]] = [[], [], []];
    const measure = async (row: 0 | 1 | 2, task: () => unknown): Promise<void> => {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      await task();
      wall[row].push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu[row].push((used.user + used.system) / 1000);
    };
    for (let run = 0; run < RUNS; run += 1) {
      await measure(0, () => bareLoop(path));
      await measure(1, () => analyzerLoop(path));
      await measure(2, sourceLoop);
    }
    const [bare, analyzed, throughSource] = cpu.map(summarize) as [Timing, Timing, Timing];
    const [bareWall, analyzedWall, sourceWall] = wall.map(summarize) as [Timing, Timing, Timing];

    const perSecond = (ms: number): string => `${Math.round(RECORDS / (ms / 1000)).toLocaleString('en-US')} records/s`;
    const share = bare.medianMs / analyzed.medianMs;
    log(`checker throughput: ${RECORDS.toLocaleString('en-US')} records, ${(bytes / RECORDS).toFixed(0)} bytes a record, ${invalid} invalid (the analyzer read ${analyzedRecords} and counted ${violations})`);
    log(`  (a) JSON.parse + ajv: median CPU ${formatMs(bare.medianMs)}, ${perSecond(bare.medianMs)} (wall ${formatMs(bareWall.medianMs)})`);
    log(`  (b) JSON.parse + analyzer: median CPU ${formatMs(analyzed.medianMs)}, ${perSecond(analyzed.medianMs)} (wall ${formatMs(analyzedWall.medianMs)}); ${(share * 100).toFixed(0)}% of (a) (target >= 60%; by wall time ${((bareWall.medianMs / analyzedWall.medianMs) * 100).toFixed(0)}%)`);
    log(`  (c) file source + analyzer: median CPU ${formatMs(throughSource.medianMs)}, ${perSecond(throughSource.medianMs)} (wall ${formatMs(sourceWall.medianMs)}); (c)/(a) CPU time ${formatRatio(throughSource.medianMs, bare.medianMs)}`);
    return [
      {
        benchmark: `validate + profile ${RECORDS.toLocaleString('en-US')} JSONL records (CPU time)`,
        concord: analyzed,
        baseline: { label: 'JSON.parse + ajv only', timing: bare },
        note: `${(share * 100).toFixed(0)}% of the bare loop's records/s (target >= 60%)`,
      },
      {
        benchmark: `file source + validate + profile ${RECORDS.toLocaleString('en-US')} records (CPU time)`,
        concord: throughSource,
        baseline: { label: 'JSON.parse + ajv only', timing: bare },
        note: `${((bare.medianMs / throughSource.medianMs) * 100).toFixed(0)}% of the bare loop's records/s`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runCheckerThroughputBench();
  console.log(`\n${renderTable(rows)}`);
}
