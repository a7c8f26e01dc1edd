import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { normalizeContract } from '../../../contracts/document/normalize-contract.js';
import type { ContractDocument } from '../../../contracts/document/normalize-contract.js';
import type { Change } from '../../../contracts/findings.js';
import type { Contract } from '../../../contracts/model.js';
import { cachedChanges, createHistoryMemo, diffKey, MAX_REMEMBERED_BYTES, MAX_REMEMBERED_HEADERS, MAX_REMEMBERED_VERDICTS, MODEL_HEAP_PER_JSON_BYTE } from '../../../registry/services/history.js';
import type { StoredVersion } from '../../../registry/storage/contract-records.js';
import { createDiffCache, DIFF_CACHE_BATCH } from '../../../registry/storage/diff-cache.js';
import type { DiffCache } from '../../../registry/storage/diff-cache.js';
import { migrateToLatest } from '../../../registry/storage/migrate.js';
import { openDatabase } from '../../../registry/storage/open-database.js';
import type { Database } from '../../../registry/storage/open-database.js';

function document(version: string, properties: Record<string, unknown>): ContractDocument {
  return { contract: 'commerce.orders', version, owner: { name: 'Dana', email: 'dana@example.com' }, schema: { type: 'object', properties } } as unknown as ContractDocument;
}

const contract = (version: string, properties: Record<string, unknown>): Contract => normalizeContract(document(version, properties));

function stored(version: string, contentHash = version): StoredVersion {
  return {
    contractId: 'commerce.orders',
    version,
    contentHash,
    status: 'active',
    compatibility: { mode: 'forward', policy: 'strict' },
    publishedBy: 'dana',
    publishedAt: '',
    document: document(version, { a: { type: 'string' } }),
    bundledSchema: { type: 'object', properties: { a: { type: 'string' } } },
  };
}

describe('diffs cached by content', () => {
  let database: Database;
  let cache: DiffCache;

  beforeEach(async () => {
    database = await openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(database.db);
    cache = createDiffCache(database.db);
  });
  afterEach(() => database.close());

  const v1 = contract('1.0.0', { a: { type: 'string' } });
  const v2 = contract('2.0.0', { b: { type: 'string' } });

  test('the key ignores the version number only', () => {
    expect(diffKey(v1)).toBe(diffKey(contract('9.9.9', { a: { type: 'string' } })));
    expect(diffKey(v1)).not.toBe(diffKey(v2));
  });

  test('a computed diff is saved, and the next check reads it from the cache instead of computing it', async () => {
    const memo = createHistoryMemo();
    const first = await cachedChanges(cache, memo, v2, [v1]);
    expect(first.source(v1, v2).length).toBeGreaterThan(0);
    await first.save(cache);
    expect(await cache.get(diffKey(v1), diffKey(v2))).toEqual(first.source(v1, v2));

    const sentinel: readonly Change[] = [{ rule: 'property-added', path: '/sentinel', message: 'from the cache' }];
    const other = contract('3.0.0', { c: { type: 'string' } });
    await cache.put(diffKey(v1), diffKey(other), sentinel);
    const second = await cachedChanges(cache, memo, other, [v1]);
    expect(second.source(v1, other)).toEqual(sentinel);
  });

  test('a verdict is read from a cached diff, then remembered by content, mode and policy', async () => {
    const memo = createHistoryMemo();
    // A cached diff that says something the engine would not: the verdict must come from it.
    const sentinel: readonly Change[] = [{ rule: 'type-changed', path: '/properties/a/type', message: 'from the cache' }];
    await cache.put(diffKey(v1), diffKey(v2), sentinel);
    const cached = await cachedChanges(cache, memo, v2, [v1]);
    expect(cached.verdict(v1, v2, 'forward', 'strict')).toEqual({ compatible: false, requiredBump: 'major' });
    expect(memo.verdict(`${diffKey(v1)} ${diffKey(v2)} forward strict`)).toEqual({ compatible: false, requiredBump: 'major' });
    // Without a cached diff, the engine decides: adding b and dropping a breaks backward.
    const fresh = await cachedChanges(createDiffCache(database.db), createHistoryMemo(), v2, [v1]);
    const other = contract('3.0.0', { a: { type: 'string' }, c: { type: 'string' } });
    expect(fresh.verdict(v1, other, 'forward', 'lenient')).toEqual({ compatible: true, requiredBump: 'minor' });
  });

  test(`the memo keeps MAX_REMEMBERED_VERDICTS (${MAX_REMEMBERED_VERDICTS}) verdicts and drops the least recently used one past it`, () => {
    const memo = createHistoryMemo();
    const verdict = { compatible: true, requiredBump: 'none' } as const;
    for (let index = 0; index < MAX_REMEMBERED_VERDICTS; index += 1) memo.rememberVerdict(`pair ${index}`, verdict);
    expect(memo.verdict('pair 0')).toEqual(verdict);
    memo.rememberVerdict('one more', verdict);
    expect(memo.verdict('pair 0')).toEqual(verdict);
    expect(memo.verdict('pair 1')).toBeUndefined();
    expect(memo.verdict('one more')).toEqual(verdict);
  });

  test('versions with the same content have no changes', async () => {
    const same = contract('1.0.1', { a: { type: 'string' } });
    const cached = await cachedChanges(cache, createHistoryMemo(), same, [v1]);
    expect(cached.source(v1, same)).toEqual([]);
  });

  test(`a history one past the cache batch of ${DIFF_CACHE_BATCH} is fetched and saved whole`, async () => {
    const earlier = Array.from({ length: DIFF_CACHE_BATCH + 1 }, (_, i) => contract(`1.0.${i}`, { [`f${i}`]: { type: 'string' } }));
    const memo = createHistoryMemo();
    const first = await cachedChanges(cache, memo, v2, earlier);
    for (const each of earlier) first.source(each, v2);
    await first.save(cache);
    const found = await cache.getMany(earlier.map((each) => diffKey(each)), diffKey(v2));
    expect(found.size).toBe(DIFF_CACHE_BATCH + 1);
  });

  test(`the memo keeps models worth its budget (default ${MAX_REMEMBERED_BYTES} bytes) of estimated heap and drops the least recently used past it`, () => {
    // Single-digit versions, so every stored version has the same size.
    const one = MODEL_HEAP_PER_JSON_BYTE * (JSON.stringify(stored('0.0.0').document).length + JSON.stringify(stored('0.0.0').bundledSchema).length);
    const memo = createHistoryMemo(3 * one);
    const originals = [0, 1, 2].map((i) => memo.entry(stored(`0.0.${i}`)).contract);
    expect(memo.entry(stored('0.0.0')).contract).toBe(originals[0]);
    expect(memo.known(stored('0.0.1'))?.contract).toBe(originals[1]);
    memo.entry(stored('0.0.3'));
    expect(memo.known(stored('0.0.2'))).toBeUndefined();
    expect(memo.known(stored('0.0.0'))?.contract).toBe(originals[0]);
    expect(memo.known(stored('0.0.1'))?.contract).toBe(originals[1]);
    expect(memo.entry(stored('0.0.2')).contract).not.toBe(originals[2]);
  });

  test(`the memo keeps at most its header budget (default ${MAX_REMEMBERED_HEADERS}) and forgets the least recently used contract one past it`, () => {
    const memo = createHistoryMemo(MAX_REMEMBERED_BYTES, 3);
    memo.rememberHeaders('a.one', [stored('0.0.0'), stored('0.0.1')]);
    memo.rememberHeaders('a.two', [stored('0.0.0')]);
    expect(memo.headers('a.one')).toHaveLength(2);
    expect(memo.headers('a.two')).toHaveLength(1);
    // A fourth header: the least recently used list (a.one was read before a.two) goes.
    memo.rememberHeaders('a.three', [stored('0.0.0')]);
    expect(memo.headers('a.one')).toBeUndefined();
    expect(memo.headers('a.two')).toHaveLength(1);
    expect(memo.headers('a.three')).toHaveLength(1);
  });
});
