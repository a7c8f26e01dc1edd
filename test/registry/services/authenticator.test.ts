import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ADMIN_PRINCIPAL_ID, createAuthenticator, MAX_CREDENTIAL_LENGTH, MIN_ADMIN_TOKEN_LENGTH } from '../../../registry/auth/authenticator.js';
import { bootstrapAdmin } from '../../../registry/auth/bootstrap-admin.js';
import { migrateToLatest } from '../../../registry/storage/migrate.js';
import { openDatabase } from '../../../registry/storage/open-database.js';
import type { Database } from '../../../registry/storage/open-database.js';
import { createPrincipalStore } from '../../../registry/storage/principal-store.js';
import type { PrincipalStore } from '../../../registry/storage/principal-store.js';

const CONFIGURED = 'c'.repeat(MIN_ADMIN_TOKEN_LENGTH);

describe('authentication and the admin bootstrap', () => {
  let database: Database;
  let principals: PrincipalStore;

  beforeEach(async () => {
    database = await openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(database.db);
    principals = createPrincipalStore(database.db);
  });
  afterEach(() => database.close());

  test('a generated admin token is issued once, works, and is not issued again', async () => {
    const first = await bootstrapAdmin(principals);
    expect(first.generatedToken).toMatch(/^cnc_/);
    expect((await bootstrapAdmin(principals)).generatedToken).toBeUndefined();
    const authentication = await createAuthenticator({ principals }).authenticate(`Bearer ${first.generatedToken ?? ''}`);
    expect(authentication).toMatchObject({ kind: 'principal', principal: { id: ADMIN_PRINCIPAL_ID, role: 'admin' } });
  });

  test('when every admin token was revoked, a new one is issued', async () => {
    await bootstrapAdmin(principals);
    for (const token of await principals.listTokens(ADMIN_PRINCIPAL_ID)) await principals.revokeToken(token.id);
    expect((await bootstrapAdmin(principals)).generatedToken).toMatch(/^cnc_/);
  });

  test('a configured admin token is accepted, never stored, and nothing is generated', async () => {
    expect(await bootstrapAdmin(principals, { adminToken: CONFIGURED })).toEqual({});
    expect(await principals.listTokens(ADMIN_PRINCIPAL_ID)).toEqual([]);
    const authenticator = createAuthenticator({ principals, adminToken: CONFIGURED });
    expect(await authenticator.authenticate(`Bearer ${CONFIGURED}`)).toMatchObject({ kind: 'principal', principal: { id: ADMIN_PRINCIPAL_ID } });
    expect((await authenticator.authenticate(`Bearer ${CONFIGURED}x`)).kind).toBe('invalid');
  });

  test(`a configured admin token one character shorter than ${MIN_ADMIN_TOKEN_LENGTH} is refused`, async () => {
    const short = 'c'.repeat(MIN_ADMIN_TOKEN_LENGTH - 1);
    await expect(bootstrapAdmin(principals, { adminToken: short })).rejects.toThrow(/at least 32/);
    expect(() => createAuthenticator({ principals, adminToken: short })).toThrow(/at least 32/);
  });

  test.each([
    [undefined, 'anonymous'],
    ['', 'anonymous'],
    ['Bearer', 'invalid'],
    ['Basic dXNlcjpwYXNz', 'invalid'],
    ['Bearer cnc_unknown', 'invalid'],
    [`Bearer ${'x'.repeat(MAX_CREDENTIAL_LENGTH)}`, 'invalid'],
  ])('the header %j authenticates as %s', async (header, kind) => {
    expect((await createAuthenticator({ principals }).authenticate(header)).kind).toBe(kind);
  });

  test(`a configured token of ${MAX_CREDENTIAL_LENGTH} header characters is read; one more is refused unread`, async () => {
    const exact = 't'.repeat(MAX_CREDENTIAL_LENGTH - 'Bearer '.length);
    await bootstrapAdmin(principals, { adminToken: exact });
    const authenticator = createAuthenticator({ principals, adminToken: exact });
    expect((await authenticator.authenticate(`Bearer ${exact}`)).kind).toBe('principal');
    expect(await authenticator.authenticate(`Bearer ${exact}t`)).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/too long/) });
  });
});
