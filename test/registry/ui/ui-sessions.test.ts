import { createHash } from 'node:crypto';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { createSessionStore, SESSION_TTL_MS } from '../../../registry/storage/session-store.js';
import { LEGACY_TOKEN_COOKIE, SESSION_COOKIE } from '../../../registry/ui/session.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { ADMIN_TOKEN, asAdmin, useRegistry } from '../http/registry-harness.js';
import type { Harness } from '../http/registry-harness.js';
import { logIn, page, post } from './ui-harness.js';

/*
 * Web UI sessions are the registry's own: the cookie carries a random session id (only its hash
 * is stored), never the API token, and logout, token revocation and expiry each end the session
 * so that a captured cookie stops working.
 */

const START = Date.parse('2026-12-01T09:00:00.000Z');
let now = START;
const clock = () => new Date(now);

const cookieValueOf = (cookie: string): string => decodeURIComponent(cookie.slice(`${SESSION_COOKIE}=`.length));
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

async function sessionRows(harness: Harness) {
  return harness.database.database.db.selectFrom('ui_sessions').selectAll().orderBy('created_at').execute();
}

/** Whether the cookie still shows a logged-in page; a dead session redirects to the login page as expired. */
async function stillLoggedIn(harness: Harness, cookie: string): Promise<boolean> {
  const response = await page(harness, '/', cookie);
  if (response.status === 200) return true;
  expect(response.status).toBe(303);
  expect(response.headers['location']).toContain('notice=expired');
  return false;
}

describe.each(STORAGE_TARGETS)('web UI sessions on $dialect', (target) => {
  describe.skipIf(!target.available)('sessions of their own', () => {
    const harness = useRegistry(target.dialect, { clock });

    test('the cookie carries a session id, not the token, and only its hash is stored', async () => {
      now = START;
      const { token, principal } = await harness().token('reader');
      const cookie = await logIn(harness(), token);
      const id = cookieValueOf(cookie);
      expect(id).not.toBe(token);
      expect(id).not.toContain(token.slice(4));
      expect(id).toMatch(/^ses_[A-Za-z0-9_-]{43}$/);
      const rows = await sessionRows(harness());
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id_hash: sha256(id), principal_id: principal, expires_at: new Date(START + SESSION_TTL_MS).toISOString() });
      expect(JSON.stringify(rows)).not.toContain(id);
      expect(await stillLoggedIn(harness(), cookie)).toBe(true);
    });

    test('a token put in the cookie by hand is not a session', async () => {
      const { token } = await harness().token('reader');
      expect(await stillLoggedIn(harness(), `${SESSION_COOKIE}=${token}`)).toBe(false);
    });

    test('the cookie of earlier releases, which held the token itself, is ignored and expired', async () => {
      const { token } = await harness().token('reader');
      const response = await page(harness(), '/', `${LEGACY_TOKEN_COOKIE}=${token}`);
      expect(response.status).toBe(303);
      expect(([] as string[]).concat(response.headers['set-cookie'] ?? [])).toContainEqual(expect.stringMatching(new RegExp(`^${LEGACY_TOKEN_COOKIE}=; Max-Age=0;`)));
    });

    test.each([
      ['a stored token', async (h: Harness) => (await h.token('reader')).token],
      ['the configured admin token', async () => ADMIN_TOKEN],
    ])('after logout with %s, a captured cookie no longer works', async (_what, tokenOf) => {
      now = START;
      const token = await tokenOf(harness());
      const cookie = await logIn(harness(), token);
      const other = await logIn(harness(), token);
      expect(await stillLoggedIn(harness(), cookie)).toBe(true);
      expect((await post(harness(), '/logout', {}, cookie)).status).toBe(303);
      expect(await stillLoggedIn(harness(), cookie)).toBe(false);
      // Logging out ends that session only: the same principal's other browser stays logged in.
      expect(await stillLoggedIn(harness(), other)).toBe(true);
      expect(await sessionRows(harness())).toHaveLength(1);
    });

    test('revoking the token ends every session it started', async () => {
      now = START;
      const issued = await request(harness().registry.app).post('/api/tokens').set(asAdmin).send({ name: 'short lived', role: 'reader' });
      const first = await logIn(harness(), issued.body.token as string);
      const second = await logIn(harness(), issued.body.token as string);
      const admin = await logIn(harness(), ADMIN_TOKEN);
      expect((await request(harness().registry.app).delete(`/api/tokens/${issued.body.tokenId as string}`).set(asAdmin)).status).toBe(200);
      expect(await stillLoggedIn(harness(), first)).toBe(false);
      expect(await stillLoggedIn(harness(), second)).toBe(false);
      expect(await stillLoggedIn(harness(), admin)).toBe(true);
      expect((await sessionRows(harness())).map((row) => row.token_id)).toEqual([null]);
    });

    test('a start of the registry ends the configured admin token\'s sessions, which no stored token backs, and keeps the others', async () => {
      now = START;
      const { token } = await harness().token('reader');
      const reader = await logIn(harness(), token);
      const admin = await logIn(harness(), ADMIN_TOKEN);
      const ended = await createSessionStore(harness().database.database.db, { clock }).endConfiguredTokenSessions();
      expect(ended).toBe(1);
      expect(await stillLoggedIn(harness(), admin)).toBe(false);
      expect(await stillLoggedIn(harness(), reader)).toBe(true);
      expect((await sessionRows(harness())).every((row) => row.token_id !== null)).toBe(true);
    });

    test('a session ends when it expires, and expired sessions are pruned at the next login', async () => {
      now = START;
      const { token } = await harness().token('reader');
      const cookie = await logIn(harness(), token);
      now = START + SESSION_TTL_MS - 1;
      expect(await stillLoggedIn(harness(), cookie)).toBe(true);
      const unused = await logIn(harness(), token);
      now = START + SESSION_TTL_MS;
      expect(await stillLoggedIn(harness(), cookie)).toBe(false);
      expect(await sessionRows(harness())).toHaveLength(1);
      now = START + 2 * SESSION_TTL_MS;
      const fresh = await logIn(harness(), token);
      const rows = await sessionRows(harness());
      expect(rows.map((row) => row.id_hash)).toEqual([sha256(cookieValueOf(fresh))]);
      expect(await stillLoggedIn(harness(), unused)).toBe(false);
      expect(await stillLoggedIn(harness(), fresh)).toBe(true);
    });
  });
});
