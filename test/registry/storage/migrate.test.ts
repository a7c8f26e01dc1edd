import { Migrator, NO_MIGRATIONS } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { MIGRATIONS, migrationProvider } from '../../../migrations/index.js';
import { migrateToLatest } from '../../../registry/storage/migrate.js';
import type { Tables } from '../../../registry/storage/tables.js';
import { holdSqliteWriteLock, startTypeScriptChild } from './child-processes.js';
import { createContractStore } from '../../../registry/storage/contract-store.js';
import { createRunStore } from '../../../registry/storage/run-store.js';
import { acceptAll, addPublisher, freshDatabase, publishInput, recordRunAt, sampleContract, STORAGE_TARGETS } from './storage-targets.js';
import type { TestDatabase } from './storage-targets.js';

const ALL_MIGRATIONS = Object.keys(MIGRATIONS);
const ALL_TABLES: readonly (keyof Tables)[] = [
  'principals',
  'api_tokens',
  'contracts',
  'contract_tags',
  'contract_versions',
  'version_marks',
  'metric_definitions',
  'consumers',
  'pins',
  'audit_log',
  'webhook_outbox',
  'diff_cache',
  'consumer_telemetry',
];

/**
 * The tables of this test's own database. On Postgres every test gets a schema of its own in one
 * shared database, and introspection lists the tables of all schemas, including other runs' ones.
 */
async function ownTables(fresh: TestDatabase): Promise<string[]> {
  const tables = await fresh.database.db.introspection.getTables();
  return tables.filter((table) => fresh.dialect !== 'postgres' || table.schema === fresh.location).map((table) => table.name);
}

describe.each(STORAGE_TARGETS)('migrations on $dialect', (target) => {
  describe.skipIf(!target.available)('migrateToLatest', () => {
    let fresh: TestDatabase | undefined;
    afterEach(async () => {
      await fresh?.cleanup();
      fresh = undefined;
    });

    test('applies every migration once, creating every table, then has nothing left to do', async () => {
      fresh = await freshDatabase(target.dialect, { migrate: false });
      const { db } = fresh.database;
      expect(await migrateToLatest(db)).toEqual(ALL_MIGRATIONS);
      expect(await migrateToLatest(db)).toEqual([]);
      expect(await ownTables(fresh)).toEqual(expect.arrayContaining([...ALL_TABLES]));
    });

    test("0008 carries history over: each source's newest passing run becomes its baseline, a source that never passed has none", async () => {
      fresh = await freshDatabase(target.dialect);
      const { db } = fresh.database;
      await addPublisher(fresh.database);
      await createContractStore(db).publish(publishInput(sampleContract('1.0.0')), acceptAll);
      const migrator = new Migrator({ db, provider: migrationProvider, ...(target.dialect === 'postgres' ? { migrationTableSchema: fresh.location } : {}) });
      expect((await migrator.migrateTo('0005-check-runs-retention')).error).toBeUndefined();
      const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 1, 12, minute));
      for (const [source, minute, label] of [['prod', 1, 'old pass'], ['prod', 2, 'new pass'], ['prod', 3, 'breaking'], ['staging', 4, 'staging breaking']] as const) {
        await recordRunAt(db, source, at(minute), label);
      }
      await db.updateTable('check_runs').set({ verdict: 'breaking' }).where('source_description', 'in', ['breaking', 'staging breaking']).execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const runs = createRunStore(db);
      expect((await runs.baseline('commerce.orders', 'prod'))?.sourceDescription).toBe('new pass');
      expect((await runs.baseline('commerce.orders', 'prod'))?.acceptedBy).toBeUndefined();
      expect(await runs.baseline('commerce.orders', 'staging')).toBeUndefined();
    });

    test('every migration can be undone, back to an empty database, and applied again', async () => {
      fresh = await freshDatabase(target.dialect);
      const { db } = fresh.database;
      const migrator = new Migrator({
        db,
        provider: migrationProvider,
        ...(target.dialect === 'postgres' ? { migrationTableSchema: fresh.location } : {}),
      });
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      expect(down.results?.map((step) => step.migrationName)).toEqual([...ALL_MIGRATIONS].reverse());
      expect((await ownTables(fresh)).filter((name) => (ALL_TABLES as readonly string[]).includes(name))).toEqual([]);
      expect(await migrateToLatest(db)).toEqual(ALL_MIGRATIONS);
    });

    test('two migrators started together on a fresh database both succeed and run each migration once', async () => {
      fresh = await freshDatabase(target.dialect, { migrate: false });
      const other = await fresh.openAnother();
      const results = await Promise.all([migrateToLatest(fresh.database.db), migrateToLatest(other.db)]);
      expect(results.flat().sort()).toEqual(ALL_MIGRATIONS);
      expect(results.filter((applied) => applied.length === 0)).toHaveLength(1);
      expect(await migrateToLatest(other.db)).toEqual([]);
    });
  });
});

describe('migrations on sqlite across processes', () => {
  let fresh: TestDatabase | undefined;
  afterEach(async () => {
    await fresh?.cleanup();
    fresh = undefined;
  });

  test('two processes migrating one fresh file at the same instant both succeed and run each migration once', async () => {
    fresh = await freshDatabase('sqlite', { migrate: false });
    const started = [0, 1].map(() => startTypeScriptChild('./migrate-child.ts', [fresh?.location ?? '']));
    await Promise.all(started.map((child) => child.ready));
    for (const child of started) child.go();
    const children = await Promise.all(started.map((child) => child.done));
    for (const child of children) expect(child, child.stderr).toMatchObject({ code: 0 });
    const applied = children.map((child) => JSON.parse(child.stdout.replace(/^ready\n/, '')) as string[]);
    expect(applied.flat().sort()).toEqual(ALL_MIGRATIONS);
    expect(await migrateToLatest(fresh.database.db)).toEqual([]);
  });

  test('a migrator meeting another process mid-write waits for it (busy timeout) instead of failing', async () => {
    fresh = await freshDatabase('sqlite', { migrate: false });
    const holdMs = 800;
    const holder = await holdSqliteWriteLock(fresh.location, holdMs);
    const started = Date.now();
    expect(await migrateToLatest(fresh.database.db)).toEqual(ALL_MIGRATIONS);
    expect(Date.now() - started).toBeGreaterThanOrEqual(holdMs / 2);
    expect((await holder.done).code).toBe(0);
  });
});
