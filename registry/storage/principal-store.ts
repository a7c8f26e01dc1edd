import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Selectable } from 'kysely';
import { systemClock, timestamp } from './clock.js';
import type { Clock } from './clock.js';
import { sha256Hex } from '../../contracts/index.js';
import { fromJsonText, toJsonText } from './json-text.js';
import { pageOf } from './paging.js';
import type { Page, PageRequest } from './paging.js';
import { mapStorageErrors } from './storage-errors.js';
import type { ApiTokensTable, Executor, PrincipalsTable } from './tables.js';
import type { Role } from '../../vocabulary/index.js';

/** Marks Concord tokens so secret scanners and people recognise them. */
export const TOKEN_PREFIX = 'cnc_';

/** Random bytes per token: 256 bits, beyond guessing, and what the sha-256 lookup key holds. */
export const TOKEN_BYTES = 32;

/**
 * Characters of a token kept for display (`cnc_` and the first 8 random ones): enough to tell
 * tokens apart, far too few to guess the rest.
 */
export const TOKEN_DISPLAY_LENGTH = TOKEN_PREFIX.length + 8;

/**
 * How stale `last_used_at` may get before a use updates it. Writing on every request would turn
 * each authenticated read into a write (and on SQLite take the write lock); a minute is precise
 * enough to tell a live token from an abandoned one.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;

const TOKEN_SHAPE = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{${Math.ceil((TOKEN_BYTES * 4) / 3)}}$`);

/*
 * Every role (the vocabulary's ROLES), from most to least rights: an admin may do anything; a
 * publisher publishes into its namespaces and manages what it owns; a consumer (an agent builder)
 * reads, registers consumers and pins them; a reader only reads.
 */
export { ROLES } from '../../vocabulary/index.js';
export type { Role } from '../../vocabulary/index.js';

export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** Namespaces a publisher may publish into. */
  readonly namespaces: readonly string[];
  readonly createdAt: string;
}

export interface NewPrincipal {
  /** Defaults to a random UUID. */
  readonly id?: string;
  readonly name: string;
  readonly role: Role;
  /** Defaults to none. */
  readonly namespaces?: readonly string[];
}

export interface ApiToken {
  readonly id: string;
  readonly principalId: string;
  /** The token's first characters, for telling tokens apart in lists. */
  readonly prefix: string;
  readonly label?: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  readonly revokedAt?: string;
}

/** A new token: `plaintext` exists only in this value and is never stored or shown again. */
export interface IssuedToken {
  readonly token: ApiToken;
  readonly plaintext: string;
}

export interface Authenticated {
  readonly principal: Principal;
  readonly token: ApiToken;
}

export interface PrincipalStore {
  /** Throws ConcordError `conflict` when the id or the name is taken. */
  createPrincipal(input: NewPrincipal): Promise<Principal>;
  getPrincipal(id: string): Promise<Principal | undefined>;
  /**
   * The principal with exactly this name (names are unique, see migrations/0006-consumer-role.ts);
   * with `ignoreCase`, one whose name differs at most in (ASCII) letter case, for suggestions.
   */
  findPrincipalByName(name: string, options?: { readonly ignoreCase?: boolean }): Promise<Principal | undefined>;
  /** The names of the principals with these ids; unknown ids are left out. */
  namesOf(ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Principals by name. */
  listPrincipals(page?: PageRequest): Promise<Page<Principal>>;
  /** Issues a token for the principal; throws ConcordError `not-found` for an unknown principal. */
  createToken(principalId: string, options?: { readonly label?: string }): Promise<IssuedToken>;
  /** The principal a presented token belongs to; undefined for unknown, malformed or revoked tokens. */
  findByToken(plaintext: string): Promise<Authenticated | undefined>;
  /** Revokes a token; false when no unrevoked token has that id. */
  revokeToken(tokenId: string): Promise<boolean>;
  listTokens(principalId: string): Promise<readonly ApiToken[]>;
  /** Every token with its principal, newest first. */
  listAllTokens(page?: PageRequest): Promise<Page<ApiToken & { readonly principal: Principal }>>;
}

export interface PrincipalStoreOptions {
  /** Defaults to the system clock. */
  readonly clock?: Clock;
}

/** Compares two hex digests in time independent of where they differ. */
export function digestsMatch(expectedHex: string, actualHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  const actual = Buffer.from(actualHex, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Principals and their API tokens over `executor`. Only sha-256 hashes of tokens are stored. */
export function createPrincipalStore(executor: Executor, options: PrincipalStoreOptions = {}): PrincipalStore {
  const clock = options.clock ?? systemClock;
  return {
    async createPrincipal(input) {
      const row = {
        id: input.id ?? randomUUID(),
        name: input.name,
        role: input.role,
        namespaces: toJsonText(input.namespaces ?? []),
        created_at: timestamp(clock()),
      };
      await mapStorageErrors({ conflict: `a principal with the id "${row.id}" or the name "${row.name}" already exists: choose another name` }, () =>
        executor.insertInto('principals').values(row).execute(),
      );
      return toPrincipal(row);
    },

    async getPrincipal(id) {
      const row = await executor.selectFrom('principals').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toPrincipal(row);
    },

    async findPrincipalByName(name, lookup = {}) {
      const row = await executor
        .selectFrom('principals')
        .selectAll()
        .where((eb) => (lookup.ignoreCase === true ? eb(eb.fn('lower', ['name']), '=', name.toLowerCase()) : eb('name', '=', name)))
        .orderBy('created_at')
        .executeTakeFirst();
      return row === undefined ? undefined : toPrincipal(row);
    },

    async namesOf(ids) {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = await executor.selectFrom('principals').select(['id', 'name']).where('id', 'in', unique).execute();
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    async listPrincipals(page = {}) {
      const { limit, offset } = pageOf(page);
      const [rows, count] = await Promise.all([
        executor.selectFrom('principals').selectAll().orderBy('name').orderBy('id').limit(limit).offset(offset).execute(),
        executor.selectFrom('principals').select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toPrincipal), total: Number(count.total) };
    },

    async createToken(principalId, tokenOptions = {}) {
      const plaintext = TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
      const row = {
        id: randomUUID(),
        principal_id: principalId,
        token_hash: sha256Hex(plaintext),
        prefix: plaintext.slice(0, TOKEN_DISPLAY_LENGTH),
        label: tokenOptions.label ?? null,
        created_at: timestamp(clock()),
        last_used_at: null,
        revoked_at: null,
      };
      await mapStorageErrors(
        { missing: `principal "${principalId}" does not exist: create the principal before issuing it a token` },
        () => executor.insertInto('api_tokens').values(row).execute(),
      );
      return Object.freeze({ token: toToken(row), plaintext });
    },

    async findByToken(plaintext) {
      if (!TOKEN_SHAPE.test(plaintext)) return undefined;
      const presentedHash = sha256Hex(plaintext);
      const row = await executor
        .selectFrom('api_tokens')
        .innerJoin('principals', 'principals.id', 'api_tokens.principal_id')
        .selectAll('api_tokens')
        .select(ownerColumns)
        .where('api_tokens.token_hash', '=', presentedHash)
        .executeTakeFirst();
      // The index lookup finds the candidate; the final say is a constant-time comparison, so
      // acceptance never depends on a comparison that stops at the first differing byte.
      if (row === undefined || !digestsMatch(row.token_hash, presentedHash) || row.revoked_at !== null) return undefined;
      const now = clock();
      let lastUsedAt = row.last_used_at;
      if (lastUsedAt === null || Date.parse(lastUsedAt) + LAST_USED_RESOLUTION_MS < now.getTime()) {
        lastUsedAt = timestamp(now);
        await executor.updateTable('api_tokens').set({ last_used_at: lastUsedAt }).where('id', '=', row.id).execute();
      }
      return Object.freeze({
        principal: toPrincipal({
          id: row.principal_id,
          name: row.principal_name,
          role: row.principal_role,
          namespaces: row.principal_namespaces,
          created_at: row.principal_created_at,
        }),
        token: toToken({ ...row, last_used_at: lastUsedAt }),
      });
    },

    async revokeToken(tokenId) {
      const result = await executor
        .updateTable('api_tokens')
        .set({ revoked_at: timestamp(clock()) })
        .where('id', '=', tokenId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async listTokens(principalId) {
      const rows = await executor
        .selectFrom('api_tokens')
        .selectAll()
        .where('principal_id', '=', principalId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toToken);
    },

    async listAllTokens(page = {}) {
      const { limit, offset } = pageOf(page);
      const [rows, count] = await Promise.all([
        executor
          .selectFrom('api_tokens')
          .innerJoin('principals', 'principals.id', 'api_tokens.principal_id')
          .selectAll('api_tokens')
          .select(ownerColumns)
          .orderBy('api_tokens.created_at', 'desc')
          .orderBy('api_tokens.id')
          .limit(limit)
          .offset(offset)
          .execute(),
        executor.selectFrom('api_tokens').select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow(),
      ]);
      const items = rows.map((row) =>
        Object.freeze({
          ...toToken(row),
          principal: toPrincipal({ id: row.principal_id, name: row.principal_name, role: row.principal_role, namespaces: row.principal_namespaces, created_at: row.principal_created_at }),
        }),
      );
      return { items, total: Number(count.total) };
    },
  };
}

const ownerColumns = [
  'principals.name as principal_name',
  'principals.role as principal_role',
  'principals.namespaces as principal_namespaces',
  'principals.created_at as principal_created_at',
] as const;

function toPrincipal(row: Selectable<PrincipalsTable>): Principal {
  return Object.freeze({
    id: row.id,
    name: row.name,
    role: row.role as Role,
    namespaces: Object.freeze(fromJsonText<string[]>(row.namespaces, 'principals.namespaces')),
    createdAt: row.created_at,
  });
}

function toToken(row: Selectable<ApiTokensTable>): ApiToken {
  return Object.freeze({
    id: row.id,
    principalId: row.principal_id,
    prefix: row.prefix,
    ...(row.label === null ? {} : { label: row.label }),
    createdAt: row.created_at,
    ...(row.last_used_at === null ? {} : { lastUsedAt: row.last_used_at }),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  });
}
