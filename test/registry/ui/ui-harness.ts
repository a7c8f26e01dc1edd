import request from 'supertest';
import type { Response } from 'supertest';
import { expect } from 'vitest';
import type { Harness } from '../http/registry-harness.js';
import { asAdmin } from '../http/registry-harness.js';
import { SESSION_COOKIE } from '../../../registry/ui/session.js';

/*
 * Helpers for the web UI's HTTP tests: requests as a browser on host `registry.test` would send
 * them (the same-origin check compares Origin with Host), and logging in for a session cookie.
 */

export const HOST = 'registry.test';
export const ORIGIN = `http://${HOST}`;

/** A GET as a browser sends it, with the session cookie when given. */
export function page(harness: Harness, path: string, cookie?: string) {
  const req = request(harness.registry.app).get(path).set('host', HOST).set('accept', 'text/html');
  return cookie === undefined ? req : req.set('cookie', cookie);
}

/** A form post from this registry's own page (or from `origin`; null sends no Origin), with the session cookie when given. */
export function post(harness: Harness, path: string, form: Readonly<Record<string, string>>, cookie?: string, origin: string | null = ORIGIN) {
  let req = request(harness.registry.app).post(path).set('host', HOST).type('form').send(form);
  if (origin !== null) req = req.set('origin', origin);
  return cookie === undefined ? req : req.set('cookie', cookie);
}

/** The `name=value` part of the session cookie a response sets. */
export function sessionCookie(response: Response): string {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const session = cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`) && !cookie.includes('Max-Age=0'));
  if (session === undefined) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return session.split(';', 1)[0]!;
}

/** Logs in with `token` through the form and returns the cookie to send. */
export async function logIn(harness: Harness, token: string): Promise<string> {
  const response = await post(harness, '/login', { token, next: '/' });
  expect(response.status).toBe(303);
  return sessionCookie(response);
}

/** Publishes a document through the API as the admin; fails the test unless it was published. */
export async function publish(harness: Harness, document: Record<string, unknown>): Promise<void> {
  const response = await request(harness.registry.app).post('/api/contracts').set(asAdmin).send(document);
  if (response.status !== 201) throw new Error(`publish failed: ${response.status} ${JSON.stringify(response.body)}`);
}
