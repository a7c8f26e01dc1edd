import { timingSafeEqual } from 'node:crypto';
import type * as NodeCrypto from 'node:crypto';
import { sql } from 'kysely';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { sha256Hex } from '../../../contracts/content-hash.js';
import {
  createPrincipalStore,
  digestsMatch,
  LAST_USED_RESOLUTION_MS,
} from '../../../registry/storage/principal-store.js';
import type { PrincipalStore } from '../../../registry/storage/principal-store.js';
import type { Tables } from '../../../registry/storage/tables.js';
import { STORAGE_TARGETS, useFreshDatabase } from './storage-targets.js';
import type { TestDatabase } from './storage-targets.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const TABLES: readonly (keyof Tables)[] = ['principals', 'api_tokens', 'audit_log'];
const T0 = Date.parse('2025-03-01T10:00:00.000Z');

describe('digestsMatch', () => {
  const digest = sha256Hex('cnc_example');
  test.each([
    [digest, digest, true],
    [digest, `${digest.slice(0, -1)}${digest.endsWith('0') ? '1' : '0'}`, false],
    [digest, digest.slice(0, -2), false],
    [digest, '', false],
  ])('%s against %s: %s', (expected, actual, result) => {
    expect(digestsMatch(expected, actual)).toBe(result);
  });
});

describe.each(STORAGE_TARGETS)('principal store on $dialect', (target) => {
  describe.skipIf(!target.available)('PrincipalStore', () => {
    const database = useFreshDatabase(target.dialect);
    let fresh: TestDatabase;
    let now: number;
    let store: PrincipalStore;

    beforeEach(async () => {
      fresh = database();
      now = T0;
      store = createPrincipalStore(fresh.database.db, { clock: () => new Date(now) });
      await store.createPrincipal({ id: 'dana', name: 'Dana Fischer', role: 'publisher', namespaces: ['commerce'] });
    });

    test('names are unique and found exactly, or ignoring letter case when asked; namesOf leaves unknown ids out', async () => {
      await expect(store.createPrincipal({ name: 'Dana Fischer', role: 'reader' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('"Dana Fischer"') });
      const agent = await store.createPrincipal({ id: 'agent', name: 'Support agents', role: 'consumer' });
      expect(await store.findPrincipalByName('Support agents')).toEqual(agent);
      expect(await store.findPrincipalByName('support AGENTS')).toBeUndefined();
      expect(await store.findPrincipalByName('support AGENTS', { ignoreCase: true })).toEqual(agent);
      expect(await store.namesOf(['agent', 'dana', 'nobody', 'dana'])).toEqual(new Map([['agent', 'Support agents'], ['dana', 'Dana Fischer']]));
      expect(await store.namesOf([])).toEqual(new Map());
    });

    test('every token is listed with its principal, newest first, paged', async () => {
      await store.createPrincipal({ id: 'ci', name: 'CI', role: 'reader' });
      const first = await store.createToken('dana');
      now += 1_000;
      const second = await store.createToken('ci', { label: 'nightly' });
      await store.revokeToken(first.token.id);
      const page = await store.listAllTokens({ limit: 1 });
      expect(page.total).toBe(2);
      expect(page.items).toEqual([{ ...second.token, principal: expect.objectContaining({ id: 'ci', name: 'CI', role: 'reader' }) }]);
      const next = await store.listAllTokens({ limit: 1, offset: 1 });
      expect(next.items[0]).toMatchObject({ id: first.token.id, revokedAt: new Date(T0 + 1_000).toISOString(), principal: { name: 'Dana Fischer' } });
    });

    test('a new token is cnc_ plus 32 random bytes and finds its principal', async () => {
      const issued = await store.createToken('dana', { label: 'laptop' });
      expect(issued.plaintext).toMatch(/^cnc_[A-Za-z0-9_-]{43}$/);
      expect(issued.token).toMatchObject({ principalId: 'dana', label: 'laptop', prefix: issued.plaintext.slice(0, 12) });
      const found = await store.findByToken(issued.plaintext);
      expect(found?.principal).toEqual({
        id: 'dana',
        name: 'Dana Fischer',
        role: 'publisher',
        namespaces: ['commerce'],
        createdAt: new Date(T0).toISOString(),
      });
      expect(found?.token.id).toBe(issued.token.id);
    });

    test('the plaintext is stored nowhere; only its sha-256 is', async () => {
      const issued = await store.createToken('dana');
      await store.findByToken(issued.plaintext);
      const secret = issued.plaintext.slice('cnc_'.length + 8);
      for (const table of TABLES) {
        const { rows } = await sql`select * from ${sql.table(table)}`.execute(fresh.database.db);
        expect(JSON.stringify(rows), table).not.toContain(secret);
      }
      const row = await fresh.database.db.selectFrom('api_tokens').select('token_hash').executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(sha256Hex(issued.plaintext));
    });

    test('the final comparison of a found token goes through timingSafeEqual', async () => {
      const issued = await store.createToken('dana');
      vi.mocked(timingSafeEqual).mockClear();
      expect(await store.findByToken(issued.plaintext)).toBeDefined();
      expect(timingSafeEqual).toHaveBeenCalledTimes(1);
      const [a, b] = vi.mocked(timingSafeEqual).mock.calls[0] ?? [];
      expect([a?.byteLength, b?.byteLength]).toEqual([32, 32]);
    });

    test.each([
      ['empty', () => ''],
      ['prefix only', () => 'cnc_'],
      ['other vendor', (p: string) => `ghp_${p.slice(4)}`],
      ['one character changed', (p: string) => `${p.slice(0, -1)}${p.endsWith('A') ? 'B' : 'A'}`],
      ['one character longer', (p: string) => `${p}A`],
      ['unknown', () => `cnc_${'A'.repeat(43)}`],
    ])('refuses a token that is %s', async (_, variant) => {
      const issued = await store.createToken('dana');
      expect(await store.findByToken(variant(issued.plaintext))).toBeUndefined();
    });

    test('a revoked token is refused, and revoking twice reports nothing to revoke', async () => {
      const issued = await store.createToken('dana');
      now += 1;
      const kept = await store.createToken('dana');
      expect(await store.revokeToken(issued.token.id)).toBe(true);
      expect(await store.findByToken(issued.plaintext)).toBeUndefined();
      expect(await store.revokeToken(issued.token.id)).toBe(false);
      expect(await store.findByToken(kept.plaintext)).toBeDefined();
      expect((await store.listTokens('dana')).map((token) => token.revokedAt !== undefined)).toEqual([true, false]);
    });

    test.each([
      [LAST_USED_RESOLUTION_MS, T0],
      [LAST_USED_RESOLUTION_MS + 1, T0 + LAST_USED_RESOLUTION_MS + 1],
    ])('a use %i ms after the last recorded one records last_used_at %i', async (later, expected) => {
      const issued = await store.createToken('dana');
      await store.findByToken(issued.plaintext);
      now = T0 + later;
      expect((await store.findByToken(issued.plaintext))?.token.lastUsedAt).toBe(new Date(expected).toISOString());
      const [stored] = await store.listTokens('dana');
      expect(stored?.lastUsedAt).toBe(new Date(expected).toISOString());
    });

    test('a token for an unknown principal is not-found', async () => {
      await expect(store.createToken('nobody')).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('"nobody"') });
    });

    test('a taken principal id is a conflict, the same on every dialect', async () => {
      await expect(store.createPrincipal({ id: 'dana', name: 'Another Dana', role: 'reader' })).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringContaining('"dana"'),
      });
    });

    test('lists principals by name with a total', async () => {
      await store.createPrincipal({ id: 'a', name: 'Ada', role: 'admin' });
      await store.createPrincipal({ name: 'Zoe', role: 'reader' });
      const page = await store.listPrincipals({ limit: 2 });
      expect(page.total).toBe(3);
      expect(page.items.map((p) => p.name)).toEqual(['Ada', 'Dana Fischer']);
      expect(await store.getPrincipal('a')).toMatchObject({ role: 'admin', namespaces: [] });
    });

    test('the database refuses a role outside admin, publisher, reader', async () => {
      const insert = sql`insert into principals (id, name, role, namespaces, created_at) values ('x', 'X', 'root', '[]', 'now')`;
      await expect(insert.execute(fresh.database.db)).rejects.toThrow();
      expect(await store.getPrincipal('x')).toBeUndefined();
    });
  });
});
