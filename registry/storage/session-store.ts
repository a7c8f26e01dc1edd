import { randomBytes } from 'node:crypto';
import { systemClock, timestamp } from './clock.js';
import type { Clock } from './clock.js';
import { sha256Hex } from '../../contracts/index.js';
import type { Executor } from './tables.js';

/**
 * How long a web UI session lasts from login. A working day: long enough not to interrupt
 * someone reading the registry, short enough that a forgotten browser does not stay logged in
 * for weeks. Sessions do not slide; logging in again starts a new one.
 */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Random bytes per session id: 256 bits, beyond guessing. */
export const SESSION_ID_BYTES = 32;

/** Marks session ids so they are never mistaken for API tokens (`cnc_`), in logs or by people. */
export const SESSION_ID_PREFIX = 'ses_';

const SESSION_ID_SHAPE = new RegExp(`^${SESSION_ID_PREFIX}[A-Za-z0-9_-]{${Math.ceil((SESSION_ID_BYTES * 4) / 3)}}$`);

export interface NewSession {
  readonly principalId: string;
  /** The stored token that logged in; absent for the configured admin token. */
  readonly tokenId?: string;
}

export interface SessionStore {
  /** Starts a session and returns its id, which exists only in the answer (the cookie): only its hash is stored. Prunes expired sessions first. */
  create(input: NewSession): Promise<string>;
  /** The principal id of a live session: undefined for an unknown, malformed or expired id, or one whose token was revoked (such rows are deleted). */
  find(id: string): Promise<string | undefined>;
  /** Ends a session (logout); false when there was none. */
  end(id: string): Promise<boolean>;
  /** Deletes expired sessions and those of revoked tokens; returns how many went. */
  prune(): Promise<number>;
  /**
   * Ends every session started with the configured admin token (those without a stored token).
   * That token lives only in the configuration, so `serve` calls this at start: a session never
   * outlives the token that opened it, and after a rotation the old token's browsers log in again.
   * Returns how many ended.
   */
  endConfiguredTokenSessions(): Promise<number>;
}

/** Web UI sessions over `executor`, timed by `clock` (default the system clock). */
export function createSessionStore(executor: Executor, options: { readonly clock?: Clock } = {}): SessionStore {
  const clock = options.clock ?? systemClock;
  const hashOf = (id: string): string | undefined => (SESSION_ID_SHAPE.test(id) ? sha256Hex(id) : undefined);
  const store: SessionStore = {
    async create(input) {
      await store.prune();
      const id = SESSION_ID_PREFIX + randomBytes(SESSION_ID_BYTES).toString('base64url');
      const now = clock();
      await executor
        .insertInto('ui_sessions')
        .values({
          id_hash: sha256Hex(id),
          principal_id: input.principalId,
          token_id: input.tokenId ?? null,
          created_at: timestamp(now),
          expires_at: timestamp(new Date(now.getTime() + SESSION_TTL_MS)),
        })
        .execute();
      return id;
    },

    async find(id) {
      const hash = hashOf(id);
      if (hash === undefined) return undefined;
      const row = await executor
        .selectFrom('ui_sessions')
        .leftJoin('api_tokens', 'api_tokens.id', 'ui_sessions.token_id')
        .select(['ui_sessions.principal_id', 'ui_sessions.expires_at', 'ui_sessions.token_id', 'api_tokens.revoked_at'])
        .where('ui_sessions.id_hash', '=', hash)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      if (row.expires_at <= timestamp(clock()) || (row.token_id !== null && row.revoked_at !== null)) {
        await executor.deleteFrom('ui_sessions').where('id_hash', '=', hash).execute();
        return undefined;
      }
      return row.principal_id;
    },

    async end(id) {
      const hash = hashOf(id);
      if (hash === undefined) return false;
      const result = await executor.deleteFrom('ui_sessions').where('id_hash', '=', hash).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async prune() {
      const expired = await executor.deleteFrom('ui_sessions').where('expires_at', '<=', timestamp(clock())).executeTakeFirst();
      const revoked = await executor
        .deleteFrom('ui_sessions')
        .where('token_id', 'in', (eb) => eb.selectFrom('api_tokens').select('id').where('revoked_at', 'is not', null))
        .executeTakeFirst();
      return Number(expired.numDeletedRows + revoked.numDeletedRows);
    },

    async endConfiguredTokenSessions() {
      const ended = await executor.deleteFrom('ui_sessions').where('token_id', 'is', null).executeTakeFirst();
      return Number(ended.numDeletedRows);
    },
  };
  return store;
}
