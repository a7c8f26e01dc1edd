import pino from 'pino';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createRegistry } from '../../../registry/create-registry.js';
import type { Registry } from '../../../registry/create-registry.js';
import { createContractStore } from '../../../registry/storage/contract-store.js';
import { acceptAll, addPublisher, publishInput, recordRunAt, sampleContract, STORAGE_TARGETS, useFreshDatabase } from '../storage/storage-targets.js';
import type { TestDatabase } from '../storage/storage-targets.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-11-24T03:00:00.000Z');
const RETENTION_SECONDS = 30 * 86_400;

/** Waits until `check` holds, polling; the retention timer runs on its own schedule. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(STORAGE_TARGETS)('run retention in the registry on $dialect', (target) => {
  describe.skipIf(!target.available)('createRegistry({ runRetention })', () => {
    const database = useFreshDatabase(target.dialect);
    let fresh: TestDatabase;
    let registry: Registry | undefined;
    let logLines: string[];
    let now: Date;

    /** Records a run of commerce.orders on `source`, `ageDays` before NOW. */
    async function recordAgo(source: string, ageDays: number): Promise<void> {
      await recordRunAt(fresh.database.db, source, new Date(NOW.getTime() - ageDays * DAY_MS), `${source} ${ageDays}d`);
    }

    const remaining = async (): Promise<string[]> =>
      (await fresh.database.db.selectFrom('check_runs').select('source_description').orderBy('id').execute()).map((row) => row.source_description);

    function start(options: { readonly intervalMs?: number; readonly retention?: boolean } = {}): Registry {
      registry = createRegistry({
        database: fresh.database,
        clock: () => now,
        logger: pino({ level: 'info' }, { write: (line: string) => logLines.push(line) }),
        processMetrics: false,
        webhooks: { start: false },
        ...(options.retention === false ? {} : { runRetention: { maxAgeSeconds: RETENTION_SECONDS, ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }) } }),
      });
      return registry;
    }

    beforeEach(async () => {
      fresh = database();
      logLines = [];
      now = NOW;
      await addPublisher(fresh.database);
      await createContractStore(fresh.database.db).publish(publishInput(sampleContract('1.0.0')), acceptAll);
      await recordAgo('prod', 90);
      await recordAgo('staging', 60);
      await recordAgo('prod', 45);
      await recordAgo('prod', 10);
    });

    afterEach(async () => {
      await registry?.close();
      registry = undefined;
    });

    test('prunes at start: runs older than the retention go, the newest of each source stays, and the count is logged', async () => {
      await start().settled();
      expect(await remaining()).toEqual(['staging 60d', 'prod 10d']);
      const cutoff = new Date(NOW.getTime() - RETENTION_SECONDS * 1000).toISOString();
      const logged = logLines.map((line) => JSON.parse(line) as { msg: string; deleted?: number; olderThan?: string }).find((entry) => entry.deleted !== undefined);
      expect(logged).toMatchObject({ deleted: 2, olderThan: cutoff, msg: `run retention deleted 2 check runs recorded before ${cutoff}` });
    });

    test('without a retention age nothing is ever pruned', async () => {
      await start({ retention: false }).settled();
      expect(await remaining()).toEqual(['prod 90d', 'staging 60d', 'prod 45d', 'prod 10d']);
    });

    test('prunes again on every interval with the clock of that moment', async () => {
      const running = start({ intervalMs: 30 });
      await running.settled();
      expect(await remaining()).toEqual(['staging 60d', 'prod 10d']);
      await recordAgo('prod', 5);
      now = new Date(NOW.getTime() + 25 * DAY_MS);
      await eventually(async () => (await remaining()).length === 2 && (await remaining()).includes('prod 5d'));
      expect(await remaining()).toEqual(['staging 60d', 'prod 5d']);
    });

    test('close stops the timer: runs recorded afterwards are left alone', async () => {
      const running = start({ intervalMs: 20 });
      await running.settled();
      await running.close();
      registry = undefined;
      await recordAgo('prod', 5);
      now = new Date(NOW.getTime() + 100 * DAY_MS);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await remaining()).toEqual(['staging 60d', 'prod 10d', 'prod 5d']);
    });
  });
});
