/**
 * A longer run of the API fuzzer (test/support/api-fuzz.ts) than CI's: `npx tsx scripts/fuzz-api.ts
 * [--runs N] [--seed S] [--postgres]` sends N generated requests (default 5,000) to a registry on a
 * fresh SQLite file (or, with --postgres, a fresh schema on CONCORD_TEST_PG_URL) on 127.0.0.1 and
 * prints the count of each status. It exits 1 with fast-check's report (the
 * seed, the path and the smallest failing request) on the first 5xx, hang or 4xx that changed the
 * store; replay it in CI's test with CONCORD_FC_SEED set to the printed seed.
 */
import { parseArgs } from 'node:util';
import { fuzzApi, startFuzzTarget } from '../test/support/api-fuzz.js';

const DEFAULT_RUNS = 5_000;

function wholeNumber(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`--${name} must be a whole number, not ${text}`);
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' }, postgres: { type: 'boolean' } } });
  const runs = wholeNumber(values.runs, 'runs', DEFAULT_RUNS);
  const seed = wholeNumber(values.seed, 'seed', Date.now() % 2 ** 31);
  process.stdout.write(`fuzzing the registry API: ${runs} requests, seed ${seed}\n`);
  const target = await startFuzzTarget(values.postgres === true ? 'postgres' : 'sqlite');
  const statuses = new Map<number, number>();
  const started = Date.now();
  try {
    await fuzzApi(target, { runs, seed, onStatus: (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1) });
    const summary = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(', ');
    process.stdout.write(`no 5xx, no hang, no write behind a 4xx in ${runs} requests (${Math.round((Date.now() - started) / 1000)} s): ${summary}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await target.close();
  }
}

process.exitCode = await main();
