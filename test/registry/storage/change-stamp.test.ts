import { describe, expect, test } from 'vitest';
import { createPrincipalStore } from '../../../registry/storage/principal-store.js';
import { STORAGE_TARGETS, useFreshDatabase } from './storage-targets.js';

describe.each(STORAGE_TARGETS)('change stamp on $dialect', (target) => {
  describe.skipIf(!target.available)('Database.changeStamp', () => {
    const database = useFreshDatabase(target.dialect);

    test.each([
      ['through the same handle', false],
      ['through another handle (another connection, as another process would use)', true],
    ])('changes after a commit %s', async (_name, another) => {
      const { database: first, openAnother } = database();
      const writer = another ? await openAnother() : first;
      const before = await first.changeStamp();
      await createPrincipalStore(writer.db).createPrincipal({ name: 'Stamp test', role: 'reader' });
      expect(await first.changeStamp()).not.toBe(before);
    });

    // PostgreSQL's snapshot is server-wide, so test files writing in parallel move it; the claim
    // is checked where this suite is the only writer.
    if (target.dialect !== 'sqlite') return;
    test('reads leave it alone', async () => {
      const { database: first } = database();
      const before = await first.changeStamp();
      await createPrincipalStore(first.db).listPrincipals();
      expect(await first.changeStamp()).toBe(before);
    });
  });
});
