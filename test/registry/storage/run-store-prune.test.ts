import { beforeEach, describe, expect, test } from 'vitest';
import { createContractStore } from '../../../registry/storage/contract-store.js';
import { createRunStore, MAX_KEEP_LATEST_PER_SOURCE, PRUNE_BATCH_SIZE } from '../../../registry/storage/run-store.js';
import type { RunStore } from '../../../registry/storage/run-store.js';
import { acceptAll, addPublisher, publishInput, sampleContract, STORAGE_TARGETS, useFreshDatabase } from './storage-targets.js';
import type { TestDatabase } from './storage-targets.js';

const ORDERS = 'commerce.orders';
const PAYMENTS = 'commerce.payments';
const DAY_MS = 86_400_000;
const EPOCH = Date.parse('2026-06-01T00:00:00.000Z');

/** Midnight UTC of day `n` after EPOCH. */
const day = (n: number): Date => new Date(EPOCH + n * DAY_MS);

/**
 * The history every test starts from, as "contract/source@day" labels in recording order:
 * orders/prod has four runs, orders/staging one (old, so only the keep rule saves it), payments/prod two.
 */
const HISTORY = ['orders/prod@1', 'orders/staging@1', 'payments/prod@1', 'orders/prod@2', 'payments/prod@2', 'orders/prod@3', 'orders/prod@4'] as const;

describe.each(STORAGE_TARGETS)('run pruning on $dialect', (target) => {
  describe.skipIf(!target.available)('RunStore.pruneRuns', () => {
    const database = useFreshDatabase(target.dialect);
    let fresh: TestDatabase;
    let runs: RunStore;
    let now = day(0);

    /** Records `label` ("contract/source@day") with the store's clock at that day. */
    async function record(label: string): Promise<void> {
      const [, contract, source, at] = /^(\w+)\/(\w+)@(\d+)$/.exec(label) ?? [];
      now = day(Number(at));
      await runs.insert({
        contractId: `commerce.${contract!}`,
        version: '1.0.0',
        source: source!,
        sourceDescription: `http https://${source!}.example.com`,
        verdict: 'pass',
        startedAt: now.toISOString(),
        durationMs: 10,
        read: 1,
        sampled: 1,
        violationCount: 0,
        driftCount: 0,
        report: { label },
        recordedBy: 'dana',
      });
    }

    /** The labels of the runs left, in recording order. */
    async function remaining(): Promise<string[]> {
      const rows = await fresh.database.db.selectFrom('check_runs').select('report').orderBy('id').execute();
      return rows.map((row) => (JSON.parse(row.report) as { label: string }).label);
    }

    beforeEach(async () => {
      fresh = database();
      await addPublisher(fresh.database);
      const contracts = createContractStore(fresh.database.db);
      await contracts.publish(publishInput(sampleContract('1.0.0')), acceptAll);
      await contracts.publish(publishInput(sampleContract('1.0.0', { id: PAYMENTS, metrics: [] })), acceptAll);
      runs = createRunStore(fresh.database.db, { clock: () => now });
      for (const label of HISTORY) await record(label);
    });

    test.each([
      {
        name: 'everything is old: only the newest run of each source stays, even the lone old staging run',
        olderThan: day(10),
        keep: 1,
        left: ['orders/staging@1', 'payments/prod@2', 'orders/prod@4'],
      },
      {
        name: 'keeping two per source',
        olderThan: day(10),
        keep: 2,
        left: ['orders/staging@1', 'payments/prod@1', 'payments/prod@2', 'orders/prod@3', 'orders/prod@4'],
      },
      {
        name: 'a cutoff in the middle leaves newer runs alone',
        olderThan: day(3),
        keep: 1,
        left: ['orders/staging@1', 'payments/prod@2', 'orders/prod@3', 'orders/prod@4'],
      },
      {
        name: 'a run recorded exactly at the cutoff is not before it',
        olderThan: day(2),
        keep: 1,
        left: ['orders/staging@1', 'orders/prod@2', 'payments/prod@2', 'orders/prod@3', 'orders/prod@4'],
      },
      { name: 'nothing is old enough', olderThan: day(1), keep: 1, left: [...HISTORY] },
    ])('$name', async ({ olderThan, keep, left }) => {
      const deleted = await runs.pruneRuns({ olderThan, keepLatestPerSource: keep });
      expect(await remaining()).toEqual(left);
      expect(deleted).toBe(HISTORY.length - left.length);
    });

    test('the latest run of every source, which baselines and verdicts read, survives pruning', async () => {
      const before = await runs.latestPerSource();
      await runs.pruneRuns({ olderThan: day(10), keepLatestPerSource: 1 });
      expect(await runs.latestPerSource()).toEqual(before);
      expect((await runs.latest(ORDERS, 'prod'))?.report).toEqual({ label: 'orders/prod@4' });
      expect((await runs.latest(ORDERS, 'staging'))?.report).toEqual({ label: 'orders/staging@1' });
    });

    test('a contract filter leaves other contracts alone', async () => {
      expect(await runs.pruneRuns({ olderThan: day(10), keepLatestPerSource: 1, contractId: ORDERS })).toBe(3);
      expect(await remaining()).toEqual(['orders/staging@1', 'payments/prod@1', 'payments/prod@2', 'orders/prod@4']);
    });

    test(`deletes more than one batch (${PRUNE_BATCH_SIZE} runs) in a pass`, async () => {
      const extra = 2 * PRUNE_BATCH_SIZE + 1;
      const template = await fresh.database.db.selectFrom('check_runs').selectAll().where('report', 'like', '%orders/prod@1%').executeTakeFirstOrThrow();
      const { id: _id, ...row } = template;
      const rows = Array.from({ length: extra }, (_, index) => ({ ...row, source: 'bulk', recorded_at: new Date(EPOCH + index * 1000).toISOString() }));
      for (let start = 0; start < rows.length; start += 200) await fresh.database.db.insertInto('check_runs').values(rows.slice(start, start + 200)).execute();
      expect(await runs.pruneRuns({ olderThan: day(1), keepLatestPerSource: 1 })).toBe(extra - 1);
      const bulk = await fresh.database.db.selectFrom('check_runs').select(['recorded_at']).where('source', '=', 'bulk').execute();
      expect(bulk).toEqual([{ recorded_at: new Date(EPOCH + (extra - 1) * 1000).toISOString() }]);
    });

    test.each([0, -1, 1.5, Number.NaN, MAX_KEEP_LATEST_PER_SOURCE + 1])('refuses to keep %s runs per source and deletes nothing', async (keep) => {
      await expect(runs.pruneRuns({ olderThan: day(10), keepLatestPerSource: keep })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/keepLatestPerSource .* is not a whole number from 1 to 1000/) });
      expect(await remaining()).toEqual([...HISTORY]);
    });

    test(`keeps up to ${MAX_KEEP_LATEST_PER_SOURCE} runs per source`, async () => {
      expect(await runs.pruneRuns({ olderThan: day(10), keepLatestPerSource: MAX_KEEP_LATEST_PER_SOURCE })).toBe(0);
    });
  });
});
