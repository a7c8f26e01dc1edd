import { createHash, timingSafeEqual } from 'node:crypto';
import { ConcordError } from '../../contracts/index.js';
import type { ChangeStamp } from '../storage/change-stamp.js';
import { LAST_USED_RESOLUTION_MS } from '../storage/principal-store.js';
import type { Principal, PrincipalStore } from '../storage/principal-store.js';
import { createStampedCache } from '../storage/stamped-cache.js';

/** The principal that the bootstrapped admin token (generated or configured) acts as. */
export const ADMIN_PRINCIPAL_ID = 'admin';

/**
 * Shortest admin token accepted from configuration (`CONCORD_ADMIN_TOKEN`). 32 characters of a
 * random string carry far more than 128 bits, out of reach of guessing; anything shorter is
 * probably a placeholder like `changeme` that must not guard a registry.
 */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/**
 * Longest Authorization header value looked at. Concord tokens are 47 characters; 1,024 leaves room
 * for configured admin tokens while a megabyte-long header is refused before it is hashed.
 */
export const MAX_CREDENTIAL_LENGTH = 1_024;

/**
 * Most accepted tokens whose principals are kept in memory between requests. Each entry is a
 * digest and a small principal; ten thousand covers every token of a large organisation in well
 * under ten megabytes, while requests with many distinct tokens cannot grow the process.
 */
export const MAX_CACHED_TOKENS = 10_000;

/** What a request's credentials come to: nobody (no header), a principal, or a refusal. */
export type Authentication =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'principal';
      readonly principal: Principal;
      /** The stored token presented; absent for the configured admin token. */
      readonly tokenId?: string;
    }
  | { readonly kind: 'invalid'; readonly reason: string };

export interface Authenticator {
  /** Reads an `Authorization` header value (or its absence). */
  authenticate(header: string | undefined): Promise<Authentication>;
}

export interface AuthenticatorOptions {
  readonly principals: PrincipalStore;
  /** A configured admin token, accepted besides stored tokens; never stored itself. */
  readonly adminToken?: string;
  /**
   * The database's change stamp: with it, accepted tokens are remembered until anything is
   * committed (a revocation included), so a revoked token is refused on its next request. Without
   * it (the default) every request looks its token up.
   */
  readonly changeStamp?: ChangeStamp;
  /** Defaults to Date.now; when a remembered token's last use is due to be recorded (LAST_USED_RESOLUTION_MS). */
  readonly now?: () => number;
}

/** A stored token's principal and when the store last saw it used. */
interface Accepted {
  readonly principal: Principal;
  readonly tokenId: string;
  readonly seenAt: number;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Throws ConcordError `invalid-argument` when a configured admin token is too short to be safe. */
export function checkAdminToken(token: string): void {
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new ConcordError(
      'invalid-argument',
      `CONCORD_ADMIN_TOKEN is ${token.length} characters long: use at least ${MIN_ADMIN_TOKEN_LENGTH} random characters, or leave it unset to have one generated`,
    );
  }
}

/**
 * Authenticates bearer tokens against the principal store (hashed, compared in constant time there)
 * and, when configured, one admin token compared here by constant-time digest comparison.
 * Throws ConcordError `invalid-argument` for a configured admin token shorter than
 * {@link MIN_ADMIN_TOKEN_LENGTH}.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { principals } = options;
  if (options.adminToken !== undefined) checkAdminToken(options.adminToken);
  const adminDigest = options.adminToken === undefined ? undefined : digest(options.adminToken);
  const invalid = (reason: string): Authentication => ({ kind: 'invalid', reason });
  // The admin principal is created once by bootstrapAdmin and never changed through the API, so
  // it is read once rather than on every request made with the configured token.
  let admin: Principal | undefined;
  const now = options.now ?? Date.now;
  const cache = options.changeStamp === undefined ? undefined : createStampedCache<Accepted | undefined>(options.changeStamp, MAX_CACHED_TOKENS);
  const lookUp = async (token: string): Promise<Accepted | undefined> => {
    const found = await principals.findByToken(token);
    return found === undefined ? undefined : { principal: found.principal, tokenId: found.token.id, seenAt: now() };
  };
  const accepted = async (token: string, key: Buffer): Promise<Accepted | undefined> => {
    if (cache === undefined) return lookUp(token);
    const remembered = await cache.get(key.toString('base64'), () => lookUp(token));
    // Unknown tokens are remembered too, until the next commit (a new token is one). A known one
    // is asked for again once its last use is due to be recorded; that write changes the stamp.
    if (remembered !== undefined && remembered.seenAt + LAST_USED_RESOLUTION_MS < now()) return lookUp(token);
    return remembered;
  };

  return {
    async authenticate(header) {
      if (header === undefined || header === '') return { kind: 'anonymous' };
      if (header.length > MAX_CREDENTIAL_LENGTH) return invalid('the Authorization header is too long to hold a Concord token');
      const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
      if (match?.[1] === undefined) return invalid('send the token as "Authorization: Bearer <token>"');
      const token = match[1];
      const tokenDigest = digest(token);
      if (adminDigest !== undefined && timingSafeEqual(adminDigest, tokenDigest)) {
        admin ??= await principals.getPrincipal(ADMIN_PRINCIPAL_ID);
        if (admin !== undefined) return { kind: 'principal', principal: admin };
        return invalid('the admin principal does not exist yet: start the registry once so it is created');
      }
      const found = await accepted(token, tokenDigest);
      if (found === undefined) return invalid('the token is unknown or revoked: ask an admin for a new one');
      return { kind: 'principal', principal: found.principal, tokenId: found.tokenId };
    },
  };
}
