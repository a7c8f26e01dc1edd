import { afterEach, describe, expect, test } from 'vitest';
import { isConcordError } from '../../../contracts/errors.js';
import { createSource } from '../../../checker/sources/index.js';
import { readAll } from './read-all.js';
import { sendJson, startLoopback, type Loopback } from './loopback-server.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOKEN = 'secret-token-value-123';
const env = { ORDERS_API_TOKEN: TOKEN, ORDERS_API_KEY: 'key-value-456' };
const http = (fields: Record<string, unknown>) => createSource({ name: 'orders-api', type: 'http', backoffMs: 1, ...fields } as never, env);
const ids = (records: unknown[]): number[] => records.map((r) => (r as { id: number }).id);
const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

describe('pagination', () => {
  test('by page number, until an empty page', async () => {
    server = await startLoopback((req, res) => {
      const page = Number(new URL(req.url ?? '', 'http://x').searchParams.get('p'));
      sendJson(res, { data: page <= 3 ? rows((page - 1) * 2, 2) : [] });
    });
    const source = http({ url: `${server.url}/orders`, records: '/data', pagination: { type: 'page', param: 'p', sizeParam: 'per_page', size: 2 } });
    const { records } = await readAll(source);
    expect(ids(records)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(server.requests.map((r) => r.url)).toEqual(['/orders?p=1&per_page=2', '/orders?p=2&per_page=2', '/orders?p=3&per_page=2', '/orders?p=4&per_page=2']);
  });

  test('by cursor, with the next cursor after the records in the body', async () => {
    const pages: Record<string, unknown> = {
      '': { items: rows(0, 2), meta: { next: 'b' } },
      b: { items: rows(2, 2), meta: { next: 'c' } },
      c: { items: rows(4, 1), meta: { next: null } },
    };
    server = await startLoopback((req, res) => sendJson(res, pages[new URL(req.url ?? '', 'http://x').searchParams.get('after') ?? '']));
    const source = http({ url: `${server.url}/o?x=1`, records: '/items', pagination: { type: 'cursor', param: 'after', next: '/meta/next' } });
    expect(ids((await readAll(source)).records)).toEqual([0, 1, 2, 3, 4]);
    expect(server.requests.map((r) => r.url)).toEqual(['/o?x=1', '/o?x=1&after=b', '/o?x=1&after=c']);
  });

  test('by the Link header rel="next"', async () => {
    server = await startLoopback((req, res) => {
      const page = Number(new URL(req.url ?? '', 'http://x').searchParams.get('page') ?? '1');
      const link = page < 3 ? `</list?page=${page + 1}>; rel="next", </list?page=3>; rel="last"` : '</list?page=1>; rel="first"';
      sendJson(res, rows(page * 10, 1), { link });
    });
    const { records } = await readAll(http({ url: `${server.url}/list`, pagination: { type: 'link' } }));
    expect(ids(records)).toEqual([10, 20, 30]);
  });

  test('a next link to another origin is refused, so credentials never leave the API', async () => {
    server = await startLoopback((_req, res) => sendJson(res, rows(0, 1), { link: '<http://127.0.0.2:1/steal>; rel="next"' }));
    const error = await readAll(http({ url: server.url, pagination: { type: 'link' }, tokenEnv: 'ORDERS_API_TOKEN' })).catch((e: unknown) => e);
    expect(isConcordError(error) && error.code).toBe('source-unavailable');
    expect((error as Error).message).toContain('another origin');
  });

  test('the limit stops fetching pages', async () => {
    server = await startLoopback((req, res) => sendJson(res, { data: rows(0, 5) }));
    const { records } = await readAll(http({ url: server.url, records: '/data', pagination: { type: 'page', param: 'page' } }), { limit: 7 });
    expect(records).toHaveLength(7);
    expect(server.requests).toHaveLength(2);
  });

  test('maxPages pages are read and no more, with an oversized issue', async () => {
    server = await startLoopback((_req, res) => sendJson(res, { data: rows(0, 1) }));
    const { records, issues } = await readAll(http({ url: server.url, records: '/data', pagination: { type: 'page', param: 'page' }, maxPages: 3 }));
    expect(records).toHaveLength(3);
    expect(server.requests).toHaveLength(3);
    expect(issues).toEqual([expect.objectContaining({ kind: 'oversized', message: expect.stringContaining('3 pages') })]);
  });
});

describe('credentials', () => {
  test('the bearer token and header values come from the environment and never show in the description', async () => {
    server = await startLoopback((_req, res) => sendJson(res, []));
    const source = http({ url: `${server.url}/o?api_key=abc`, tokenEnv: 'ORDERS_API_TOKEN', headersEnv: { 'X-Api-Key': 'ORDERS_API_KEY' }, headers: { 'X-Team': 'data' } });
    await readAll(source);
    const headers = server.requests[0]?.headers;
    expect(headers?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(headers?.['x-api-key']).toBe('key-value-456');
    expect(headers?.['x-team']).toBe('data');
    expect(source.description).toBe(`http ${server.url}/o?api_key=***`);
  });

  test('401 is source-unavailable naming the variable to check, never its value', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(401);
      res.end();
    });
    const error = await readAll(http({ url: server.url, tokenEnv: 'ORDERS_API_TOKEN' })).catch((e: unknown) => e);
    expect(isConcordError(error) && error.code).toBe('source-unavailable');
    expect((error as Error).message).toContain('ORDERS_API_TOKEN');
    expect((error as Error).message).not.toContain(TOKEN);
    expect(server.requests).toHaveLength(1);
  });
});

describe('faults', () => {
  test('429 then success: the page is retried after Retry-After and a retry issue', async () => {
    server = await startLoopback((_req, res, n) => {
      if (n === 1) {
        res.writeHead(429, { 'retry-after': '0' });
        res.end();
      } else sendJson(res, rows(0, 2));
    });
    const { records, issues } = await readAll(http({ url: server.url }));
    expect(ids(records)).toEqual([0, 1]);
    expect(issues).toEqual([expect.objectContaining({ kind: 'retry', location: `GET ${server.url}/`, message: expect.stringContaining('HTTP 429') })]);
  });

  test('5xx on every attempt fails after the retries', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const issues: unknown[] = [];
    const error = await readAll(http({ url: server.url, retries: 2 }), { onIssue: (i) => issues.push(i) }).catch((e: unknown) => e);
    expect(isConcordError(error) && error.code).toBe('source-unavailable');
    expect((error as Error).message).toContain('after 3 attempts (HTTP 503)');
    expect(server.requests).toHaveLength(3);
  });

  test('a server that never answers times out per request', async () => {
    server = await startLoopback(() => undefined);
    const started = Date.now();
    const error = await readAll(http({ url: server.url, timeoutMs: 200, retries: 1 })).catch((e: unknown) => e);
    expect(isConcordError(error) && error.code).toBe('source-unavailable');
    expect((error as Error).message).toContain('no complete answer within 200 ms');
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a server that dies mid-body: the records before the break arrive, then a clear error', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"data":[${rows(0, 50).map((r) => JSON.stringify(r)).join(',')},`);
      setTimeout(() => res.socket?.destroy(), 50);
    });
    const records: unknown[] = [];
    const error = await (async () => {
      for await (const record of http({ url: server?.url, records: '/data' }).open()) records.push(record);
    })().catch((e: unknown) => e);
    expect(records).toHaveLength(50);
    expect(isConcordError(error) && error.code).toBe('source-unavailable');
    expect((error as Error).message).toContain('after 50 records');
  });

  test('a body that dies before any record is retried', async () => {
    server = await startLoopback((_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"da');
        setTimeout(() => res.socket?.destroy(), 20);
      } else sendJson(res, { data: rows(0, 1) });
    });
    const { records, issues } = await readAll(http({ url: server.url, records: '/data' }));
    expect(records).toHaveLength(1);
    expect(issues.map((i) => i.kind)).toEqual(['retry']);
  });

  test('a body without the records array is source-unavailable naming the pointer', async () => {
    server = await startLoopback((_req, res) => sendJson(res, { items: [] }));
    await expect(readAll(http({ url: server.url, records: '/data' }))).rejects.toMatchObject({
      code: 'source-unavailable',
      message: expect.stringContaining('/data'),
    });
  });

  test('malformed and oversized elements are issues, not faults', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":[{"id":1},{"id":},{"id":3}]}');
    });
    const { records, issues } = await readAll(http({ url: server.url, records: '/data' }));
    expect(ids(records)).toEqual([1, 3]);
    expect(issues).toEqual([expect.objectContaining({ kind: 'malformed', location: `GET ${server.url}/#/data/1` })]);
  });
});

describe('byte cap', () => {
  const body = JSON.stringify(rows(0, 100));

  test('a feed of exactly maxBytes is read whole', async () => {
    server = await startLoopback((_req, res) => sendJson(res, rows(0, 100)));
    const { records, issues } = await readAll(http({ url: server.url, maxBytes: Buffer.byteLength(body) }));
    expect(records).toHaveLength(100);
    expect(issues).toEqual([]);
  });

  test('one byte over maxBytes stops the read with an oversized issue', async () => {
    server = await startLoopback((_req, res) => sendJson(res, rows(0, 100)));
    const { records, issues } = await readAll(http({ url: server.url, maxBytes: Buffer.byteLength(body) - 1 }));
    // The cut falls on the closing "]": every element is complete, but the read says it stopped at the cap.
    expect(records).toHaveLength(100);
    expect(issues).toEqual([expect.objectContaining({ kind: 'oversized', message: expect.stringContaining(`${Buffer.byteLength(body) - 1} bytes`) })]);
  });
});

describe('stopping', () => {
  test('aborting while a request is waiting ends the read quietly and promptly', async () => {
    server = await startLoopback(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const { records } = await readAll(http({ url: server.url }), { signal: controller.signal });
    expect(records).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('leaving the loop early closes the connection', async () => {
    let closed = false;
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`[${rows(0, 10).map((r) => JSON.stringify(r)).join(',')},`);
      res.on('close', () => {
        closed = true;
      });
    });
    const { records } = await readAll(http({ url: server.url }), {}, 3);
    expect(records).toHaveLength(3);
    await expect.poll(() => closed, { timeout: 5_000 }).toBe(true);
  });
});
