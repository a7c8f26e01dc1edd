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
import { renderTable } from './support/report.js';
import { summarize } from './support/timing.js';

/*
 * A publish in `full_transitive` mode into a contract whose schema grew by one field per
 * version, at version 500 against the same publish at version 50: every earlier version is
 * compared, and each is a little more different from the candidate than the next. Target: at
 * most 5x (ten times the history). Histories are seeded through the contract store (the full
 * check of every seeded version would take minutes); the timed publishes go through the publish
 * service on SQLite, after one untimed publish into each (which rebuilds its models once per
 * process), interleaved so the machine's load hits both alike. In the style of
 * publish-history.bench.ts.
 *   npx tsx bench/growing-history.bench.ts
 */

const SHORT = 50;
const LONG = 500;
/** Timed publishes per history; the median is compared. */
const TRIALS = 7;
const TARGET_RATIO = 5;

const OWNER = { name: 'Dana Fischer', email: 'dana.fischer@example.com' };

/** Version `1.n.0` of contract `id`: fields `field_0` to `field_n`, each added by its version. */
function document(id: string, n: number): string {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i <= n; i += 1) properties[`field_${i}`] = { type: i % 3 === 0 ? 'number' : 'string', description: `added in 1.${i}.0` };
  return JSON.stringify({
    contract: id,
    version: `1.${n}.0`,
    owner: OWNER,
    compatibility: { mode: 'full_transitive', policy: 'lenient' },
    schema: { type: 'object', properties, required: ['field_0'] },
  });
}

/** Seeds, times, prints the details through `log`, and returns the rows for `npm run bench`. */
export async function runGrowingHistoryBench(log: (line: string) => void = console.log): Promise<BenchRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'concord-bench-growing-'));
  const database = await openDatabase({ sqlitePath: join(folder, 'registry.db') });
  const registry = createRegistry({ database, logger: pino({ level: 'silent' }), webhooks: { start: false } });
  try {
    await migrateToLatest(database.db);
    await bootstrapAdmin(createPrincipalStore(database.db));
    const admin = await createPrincipalStore(database.db).getPrincipal(ADMIN_PRINCIPAL_ID);
    if (admin === undefined) throw new Error('no admin principal after bootstrap');
    const store = createContractStore(database.db);
    const seed = async (id: string, versions: number): Promise<void> => {
      for (let n = 0; n < versions; n += 1) {
        const text = document(id, n);
        const { contract } = await loadContractText(text);
        if (contract === undefined) throw new Error(`bench contract 1.${n}.0 is not valid`);
        await store.publish({ contract, document: JSON.parse(text) as unknown, publishedBy: admin.id }, () => ({ accept: true }));
      }
    };
    const started = performance.now();
    await seed('bench.grow_short', SHORT);
    await seed('bench.grow_long', LONG);
    const seeded = (performance.now() - started) / 1000;

    /** Wall milliseconds to the answer, and CPU milliseconds of this process until its background diff-cache write is done. */
    const publish = async (id: string, n: number): Promise<{ wall: number; cpu: number }> => {
      // The previous publish's background diff-cache write is not billed to this one.
      await registry.settled();
      const cpuStarted = process.cpuUsage();
      const start = performance.now();
      const result = await registry.services.publishing.publish({ text: document(id, n), format: 'json' }, admin);
      const wall = performance.now() - start;
      await registry.settled();
      const used = process.cpuUsage(cpuStarted);
      if (result.outcome !== 'published' || !result.compatible) throw new Error(`bench publish of ${id} 1.${n}.0 was not a compatible publish`);
      return { wall, cpu: (used.user + used.system) / 1000 };
    };
    // The first publish into each history rebuilds its models once per process: a warm-up, not timed.
    await publish('bench.grow_short', SHORT);
    await publish('bench.grow_long', LONG);
    const times = { short: [] as number[], long: [] as number[], shortCpu: [] as number[], longCpu: [] as number[] };
    for (let trial = 1; trial <= TRIALS; trial += 1) {
      const [short, long] = [await publish('bench.grow_short', SHORT + trial), await publish('bench.grow_long', LONG + trial)];
      times.short.push(short.wall);
      times.long.push(long.wall);
      times.shortCpu.push(short.cpu);
      times.longCpu.push(long.cpu);
    }
    const [short, long] = [summarize(times.short), summarize(times.long)];
    const ratio = long.medianMs / short.medianMs;
    const cpuRatio = summarize(times.longCpu).medianMs / summarize(times.shortCpu).medianMs;
    log(
      [
        `growing history: full_transitive, one field added per version, SQLite, publish service (no HTTP); median of ${TRIALS}`,
        `seeded ${SHORT} and ${LONG} versions through the store in ${seeded.toFixed(1)} s`,
        `  at version ${SHORT}: median ${short.medianMs.toFixed(1)} ms (all: ${times.short.map((ms) => ms.toFixed(0)).join(' ')})`,
        `  at version ${LONG}: median ${long.medianMs.toFixed(1)} ms (all: ${times.long.map((ms) => ms.toFixed(0)).join(' ')})`,
        `  ${LONG} / ${SHORT}: ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x) ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`,
        `  cpu ms (this process, including the background diff-cache write): at ${SHORT} ${summarize(times.shortCpu).medianMs.toFixed(1)}, at ${LONG} ${summarize(times.longCpu).medianMs.toFixed(1)}; ${cpuRatio.toFixed(2)}x`,
        'the target is judged on wall time to the answer; cpu time is steadier on a shared machine',
      ].join('\n'),
    );
    return [
      {
        benchmark: `full_transitive publish at version ${LONG}, schema growing`,
        concord: long,
        baseline: { label: `at version ${SHORT}`, timing: short },
        ratio: 'concord/baseline',
        note: `target <= ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}; cpu ${cpuRatio.toFixed(2)}x`,
      },
    ];
  } finally {
    await registry.close();
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runGrowingHistoryBench();
  console.log(`\n${renderTable(rows)}`);
}
