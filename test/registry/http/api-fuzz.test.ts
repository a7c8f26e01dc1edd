import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fcSeed } from '../../support/fc-seed.js';
import { fuzzApi, startFuzzTarget } from '../../support/api-fuzz.js';
import type { FuzzTarget } from '../../support/api-fuzz.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';

/**
 * Requests per CI run: enough to reach every kind of request and most of the nasty texts a few
 * times in about half a minute on a shared 2-core machine. `scripts/fuzz-api.ts` runs thousands.
 */
const CI_RUNS = 150;

describe.each(STORAGE_TARGETS)('the API under generated and mutated requests on $dialect', ({ dialect, available }) => {
  let target: FuzzTarget | undefined;
  beforeAll(async () => {
    if (available) target = await startFuzzTarget(dialect);
  });
  afterAll(() => target?.close());

  test.skipIf(!available)('never answers 5xx, never hangs past the deadline, and a 4xx changes nothing', async () => {
    const statuses = new Map<number, number>();
    if (target === undefined) throw new Error('the fuzz target did not start');
    await fuzzApi(target, { runs: CI_RUNS, seed: fcSeed(), onStatus: (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1) });
    // The run must have reached both sides: requests that were refused and ones that were not.
    const count = (predicate: (status: number) => boolean) => [...statuses].filter(([status]) => predicate(status)).reduce((sum, [, n]) => sum + n, 0);
    expect(count((status) => status >= 400)).toBeGreaterThan(0);
    expect(count((status) => status < 300)).toBeGreaterThan(0);
  }, 120_000);
});
