import { describe, expect, test } from 'vitest';
import type { Change } from '../../../contracts/findings.js';
import { sha256Hex } from '../../../contracts/content-hash.js';
import { createDiffCache } from '../../../registry/storage/diff-cache.js';
import { STORAGE_TARGETS, useFreshDatabase } from './storage-targets.js';

const BEFORE = sha256Hex('before');
const AFTER = sha256Hex('after');
const CHANGES: readonly Change[] = [
  { rule: 'property-removed', path: '/properties/customer_id', field: 'customer_id', message: 'removed', before: { type: 'string' } },
];

describe.each(STORAGE_TARGETS)('diff cache on $dialect', (target) => {
  describe.skipIf(!target.available)('DiffCache', () => {
    const database = useFreshDatabase(target.dialect);

    test('misses, then returns what was put, for that ordered pair only', async () => {
      const cache = createDiffCache(database().database.db);
      expect(await cache.get(BEFORE, AFTER)).toBeUndefined();
      await cache.put(BEFORE, AFTER, CHANGES);
      expect(await cache.get(BEFORE, AFTER)).toEqual(CHANGES);
      expect(await cache.get(AFTER, BEFORE)).toBeUndefined();
    });

    test('a second put for the same pair keeps the first entry', async () => {
      const cache = createDiffCache(database().database.db);
      await cache.put(BEFORE, AFTER, CHANGES);
      await cache.put(BEFORE, AFTER, []);
      expect(await cache.get(BEFORE, AFTER)).toEqual(CHANGES);
    });

    test('an empty diff is cached as empty, not as a miss', async () => {
      const cache = createDiffCache(database().database.db);
      await cache.put(AFTER, AFTER, []);
      expect(await cache.get(AFTER, AFTER)).toEqual([]);
    });

    test('getMany answers the asked pairs into one candidate: not other befores, not other candidates', async () => {
      const cache = createDiffCache(database().database.db);
      const [a, b, c, missing, other] = [sha256Hex('a'), sha256Hex('b'), sha256Hex('c'), sha256Hex('missing'), sha256Hex('other')] as const;
      const changesFrom = (name: string): Change[] => [{ rule: 'description-changed', path: '/description', message: `from ${name}` }];
      await cache.putMany([
        { beforeHash: a, afterHash: AFTER, changes: changesFrom('a') },
        { beforeHash: b, afterHash: AFTER, changes: changesFrom('b') },
        { beforeHash: c, afterHash: AFTER, changes: [] },
        { beforeHash: a, afterHash: other, changes: changesFrom('a into other') },
      ]);
      const found = await cache.getMany([a, c, missing, a], AFTER);
      expect(new Map(found)).toEqual(new Map([[a, changesFrom('a')], [c, []]]));
      expect(await cache.getMany([], AFTER)).toEqual(new Map());
      expect(new Map(await cache.getMany([a, b], other))).toEqual(new Map([[a, changesFrom('a into other')]]));
    });
  });
});
