import { beforeEach, describe, expect, test } from 'vitest';
import { createAuditLog } from '../../../registry/storage/audit-log.js';
import type { AuditFilter, NewAuditEntry } from '../../../registry/storage/audit-log.js';
import { STORAGE_TARGETS, useFreshDatabase } from './storage-targets.js';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const MINUTE = 60_000;

const ENTRIES: readonly NewAuditEntry[] = [
  { actor: 'dana', action: 'contract.publish', contractId: 'commerce.orders', toVersion: '1.0.0' },
  { actor: 'dana', action: 'contract.publish', contractId: 'commerce.orders', fromVersion: '1.0.0', toVersion: '1.1.0' },
  { actor: 'erik', action: 'version.yank', contractId: 'commerce.orders', toVersion: '1.0.0', detail: { reason: 'leak' } },
  { actor: 'erik', action: 'token.create', detail: { label: 'ci' } },
];

describe.each(STORAGE_TARGETS)('audit log on $dialect', (target) => {
  describe.skipIf(!target.available)('AuditLog', () => {
    const database = useFreshDatabase(target.dialect);

    describe('listing', () => {
      beforeEach(async () => {
        // One entry a minute from T0, in the order above.
        for (const [i, entry] of ENTRIES.entries()) {
          await createAuditLog(database().database.db, { clock: () => new Date(T0 + i * MINUTE) }).append(entry);
        }
      });

      test.each<[AuditFilter, string[]]>([
        [{}, ['token.create', 'version.yank', 'contract.publish', 'contract.publish']],
        [{ actor: 'erik' }, ['token.create', 'version.yank']],
        [{ action: 'version.yank' }, ['version.yank']],
        [{ contractId: 'commerce.orders', actor: 'dana' }, ['contract.publish', 'contract.publish']],
        [{ since: new Date(T0 + MINUTE), until: new Date(T0 + 3 * MINUTE) }, ['version.yank', 'contract.publish']],
      ])('filter %j lists %j, newest first', async (filter, actions) => {
        const page = await createAuditLog(database().database.db).list(filter);
        expect(page.items.map((entry) => entry.action)).toEqual(actions);
        expect(page.total).toBe(actions.length);
      });

      test('reads back every field, and pages with a total', async () => {
        const page = await createAuditLog(database().database.db).list({ limit: 2, offset: 1 });
        expect(page.total).toBe(4);
        expect(page.items).toEqual([
          expect.objectContaining({ ...ENTRIES[2], at: new Date(T0 + 2 * MINUTE).toISOString() }),
          expect.objectContaining({ ...ENTRIES[1], detail: {} }),
        ]);
      });
    });

    test.each([
      ['commits', false, 1],
      ['rolls back', true, 0],
    ])('an entry appended inside a transaction %s with it', async (_, fail, expected) => {
      const { db } = database().database;
      const attempt = db.transaction().execute(async (trx) => {
        await createAuditLog(trx).append(ENTRIES[0]!);
        if (fail) throw new Error('the audited change failed');
      });
      if (fail) await expect(attempt).rejects.toThrow('the audited change failed');
      else await attempt;
      expect((await createAuditLog(db).list()).total).toBe(expected);
    });

    test('the log offers appending and listing only', () => {
      expect(Object.keys(createAuditLog(database().database.db)).sort()).toEqual(['append', 'list']);
    });
  });
});
