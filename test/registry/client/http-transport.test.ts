import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { ConcordError } from '../../../contracts/errors.js';
import { createTransport, MAX_IDEMPOTENT_RETRIES } from '../../../registry/client/http-transport.js';
import type { HttpMethod } from '../../../registry/client/http-transport.js';
import { json, startScriptedServer } from './scripted-server.js';
import type { Reply, ScriptedServer } from './scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...replies: Reply[]): Promise<ScriptedServer> {
  server = await startScriptedServer(replies);
  return server;
}

async function failureOf(promise: Promise<unknown>): Promise<ConcordError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConcordError);
  return error as ConcordError;
}

/** A port on which nothing listens: taken, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('requests', () => {
  test('sends the bearer token, JSON bodies and query parameters, and parses JSON answers', async () => {
    const { url, seen } = await serve(json(201, { ok: true }));
    const transport = createTransport({ baseUrl: `${url}/`, token: 'cnc_secret' });
    const answer = await transport.request({ method: 'POST', path: '/api/x', query: { a: 'b c', skip: undefined, n: 2 }, body: { k: 1 } });
    expect(answer).toEqual({ status: 201, body: { ok: true } });
    expect(seen[0]?.url).toBe('/api/x?a=b+c&n=2');
    expect(seen[0]?.headers.authorization).toBe('Bearer cnc_secret');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ k: 1 });
  });

  test('sends string bodies as they are, with the given content type, and no token when none is set', async () => {
    const { url, seen } = await serve(json(200, {}));
    await createTransport({ baseUrl: url }).request({ method: 'POST', path: '/p', body: 'a: 1\n', contentType: 'application/yaml' });
    expect(seen[0]?.body).toBe('a: 1\n');
    expect(seen[0]?.headers['content-type']).toBe('application/yaml');
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  test.each(['not a url', 'ftp://127.0.0.1/'])('refuses the base URL %s', (baseUrl) => {
    expect(() => createTransport({ baseUrl })).toThrow(/registry URL/);
  });

  test.each([0, -1, Number.NaN])('refuses the timeout %s', (timeoutMs) => {
    expect(() => createTransport({ baseUrl: 'http://127.0.0.1:1', timeoutMs })).toThrow(/timeout/);
  });
});

describe('error answers become ConcordErrors with what the registry said', () => {
  const findings = [{ rule: 'required-field-removed', severity: 'breaking', path: '/properties/customer_id', message: 'gone' }];
  test.each([
    { status: 409, code: 'breaking-change', expected: 'breaking-change' },
    { status: 409, code: 'conflict', expected: 'conflict' },
    { status: 422, code: 'invalid-contract', expected: 'invalid-contract' },
    { status: 401, code: 'unauthorized', expected: 'unauthorized' },
    { status: 409, code: 'some-future-code', expected: 'conflict' },
    { status: 418, code: 'teapot', expected: 'internal' },
  ])('HTTP $status $code → $expected', async ({ status, code, expected }) => {
    const { url } = await serve(json(status, { error: { code, message: `registry says ${code}`, findings } }));
    const error = await failureOf(createTransport({ baseUrl: url }).request({ method: 'POST', path: '/api/contracts', body: {} }));
    expect(error.code).toBe(expected);
    expect(error.message).toBe(`registry says ${code}`);
    expect(error.detail.remote).toEqual({ status, code, findings });
  });

  test('where in the body the problem is comes along', async () => {
    const { url } = await serve(json(413, { error: { code: 'too-large', message: 'schema too large', pointer: '/schema', line: 3, column: 9 } }));
    const error = await failureOf(createTransport({ baseUrl: url }).request({ method: 'POST', path: '/api/contracts', body: 'x' }));
    expect(error.code).toBe('too-large');
    expect(error.detail).toMatchObject({ pointer: '/schema', line: 3, column: 9 });
  });

  test('an answer without the error shape names the status and what to check', async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>nope</h1>');
    });
    const error = await failureOf(createTransport({ baseUrl: url }).request({ method: 'GET', path: '/api/health' }));
    expect(error.code).toBe('not-found');
    expect(error.message).toMatch(/HTTP 404 .*Concord registry/);
  });

  test('a success answer that is not JSON is refused', async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<h1>a web page</h1>');
    });
    const error = await failureOf(createTransport({ baseUrl: url }).request({ method: 'GET', path: '/api/health' }));
    expect(error.detail.remote?.code).toBe('not-json');
  });
});

describe('timeouts and retries', () => {
  test('a request slower than the timeout fails as a timeout and is not repeated', async () => {
    const { url, seen } = await serve((_request, response) => {
      setTimeout(() => json(200, {})(_request, response), 300);
    });
    const error = await failureOf(createTransport({ baseUrl: url, timeoutMs: 50 }).request({ method: 'GET', path: '/slow' }));
    expect(error.detail.remote?.code).toBe('timeout');
    expect(error.message).toMatch(/within 50 ms/);
    expect(seen).toHaveLength(1);
  });

  test('an unreachable registry fails naming the URL and what to check', async () => {
    const port = await closedPort();
    const error = await failureOf(createTransport({ baseUrl: `http://127.0.0.1:${port}` }).request({ method: 'POST', path: '/api/contracts', body: {} }));
    expect(error.detail.remote?.code).toBe('unreachable');
    expect(error.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*ECONNREFUSED.*CONCORD_URL`));
  });

  test.each<{ method: HttpMethod; tries: number }>([
    { method: 'GET', tries: MAX_IDEMPOTENT_RETRIES + 1 },
    { method: 'PUT', tries: MAX_IDEMPOTENT_RETRIES + 1 },
    { method: 'DELETE', tries: MAX_IDEMPOTENT_RETRIES + 1 },
    { method: 'POST', tries: 1 },
  ])('$method is tried $tries times against a registry that keeps answering 503', async ({ method, tries }) => {
    const { url, seen } = await serve(json(503, { error: { code: 'internal', message: 'restarting' } }));
    const error = await failureOf(createTransport({ baseUrl: url }).request({ method, path: '/api/x' }));
    expect(error.detail.remote?.status).toBe(503);
    expect(seen).toHaveLength(tries);
  });

  test(`a GET succeeds when the registry recovers within ${MAX_IDEMPOTENT_RETRIES} retries`, async () => {
    const failures = Array.from({ length: MAX_IDEMPOTENT_RETRIES }, () => json(502, {}));
    const { url, seen } = await serve(...failures, json(200, { status: 'ok' }));
    const answer = await createTransport({ baseUrl: url }).request({ method: 'GET', path: '/api/health' });
    expect(answer.body).toEqual({ status: 'ok' });
    expect(seen).toHaveLength(MAX_IDEMPOTENT_RETRIES + 1);
  });

  test('a client error is not repeated', async () => {
    const { url, seen } = await serve(json(404, { error: { code: 'not-found', message: 'no such contract' } }));
    await failureOf(createTransport({ baseUrl: url }).request({ method: 'GET', path: '/api/contracts/a.b' }));
    expect(seen).toHaveLength(1);
  });
});
