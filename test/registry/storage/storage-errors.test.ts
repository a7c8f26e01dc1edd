import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { ConcordError } from '../../../contracts/errors.js';
import { isForeignKeyViolation, isUniqueViolation, mapStorageErrors } from '../../../registry/storage/storage-errors.js';
import { STORAGE_TARGETS, useFreshDatabase } from './storage-targets.js';

const MESSAGES = { conflict: 'already there: pick another id', missing: 'principal missing: create it first' };

describe.each(STORAGE_TARGETS)('storage errors on $dialect', (target) => {
  describe.skipIf(!target.available)('mapStorageErrors', () => {
    const database = useFreshDatabase(target.dialect);

    const principal = (id: string) =>
      sql`insert into principals (id, name, role, namespaces, created_at) values (${id}, 'P', 'reader', '[]', '2025-01-01T00:00:00.000Z')`;
    // Every token gets the same hash, so a second token collides on the unique token_hash column.
    const token = (principalId: string, id = 't1') => sql`
      insert into api_tokens (id, principal_id, token_hash, prefix, created_at)
      values (${id}, ${principalId}, 'h', 'cnc_', '2025-01-01T00:00:00.000Z')`;

    const caught = async (run: () => Promise<unknown>): Promise<unknown> => {
      try {
        await run();
      } catch (error) {
        return error;
      }
      throw new Error('expected the statement to fail');
    };

    test.each([
      ['a primary-key violation', 'conflict', [principal('p'), principal('p')]],
      ['a unique-column violation', 'conflict', [principal('p'), token('p', 't1'), token('p', 't2')]],
      ['a foreign-key violation', 'not-found', [token('nobody')]],
    ] as const)('%s becomes ConcordError %s', async (_, code, statements) => {
      const { db } = database().database;
      const error = await caught(() =>
        mapStorageErrors(MESSAGES, async () => {
          for (const statement of statements) await statement.execute(db);
        }),
      );
      expect(error).toBeInstanceOf(ConcordError);
      expect(error).toMatchObject({ code, message: code === 'conflict' ? MESSAGES.conflict : MESSAGES.missing });
      expect(isUniqueViolation((error as ConcordError).cause)).toBe(code === 'conflict');
      expect(isForeignKeyViolation((error as ConcordError).cause)).toBe(code === 'not-found');
    });

    test('other faults pass through untouched', async () => {
      const { db } = database().database;
      const error = await caught(() => mapStorageErrors(MESSAGES, () => sql`select * from no_such_table`.execute(db)));
      expect(error).not.toBeInstanceOf(ConcordError);
    });

    test('a violation without a message for it passes through untouched', async () => {
      const { db } = database().database;
      await principal('p').execute(db);
      const error = await caught(() => mapStorageErrors({ missing: MESSAGES.missing }, () => principal('p').execute(db)));
      expect(error).not.toBeInstanceOf(ConcordError);
      expect(isUniqueViolation(error)).toBe(true);
    });
  });
});
