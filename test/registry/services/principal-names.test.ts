import { describe, expect, test } from 'vitest';
import { createPrincipalNameBook, MAX_CACHED_PRINCIPAL_NAMES } from '../../../registry/services/principal-names.js';

/** A principal store answering `name of <id>` for every id, counting the ids it was asked for. */
function countingStore() {
  const asked: string[] = [];
  return {
    asked,
    async namesOf(ids: readonly string[]) {
      asked.push(...ids);
      return new Map(ids.filter((id) => !id.startsWith('ghost')).map((id) => [id, `name of ${id}`]));
    },
  };
}

describe('principal names', () => {
  test('answers the names of known ids, leaves unknown ones out, and reads each id once', async () => {
    const store = countingStore();
    const book = createPrincipalNameBook(store);
    expect(await book.of(['a', 'b', undefined, 'a', 'ghost'])).toEqual(new Map([['a', 'name of a'], ['b', 'name of b']]));
    expect(await book.of(['b', 'a'])).toEqual(new Map([['b', 'name of b'], ['a', 'name of a']]));
    expect(store.asked).toEqual(['a', 'b', 'ghost']);
    expect(await book.of([])).toEqual(new Map());
  });

  test(`keeps at most MAX_CACHED_PRINCIPAL_NAMES (${MAX_CACHED_PRINCIPAL_NAMES}) names: one past it, the oldest is read again`, async () => {
    const store = countingStore();
    const book = createPrincipalNameBook(store);
    const ids = Array.from({ length: MAX_CACHED_PRINCIPAL_NAMES + 1 }, (_, index) => `p${index}`);
    await book.of(ids);
    store.asked.length = 0;
    expect((await book.of(['p1', `p${MAX_CACHED_PRINCIPAL_NAMES}`])).size).toBe(2);
    expect(store.asked).toEqual([]);
    expect(await book.of(['p0'])).toEqual(new Map([['p0', 'name of p0']]));
    expect(store.asked).toEqual(['p0']);
  });
});
