import { describe, expect, test } from 'vitest';
import { createStampedCache } from '../../../registry/storage/stamped-cache.js';

/** A stamp the test moves by hand, standing for commits, and a loader that counts its calls. */
function setup(capacity = 4) {
  let stamp = 0;
  const loads: string[] = [];
  const cache = createStampedCache<string>(async () => String(stamp), capacity);
  const get = (key: string) =>
    cache.get(key, async () => {
      loads.push(key);
      return `${key}@${stamp}`;
    });
  return { cache, get, loads, commit: () => (stamp += 1) };
}

describe('StampedCache', () => {
  test('answers from memory while the stamp stays, and loads again after it moves', async () => {
    const { get, loads, commit } = setup();
    expect(await get('a')).toBe('a@0');
    expect(await get('a')).toBe('a@0');
    expect(loads).toEqual(['a']);
    commit();
    expect(await get('a')).toBe('a@1');
    expect(loads).toEqual(['a', 'a']);
  });

  test('a value loaded while the stamp moved is returned but not kept', async () => {
    let stamp = 0;
    const cache = createStampedCache<string>(async () => String(stamp), 4);
    let loads = 0;
    const slow = () =>
      cache.get('a', async () => {
        loads += 1;
        const seen = `seen at ${stamp}`;
        stamp += 1;
        // Another request notices the commit while this load is still running.
        await cache.get('b', async () => 'b');
        return seen;
      });
    expect(await slow()).toBe('seen at 0');
    await cache.get('a', async () => {
      loads += 1;
      return 'fresh';
    });
    expect(loads).toBe(2);
  });

  test('errors are thrown to the caller and never kept', async () => {
    const { cache } = setup();
    await expect(cache.get('a', async () => Promise.reject(new Error('no such contract')))).rejects.toThrow('no such contract');
    expect(await cache.get('a', async () => 'found')).toBe('found');
  });

  test('holds its capacity, and one past it pushes out the least recently used entry', async () => {
    const { get, loads } = setup(3);
    for (const key of ['a', 'b', 'c']) await get(key);
    await get('a');
    expect(loads).toEqual(['a', 'b', 'c']);
    await get('d');
    await get('a');
    await get('c');
    expect(loads).toEqual(['a', 'b', 'c', 'd']);
    await get('b');
    expect(loads).toEqual(['a', 'b', 'c', 'd', 'b']);
  });
});
