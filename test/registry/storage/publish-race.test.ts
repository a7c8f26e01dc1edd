import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PublishDecision, PublishOutcome } from '../../../registry/storage/contract-publish.js';
import { createContractStore } from '../../../registry/storage/contract-store.js';
import type { ContractStore } from '../../../registry/storage/contract-store.js';
import { startTypeScriptChild } from './child-processes.js';
import { addPublisher, freshDatabase, publishInput, sampleContract, STORAGE_TARGETS, useFreshDatabase } from './storage-targets.js';
import type { TestDatabase } from './storage-targets.js';

const RACERS = 20;
/** Separate handles the racers are spread over: file handles on SQLite, pools on PostgreSQL. */
const HANDLES = 4;

/** Accepts after a pause, so a publish that was not serialised would overlap the others. */
const slowAccept = async (): Promise<PublishDecision<never>> => {
  await sleep(5);
  return { accept: true };
};

function kinds(outcomes: readonly PublishOutcome<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome.kind] = (counts[outcome.kind] ?? 0) + 1;
  return counts;
}

describe.each(STORAGE_TARGETS)('concurrent publishes on $dialect', (target) => {
  describe.skipIf(!target.available)('publish race', () => {
    const database = useFreshDatabase(target.dialect);
    let fresh: TestDatabase;
    let stores: ContractStore[];

    beforeEach(async () => {
      fresh = database();
      await addPublisher(fresh.database);
      stores = [createContractStore(fresh.database.db)];
      for (let i = 1; i < HANDLES; i += 1) stores.push(createContractStore((await fresh.openAnother()).db));
    });

    const countRows = async (table: 'contracts' | 'contract_versions' | 'metric_definitions' | 'audit_log') =>
      Number((await fresh.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

    // A new contract is serialised by its row insert already; an existing one only by the lock.
    test.each([
      ['identical content', 'a new contract', () => 'Orders feed', { published: 1, unchanged: RACERS - 1 }],
      ['different content', 'a new contract', (i: number) => `Orders feed ${i}`, { published: 1, conflict: RACERS - 1 }],
      ['identical content', 'an existing contract', () => 'Orders feed', { published: 1, unchanged: RACERS - 1 }],
      ['different content', 'an existing contract', (i: number) => `Orders feed ${i}`, { published: 1, conflict: RACERS - 1 }],
    ])('%s for %s: 20 publishes of the same new version give one success and no duplicate rows', async (_, contract, title, expected) => {
      const earlier = contract === 'an existing contract' ? 1 : 0;
      if (earlier === 1) await stores[0]!.publish(publishInput(sampleContract('0.1.0')), slowAccept);
      const outcomes = await Promise.all(
        Array.from({ length: RACERS }, (_unused, i) =>
          stores[i % HANDLES]!.publish(publishInput(sampleContract('1.0.0', { title: title(i) })), slowAccept),
        ),
      );
      expect(kinds(outcomes)).toEqual(expected);
      expect(await countRows('contracts')).toBe(1);
      expect(await countRows('contract_versions')).toBe(1 + earlier);
      expect(await countRows('metric_definitions')).toBe(1 + earlier);
      expect(await countRows('audit_log')).toBe(1 + earlier);
    });

    test('20 publishes of different new versions are serialised: each decide sees all earlier ones', async () => {
      const seen: string[][] = [];
      const outcomes = await Promise.all(
        Array.from({ length: RACERS }, (_unused, i) =>
          stores[i % HANDLES]!.publish(publishInput(sampleContract(`1.${i}.0`)), async (existing) => {
            const versions = existing.map((version) => version.version);
            await sleep(5);
            seen.push(versions);
            return { accept: true };
          }),
        ),
      );
      expect(kinds(outcomes)).toEqual({ published: RACERS });
      const bySize = [...seen].sort((a, b) => a.length - b.length);
      expect(bySize.map((versions) => versions.length)).toEqual(Array.from({ length: RACERS }, (_unused, i) => i));
      // Each decide saw exactly what the previous one saw plus the version that one published.
      for (let i = 1; i < RACERS; i += 1) expect(bySize[i]).toEqual(expect.arrayContaining(bySize[i - 1]!));
      expect(await countRows('contract_versions')).toBe(RACERS);
      expect(await countRows('audit_log')).toBe(RACERS);
    });
  });
});

describe('concurrent publishes on sqlite across processes', () => {
  let fresh: TestDatabase | undefined;
  afterEach(async () => {
    await fresh?.cleanup();
    fresh = undefined;
  });

  test('three processes publishing different content under one new version: one succeeds, two see the conflict', async () => {
    fresh = await freshDatabase('sqlite');
    await addPublisher(fresh.database);
    const location = fresh.location;
    const children = ['A', 'B'].map((title) => startTypeScriptChild('./publish-child.ts', [location, `Orders ${title}`]));
    await Promise.all(children.map((child) => child.ready));
    for (const child of children) child.go();
    // This process races too, as a third publisher.
    const own = await createContractStore(fresh.database.db).publish(
      publishInput(sampleContract('1.0.0', { title: 'Orders C' })),
      slowAccept,
    );
    const results = await Promise.all(children.map((child) => child.done));
    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
    const outcomes = [...results.map((result) => result.stdout.replace(/^ready\n/, '')), own.kind];
    expect(outcomes.sort()).toEqual(['conflict', 'conflict', 'published']);
    const versions = await createContractStore(fresh.database.db).listVersions('commerce.orders');
    expect(versions).toHaveLength(1);
  });
});
