import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createContractStore } from '../../../registry/storage/contract-store.js';
import { acceptAll, addPublisher, freshDatabase, publishInput, PUBLISHER, sampleContract, STORAGE_TARGETS } from './storage-targets.js';
import type { TestDatabase } from './storage-targets.js';

/** Append-only tables, with a column an UPDATE would try to rewrite. */
const APPEND_ONLY = [
  ['contract_versions', 'content_hash'],
  ['metric_definitions', 'meaning_hash'],
  ['version_marks', 'reason'],
  ['audit_log', 'actor'],
] as const;

const ATTEMPTS = APPEND_ONLY.flatMap(([table, column]) => [
  [table, 'UPDATE', sql`update ${sql.table(table)} set ${sql.ref(column)} = 'rewritten'`],
  [table, 'DELETE', sql`delete from ${sql.table(table)}`],
] as const);

describe.each(STORAGE_TARGETS)('append-only tables on $dialect', (target) => {
  describe.skipIf(!target.available)('database triggers', () => {
    let fresh: TestDatabase;

    beforeAll(async () => {
      fresh = await freshDatabase(target.dialect);
      await addPublisher(fresh.database);
      const store = createContractStore(fresh.database.db);
      await store.publish(publishInput(sampleContract('1.0.0')), acceptAll);
      await store.mark('commerce.orders', '1.0.0', 'deprecated', 'use 2.x', PUBLISHER);
    });
    afterAll(() => fresh.cleanup());

    const snapshot = async (table: string) =>
      (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(fresh.database.db)).rows;

    test.each(ATTEMPTS)('%s refuses a raw %s and keeps its rows', async (table, _operation, statement) => {
      const before = await snapshot(table);
      expect(before.length).toBeGreaterThan(0);
      await expect(statement.execute(fresh.database.db)).rejects.toThrow(`${table} is append-only`);
      expect(await snapshot(table)).toEqual(before);
    });
  });
});
