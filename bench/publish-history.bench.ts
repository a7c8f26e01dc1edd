import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { loadContractText } from '../contracts/document/load-contract.js';
import { ADMIN_PRINCIPAL_ID } from '../registry/auth/authenticator.js';
import { bootstrapAdmin } from '../registry/auth/bootstrap-admin.js';
import { createRegistry } from '../registry/create-registry.js';
import { createContractStore } from '../registry/storage/contract-store.js';
import { migrateToLatest } from '../registry/storage/migrate.js';
import { openDatabase } from '../registry/storage/open-database.js';
import { createPrincipalStore } from '../registry/storage/principal-store.js';
import type { BenchRow } from './support/report.js';
import type { Timing } from './support/timing.js';

/*
 * A publish into a contract with 500 earlier versions in full_transitive mode (every earlier
 * version is compared) against a publish with one earlier version, through the registry's publish
 * service on SQLite. Target: at most 5x. Two histories:
 * - "repeating": a real change every 10th version, the releases between repeat the content
 *   under new numbers; seeded through the publish service.
 * - "distinct": every one of the 500 versions has content of its own, the worst case for reusing
 *   diffs; seeded through the contract store, since 500 full checks would take minutes.
 *   npx tsx bench/publish-history.bench.ts
 */

/** Earlier versions of the long contracts, as the performance target states. */
const HISTORY = 500;
/** Versions per real change in the repeating history. */
const RELEASES_PER_CHANGE = 10;
/** Timed publishes per case; the median is compared, so one slow fsync or a busy neighbour does not decide. */
const TRIALS = 9;
/** Record fields per version: a realistic feed, and big enough that diffs are not free. */
const FIELDS = 24;
const TARGET_RATIO = 5;

const OWNER = { name: 'Dana Fischer', email: 'dana.fischer@example.com' };

/** Version `1.0.n` with content revision `revision`: the same fields, one description rewritten per revision. */
function document(id: string, n: number, revision: number): string {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < FIELDS; i += 1) {
    const description = i === revision % FIELDS ? `revision ${revision}` : `field ${i}`;
    properties[`field_${i}`] = { type: i % 3 === 0 ? 'number' : 'string', description };
  }
  return JSON.stringify({
    contract: id,
    version: `1.0.${n}`,
    owner: OWNER,
    compatibility: 'full_transitive',
    schema: { type: 'object', properties, required: ['field_0', 'field_1'], additionalProperties: false },
    metrics: [{ name: `${id.replace(/\W/g, '_')}_total`, type: 'simple', aggregation: 'sum', expression: 'field_0' }],
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timingOf(values: readonly number[]): Timing {
  return { medianMs: median(values), minMs: Math.min(...values), runs: values.length };
}

/** Seeds, times, prints the details through `log`, and returns the rows for `npm run bench`. */
export async function runPublishHistoryBench(log: (line: string) => void = console.log): Promise<BenchRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'concord-bench-history-'));
  const database = await openDatabase({ sqlitePath: join(folder, 'registry.db') });
  const registry = createRegistry({ database, logger: pino({ level: 'silent' }), webhooks: { start: false } });
  try {
    await migrateToLatest(database.db);
    await bootstrapAdmin(createPrincipalStore(database.db));
    const admin = await createPrincipalStore(database.db).getPrincipal(ADMIN_PRINCIPAL_ID);
    if (admin === undefined) throw new Error('no admin principal after bootstrap');
    const cpu = { repeating: [] as number[], distinct: [] as number[], one: [] as number[] };
    /**
     * Wall milliseconds until one publish answers. Its CPU milliseconds, up to the end of the
     * background diff-cache write it starts, go to `cpuOf` when given.
     */
    const publish = async (id: string, n: number, revision: number, cpuOf?: number[]): Promise<number> => {
      // The previous publish's diff-cache write runs in the background; it is waited for here so
      // it is never billed to the next, possibly other, case.
      await registry.settled();
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      await registry.services.publishing.publish({ text: document(id, n, revision), format: 'json' }, admin);
      const elapsed = performance.now() - started;
      await registry.settled();
      const used = process.cpuUsage(cpuStarted);
      cpuOf?.push((used.user + used.system) / 1000);
      return elapsed;
    };

    let started = performance.now();
    for (let n = 0; n < HISTORY; n += 1) await publish('bench.repeating', n, Math.floor(n / RELEASES_PER_CHANGE));
    const repeatingSeed = (performance.now() - started) / 1000;

    started = performance.now();
    const store = createContractStore(database.db);
    for (let n = 0; n < HISTORY; n += 1) {
      const text = document('bench.distinct', n, n);
      const { contract } = await loadContractText(text);
      if (contract === undefined) throw new Error(`bench contract 1.0.${n} is not valid`);
      await store.publish({ contract, document: JSON.parse(text) as unknown, publishedBy: admin.id }, () => ({ accept: true }));
    }
    const distinctSeed = (performance.now() - started) / 1000;

    const timings = { repeating: [] as number[], distinct: [] as number[], one: [] as number[] };
    for (let trial = 0; trial < TRIALS; trial += 1) {
      // Interleaved, so drift in the machine's load hits every case alike. Each is a new content.
      timings.repeating.push(await publish('bench.repeating', HISTORY + trial, HISTORY + trial, cpu.repeating));
      timings.distinct.push(await publish('bench.distinct', HISTORY + trial, HISTORY + trial, cpu.distinct));
      const id = `bench.short${trial}`;
      await publish(id, 0, 0);
      timings.one.push(await publish(id, 1, 1, cpu.one));
    }
    const one = median(timings.one);
    const oneCpu = median(cpu.one);
    const row = (label: string, values: readonly number[], cpuValues: readonly number[]): string => {
      const ms = median(values);
      const ratio = ms / one;
      const verdict = label.startsWith('1 ') ? '' : `${ratio.toFixed(2)}x ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`;
      const cpuMs = median(cpuValues);
      const cpuRatio = label.startsWith('1 ') ? '' : `${(cpuMs / oneCpu).toFixed(2)}x`;
      return `${label.padEnd(36)}  ${ms.toFixed(1).padStart(9)}  ${verdict.padEnd(12)}  ${cpuMs.toFixed(1).padStart(7)}  ${cpuRatio.padEnd(6)}  ${values.map((v) => v.toFixed(0)).join(' ')}`;
    };
    log(
      [
        `publish with history: full_transitive, ${FIELDS}-field schema, SQLite, publish service (no HTTP); median of ${TRIALS}`,
        `seeded ${HISTORY} repeating versions through the service in ${repeatingSeed.toFixed(1)} s, ${HISTORY} distinct ones through the store in ${distinctSeed.toFixed(1)} s`,
        `${'earlier versions'.padEnd(36)}  ${'median ms'.padStart(9)}  ${`vs 1 (<=${TARGET_RATIO}x)`.padEnd(12)}  ${'cpu ms'.padStart(7)}  ${'vs 1'.padEnd(6)}  all ms (wall)`,
        row('1 (baseline)', timings.one, cpu.one),
        row(`${HISTORY}, a change every ${RELEASES_PER_CHANGE}th version`, timings.repeating, cpu.repeating),
        row(`${HISTORY}, every version distinct`, timings.distinct, cpu.distinct),
        'the target is judged on wall time to the answer; cpu ms is user+system time of this process for the publish including the',
        'background diff-cache write it starts (steadier on a shared machine, and a fuller account of the cost)',
      ].join('\n'),
    );
    const baseline = { label: 'publish, 1 earlier version', timing: timingOf(timings.one) };
    const ratioNote = (values: readonly number[]): string => `${(median(values) / one).toFixed(2)}x the baseline (target <=${TARGET_RATIO}x)`;
    return [
      { benchmark: `publish, ${HISTORY} earlier versions, repeating content`, concord: timingOf(timings.repeating), baseline, note: ratioNote(timings.repeating) },
      { benchmark: `publish, ${HISTORY} earlier versions, all distinct`, concord: timingOf(timings.distinct), baseline, note: ratioNote(timings.distinct) },
    ];
  } finally {
    await registry.close();
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runPublishHistoryBench();
}
