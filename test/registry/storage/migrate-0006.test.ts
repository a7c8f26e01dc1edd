import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { migrationProvider } from '../../../migrations/index.js';
import { createAuditLog } from '../../../registry/storage/audit-log.js';
import { createConsumerStore } from '../../../registry/storage/consumer-store.js';
import { createContractStore } from '../../../registry/storage/contract-store.js';
import { migrateToLatest } from '../../../registry/storage/migrate.js';
import { createPrincipalStore } from '../../../registry/storage/principal-store.js';
import type { Tables } from '../../../registry/storage/tables.js';
import { acceptAll, freshDatabase, publishInput, sampleContract, STORAGE_TARGETS } from './storage-targets.js';
import type { TestDatabase } from './storage-targets.js';

/*
 * Migration 0006 on a database that was in use: built at the schema of 0005 with principals
 * (two of them sharing a name), tokens, contracts, versions with marks and metrics, consumers,
 * pins and audit entries, then migrated. Everything must still be there, row for row.
 */

const BEFORE_0006 = '0005-check-runs-retention';

/** Tables whose every row must come through the migration unchanged. */
const KEPT_TABLES: readonly (keyof Tables)[] = ['api_tokens', 'contracts', 'contract_tags', 'contract_versions', 'version_marks', 'metric_definitions', 'consumers', 'pins', 'audit_log'];

async function rows(db: Kysely<Tables>, table: keyof Tables): Promise<unknown[]> {
  const all = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
  return all.map((row) => JSON.stringify(row)).sort();
}

async function migrateTo(fresh: TestDatabase, target: string): Promise<void> {
  const migrator = new Migrator({ db: fresh.database.db, provider: migrationProvider, ...(fresh.dialect === 'postgres' ? { migrationTableSchema: fresh.location } : {}) });
  const result = await migrator.migrateTo(target);
  expect(result.error).toBeUndefined();
}

/** A registry in use at the schema of 0005. */
async function populate(db: Kysely<Tables>): Promise<{ readonly tokens: readonly string[] }> {
  const principals = createPrincipalStore(db, { clock: () => new Date('2025-01-01T00:00:00.000Z') });
  await principals.createPrincipal({ id: 'admin', name: 'Registry admin', role: 'admin' });
  await principals.createPrincipal({ id: 'dana', name: 'Dana Fischer', role: 'publisher', namespaces: ['commerce'] });
  await principals.createPrincipal({ id: 'ci', name: 'CI', role: 'publisher', namespaces: ['commerce'] });
  const later = createPrincipalStore(db, { clock: () => new Date('2025-02-01T00:00:00.000Z') });
  await later.createPrincipal({ id: 'ci-2', name: 'CI', role: 'reader' });
  await later.createPrincipal({ id: 'ci-3', name: 'CI', role: 'reader' });
  const tokens = [
    (await principals.createToken('dana', { label: 'laptop' })).plaintext,
    (await principals.createToken('ci')).plaintext,
    (await later.createToken('ci-2')).plaintext,
  ];
  const contracts = createContractStore(db);
  await contracts.publish(publishInput(sampleContract('1.0.0'), 'dana'), acceptAll);
  await contracts.publish(publishInput(sampleContract('1.1.0'), 'ci'), acceptAll);
  await contracts.publish(publishInput(sampleContract('1.0.0', { id: 'commerce.payments', metrics: [] }), 'dana'), acceptAll);
  await contracts.mark('commerce.orders', '1.0.0', 'deprecated', 'use 1.1.0', 'dana');
  const consumers = createConsumerStore(db);
  await consumers.upsertConsumer({ name: 'agents.router', contact: { name: 'Kim Lee', email: 'kim@example.com' }, webhookUrl: 'https://hooks.example.com/r', by: 'dana' });
  await consumers.pin({ consumer: 'agents.router', contractId: 'commerce.orders', range: '^1', fields: ['order_id'] });
  await consumers.pin({ consumer: 'agents.router', contractId: 'commerce.payments', range: '*' });
  await createAuditLog(db).append({ actor: 'ci-2', action: 'consumer.put', detail: { consumer: 'agents.router' } });
  return { tokens };
}

describe.each(STORAGE_TARGETS)('migration 0006 on $dialect', (target) => {
  describe.skipIf(!target.available)('a database in use at the schema of 0005', () => {
    let fresh: TestDatabase | undefined;
    afterEach(async () => {
      await fresh?.cleanup();
      fresh = undefined;
    });

    test('keeps every row, tells shared names apart, and then takes consumers and refuses duplicate names', async () => {
      fresh = await freshDatabase(target.dialect, { migrate: false });
      const { db } = fresh.database;
      await migrateTo(fresh, BEFORE_0006);
      const { tokens } = await populate(db);
      const before = Object.fromEntries(await Promise.all(KEPT_TABLES.map(async (table) => [table, await rows(db, table)] as const)));
      const principalsBefore = await db.selectFrom('principals').selectAll().orderBy('id').execute();
      // The old CHECK refuses the role the migration adds.
      await expect(createPrincipalStore(db).createPrincipal({ name: 'Agent builder', role: 'consumer' })).rejects.toThrow();

      expect(await migrateToLatest(db)).toContain('0006-consumer-role');

      for (const table of KEPT_TABLES) expect(await rows(db, table), table).toEqual(before[table]);
      const principalsAfter = await db.selectFrom('principals').selectAll().orderBy('id').execute();
      const withoutName = ({ name: _name, ...rest }: (typeof principalsAfter)[number]) => rest;
      expect(principalsAfter.map(withoutName)).toEqual(principalsBefore.map(withoutName));
      expect(Object.fromEntries(principalsAfter.map((row) => [row.id, row.name]))).toEqual({
        admin: 'Registry admin',
        dana: 'Dana Fischer',
        ci: 'CI',
        'ci-2': 'CI (2)',
        'ci-3': 'CI (3)',
      });

      const principals = createPrincipalStore(db);
      for (const token of tokens) expect(await principals.findByToken(token)).toBeDefined();
      expect((await principals.findByToken(tokens[0] as string))?.principal).toMatchObject({ id: 'dana', name: 'Dana Fischer', role: 'publisher', namespaces: ['commerce'] });
      const agent = await principals.createPrincipal({ name: 'Agent builder', role: 'consumer' });
      expect(await principals.findPrincipalByName('Agent builder')).toEqual(agent);
      await expect(principals.createPrincipal({ name: 'Dana Fischer', role: 'reader' })).rejects.toMatchObject({ code: 'conflict' });
      await expect(principals.createPrincipal({ name: 'Root', role: 'owner' as 'admin' })).rejects.toThrow();

      // What the rebuild must not lose on SQLite: the foreign keys to principals and the append-only triggers.
      await expect(principals.createToken('nobody')).rejects.toMatchObject({ code: 'not-found' });
      await expect(sql`update contract_versions set status = 'retired'`.execute(db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from principals where id = 'dana'`.execute(db)).rejects.toThrow();
    });

    test('undoing it is refused while a consumer principal exists, and works once none does', async () => {
      fresh = await freshDatabase(target.dialect, { migrate: false });
      const { db } = fresh.database;
      await migrateTo(fresh, BEFORE_0006);
      await populate(db);
      await migrateToLatest(db);
      await migrateTo(fresh, '0006-consumer-role');
      await createPrincipalStore(db).createPrincipal({ id: 'agent', name: 'Agent builder', role: 'consumer' });
      const migrator = new Migrator({ db, provider: migrationProvider, ...(fresh.dialect === 'postgres' ? { migrationTableSchema: fresh.location } : {}) });
      expect((await migrator.migrateTo(BEFORE_0006)).error).toMatchObject({ message: expect.stringContaining('consumer role') });
      await db.updateTable('principals').set({ role: 'reader' }).where('id', '=', 'agent').execute();
      expect((await migrator.migrateTo(BEFORE_0006)).error).toBeUndefined();
      await expect(createPrincipalStore(db).createPrincipal({ name: 'Another agent', role: 'consumer' })).rejects.toThrow();
      expect(await db.selectFrom('pins').select('consumer').execute()).toHaveLength(2);
    });
  });
});
