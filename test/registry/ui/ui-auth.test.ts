import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { MAX_FORM_BYTES } from '../../../registry/ui/form-body.js';
import { MAX_BODY_BYTES } from '../../../registry/request/limits.js';
import { CONTENT_SECURITY_POLICY } from '../../../registry/ui/security-headers.js';
import { SESSION_COOKIE } from '../../../registry/ui/session.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { ADMIN_TOKEN, asAdmin, ordersDocument, useRegistry } from '../http/registry-harness.js';
import { HOST, logIn, ORIGIN, page, post, publish, sessionCookie } from './ui-harness.js';

describe.each(STORAGE_TARGETS)('web UI sessions and headers on $dialect', (target) => {
  describe.skipIf(!target.available)('a registry that needs a token to read', () => {
    const harness = useRegistry(target.dialect);

    test.each(['/', '/contracts/commerce.orders', '/contracts/commerce.orders/versions?from=1.0.0&to=1.0.0', '/contracts/commerce.orders/drift', '/metric-catalog', '/impact'])(
      'GET %s without a token redirects to the login page and back',
      async (path) => {
        const response = await page(harness(), path);
        expect(response.status).toBe(303);
        const location = new URL(response.headers['location'] as string, ORIGIN);
        expect(location.pathname).toBe('/login');
        expect(location.searchParams.get('next')).toBe(path);
        expect(location.searchParams.get('notice')).toBe('required');
      },
    );

    test('logging in sets an HttpOnly, SameSite=Strict session cookie that reads like the bearer token', async () => {
      await publish(harness(), ordersDocument('1.0.0'));
      const { token } = await harness().token('reader');
      const login = await post(harness(), '/login', { token, next: '/contracts/commerce.orders' });
      expect(login.status).toBe(303);
      expect(login.headers['location']).toBe('/contracts/commerce.orders');
      const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((each) => each.startsWith(`${SESSION_COOKIE}=`));
      expect(cookie).toMatch(/; Path=\/; HttpOnly; SameSite=Strict$/);
      expect(cookie).not.toMatch(/Secure/);

      const contract = await page(harness(), '/contracts/commerce.orders', sessionCookie(login));
      expect(contract.status).toBe(200);
      expect(contract.text).toContain('Dana Fischer');
      expect(contract.text).toContain('reader user');
      const viaHeader = await page(harness(), '/contracts/commerce.orders').set('authorization', `Bearer ${token}`);
      expect(viaHeader.status).toBe(200);
    });

    test('over https the session cookie is also Secure', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'concord-ui-tls-'));
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
      const server = createServer({ key: readFileSync(join(folder, 'key.pem')), cert: readFileSync(join(folder, 'cert.pem')) }, harness().registry.app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const response = await request(`https://127.0.0.1:${port}`).post('/login').disableTLSCerts().set({ host: HOST, origin: `https://${HOST}` }).type('form').send({ token: ADMIN_TOKEN, next: '/' });
        expect(response.status).toBe(303);
        expect(String(response.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+; Path=/; HttpOnly; SameSite=Strict; Secure$`));
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        rmSync(folder, { recursive: true, force: true });
      }
    });

    test.each([
      ['a wrong token', 'cct_wrong'],
      ['an empty token', ''],
      ['a token with a cookie separator', 'abc; other=1'],
    ])('logging in with %s answers 401 and sets no session', async (_label, token) => {
      const response = await post(harness(), '/login', { token, next: '/' });
      expect(response.status).toBe(401);
      expect(response.text).toContain('That token was not accepted');
      expect(([] as string[]).concat(response.headers['set-cookie'] ?? []).filter((each) => !each.includes('Max-Age=0'))).toEqual([]);
    });

    test('a revoked token in the cookie is cleared and the viewer asked to log in again', async () => {
      const issued = await request(harness().registry.app).post('/api/tokens').set(asAdmin).send({ name: 'short lived', role: 'reader' });
      const cookie = await logIn(harness(), issued.body.token as string);
      expect((await page(harness(), '/', cookie)).status).toBe(200);
      expect((await request(harness().registry.app).delete(`/api/tokens/${issued.body.tokenId as string}`).set(asAdmin)).status).toBe(200);
      const after = await page(harness(), '/', cookie);
      expect(after.status).toBe(303);
      expect(after.headers['location']).toContain('notice=expired');
      expect(([] as string[]).concat(after.headers['set-cookie'] ?? []).some((each) => each.startsWith(`${SESSION_COOKIE}=;`) && each.includes('Max-Age=0'))).toBe(true);
    });

    test('the cookie does not authenticate the JSON API, which stays bearer-only', async () => {
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      const api = await request(harness().registry.app).get('/api/contracts').set('cookie', cookie);
      expect(api.status).toBe(401);
    });

    test('logging out clears the cookie', async () => {
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      const response = await post(harness(), '/logout', {}, cookie);
      expect(response.status).toBe(303);
      expect(response.headers['location']).toBe('/login?notice=logged-out');
      expect(String(response.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict`));
    });

    test.each([
      ['no Origin and no Referer', null, undefined],
      ['another Origin', 'https://evil.example', undefined],
      ['an opaque Origin and another Referer', 'null', 'https://evil.example/page'],
      ['a lookalike host', `http://${HOST}.evil.example`, undefined],
    ])('form posts with %s are refused as cross-site', async (_label, origin, referer) => {
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      for (const [path, form] of [
        ['/login', { token: ADMIN_TOKEN, next: '/' }],
        ['/impact', { document: 'contract: commerce.orders' }],
        ['/logout', {}],
      ] as const) {
        let req = post(harness(), path, form, cookie, origin);
        if (referer !== undefined) req = req.set('referer', referer);
        const response = await req;
        expect(response.status, path).toBe(403);
        expect(response.text).toContain('this form post was refused');
        expect(response.headers['set-cookie']).toBeUndefined();
      }
    });

    test('a same-site Referer is accepted when the browser sent no Origin', async () => {
      const response = await post(harness(), '/login', { token: ADMIN_TOKEN, next: '/' }, undefined, null).set('referer', `${ORIGIN}/login`);
      expect(response.status).toBe(303);
    });

    test.each([
      ['required', 'Log in to read this registry.'],
      ['constructor', undefined],
      ['toString', undefined],
    ])('the login notice %s shows %j and nothing else', async (notice, text) => {
      const response = await page(harness(), `/login?notice=${notice}`);
      expect(response.status).toBe(200);
      if (text !== undefined) expect(response.text).toContain(text);
      else expect(response.text).not.toMatch(/class="notice/);
    });

    test('login never redirects off the site', async () => {
      const response = await post(harness(), '/login', { token: ADMIN_TOKEN, next: '//evil.example/' });
      expect(response.headers['location']).toBe('/');
    });

    test.each(['/login', '/ui-assets/concord.css', '/nowhere'])('%s carries the strict security headers', async (path) => {
      const response = await page(harness(), path);
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('same-origin');
    });

    test('pages link the assets by content hash, and the assets are served with long caching', async () => {
      const login = await page(harness(), '/login');
      const css = /href="(\/ui-assets\/concord\.css\?v=[0-9a-f]{16})"/.exec(login.text)?.[1];
      const js = /src="(\/ui-assets\/concord\.js\?v=[0-9a-f]{16})"/.exec(login.text)?.[1];
      expect(css).toBeDefined();
      expect(js).toBeDefined();
      const style = await page(harness(), css!);
      expect(style.status).toBe(200);
      expect(style.headers['content-type']).toMatch(/^text\/css/);
      expect(style.headers['cache-control']).toContain('immutable');
      expect((await page(harness(), js!)).headers['content-type']).toMatch(/^text\/javascript/);
      expect((await page(harness(), '/ui-assets/concord.css?v=old')).headers['cache-control']).toBe('no-cache');
      expect((await page(harness(), '/ui-assets/secret.txt')).status).toBe(404);
      expect(login.text).not.toMatch(/<script>|style="/);
    });

    test('unknown pages get an HTML 404 while the API keeps answering JSON', async () => {
      const missing = await page(harness(), '/nowhere');
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^text\/html/);
      const api = await request(harness().registry.app).get('/api/nowhere').set(asAdmin);
      expect(api.status).toBe(404);
      expect(api.body.error.code).toBe('not-found');
    });

    test(`a form over MAX_FORM_BYTES (${MAX_FORM_BYTES}) is refused with 413 before it is parsed`, async () => {
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      const prefix = 'document=';
      const raw = (body: string) => request(harness().registry.app).post('/impact').set({ host: HOST, origin: ORIGIN, cookie }).type('form').send(body);
      const atLimit = await raw(`${prefix}${'a'.repeat(MAX_FORM_BYTES - prefix.length)}`);
      expect(atLimit.status).toBe(413);
      expect(atLimit.text).toContain(`the document is larger than ${MAX_BODY_BYTES} bytes`);
      const over = await raw(`${prefix}${'a'.repeat(MAX_FORM_BYTES - prefix.length + 1)}`);
      expect(over.status).toBe(413);
      expect(over.text).toContain('the form is larger than the registry accepts');
    });

    test(`a pasted document over MAX_BODY_BYTES (${MAX_BODY_BYTES}) is refused with 413`, async () => {
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      const over = await post(harness(), '/impact', { document: 'a'.repeat(MAX_BODY_BYTES + 1) }, cookie);
      expect(over.status).toBe(413);
      expect(over.text).toContain(`larger than ${MAX_BODY_BYTES} bytes`);
      const head = '{"contract": "commerce.orders", "pad": "';
      const at = await post(harness(), '/impact', { document: `${head}${'a'.repeat(MAX_BODY_BYTES - head.length - 2)}"}` }, cookie);
      expect(at.status).toBe(422);
    });
  });

  describe.skipIf(!target.available)('a public-read registry', () => {
    const harness = useRegistry(target.dialect, { publicRead: true });

    test('pages need no login, and the login page still works', async () => {
      await publish(harness(), ordersDocument('1.0.0'));
      const catalog = await page(harness(), '/');
      expect(catalog.status).toBe(200);
      expect(catalog.text).toContain('commerce.orders');
      expect(catalog.text).toContain('Log in');
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      expect((await page(harness(), '/', cookie)).text).toContain('Registry admin');
    });
  });
});
