import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MAX_BODY_BYTES } from '../../../registry/request/limits.js';
import { MAX_SCHEMA_BYTES } from '../../../registry/services/contract-body.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { ADMIN_TOKEN, asAdmin, ordersDocument, useRegistry } from './registry-harness.js';

const DEEP = 10_000;
const FIFTY_MB = 50 * 1024 * 1024;

function withSchema(schema: object): Record<string, unknown> {
  return ordersDocument('1.0.0', { schema, metrics: [] });
}

/** A document whose JSON text is exactly `bytes` long, padded with trailing spaces. */
function jsonOfLength(document: object, bytes: number): string {
  const text = JSON.stringify(document);
  if (text.length > bytes) throw new Error('document too long to pad');
  return text + ' '.repeat(bytes - text.length);
}

/** A schema whose JSON is exactly `bytes` long. */
function schemaOfLength(bytes: number): object {
  const empty = JSON.stringify({ type: 'object', description: '' }).length;
  return { type: 'object', description: 'x'.repeat(bytes - empty) };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** Sends a huge body in 64 KiB chunks and reports the answer and how much was sent before it came. */
function streamHugeBody(port: number, declareLength: boolean): Promise<{ status: number; sentBeforeAnswer: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/contracts',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...(declareLength ? { 'content-length': FIFTY_MB } : {}) },
      },
      (response) => {
        answered = true;
        const status = response.statusCode ?? 0;
        const sentBeforeAnswer = sent;
        response.resume();
        outgoing.destroy();
        resolve({ status, sentBeforeAnswer });
      },
    );
    outgoing.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = (): void => {
      while (!answered && sent < FIFTY_MB) {
        sent += chunk.length;
        if (!outgoing.write(chunk)) {
          outgoing.once('drain', pump);
          return;
        }
      }
      if (!answered) outgoing.end();
    };
    pump();
  });
}

describe.each(STORAGE_TARGETS)('bad input over HTTP on $dialect', (target) => {
  describe.skipIf(!target.available)('every bad body gets its 4xx and leaves the store unchanged', () => {
    const harness = useRegistry(target.dialect);
    const app = () => harness().registry.app;
    let listener: Server;
    let listenerPort: number;
    let listenerHits: number;

    beforeEach(async () => {
      listenerHits = 0;
      listener = createServer((_req, res) => {
        listenerHits += 1;
        res.end('{"type":"object"}');
      });
      listenerPort = await listen(listener);
      await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0', { contract: 'commerce.seed' }));
    });
    afterEach(() => new Promise<void>((resolve) => listener.close(() => resolve())));

    const cases: readonly (readonly [string, () => { type: string; body: string }, number, string])[] = [
      ['malformed JSON', () => ({ type: 'application/json', body: '{"contract": "commerce.orders", ' }), 400, 'unreadable-input'],
      ['malformed YAML', () => ({ type: 'application/yaml', body: 'contract: commerce.orders\n  version: [1.0.0\n' }), 400, 'unreadable-input'],
      ['an unaccepted content type', () => ({ type: 'application/xml', body: '<contract/>' }), 400, 'unreadable-input'],
      ['an invalid record schema', () => ({ type: 'application/json', body: JSON.stringify(withSchema({ type: 'strnig' })) }), 422, 'invalid-contract'],
      ['a bare JSON Schema instead of a contract', () => ({ type: 'application/json', body: JSON.stringify({ type: 'object' }) }), 422, 'invalid-contract'],
      [
        'a $ref to a loopback URL',
        () => ({ type: 'application/json', body: JSON.stringify(withSchema({ $ref: `http://127.0.0.1:${listenerPort}/schema.json` })) }),
        422,
        'ref-forbidden',
      ],
      ['a $ref to ../../etc/passwd', () => ({ type: 'application/json', body: JSON.stringify(withSchema({ $ref: '../../etc/passwd' })) }), 422, 'ref-forbidden'],
      ['a registry ref to nothing published', () => ({ type: 'application/json', body: JSON.stringify(withSchema({ $ref: 'registry:commerce.money@^1' })) }), 422, 'ref-unresolved'],
      [
        'a catastrophic pattern',
        () => ({ type: 'application/json', body: JSON.stringify(withSchema({ type: 'object', properties: { name: { type: 'string', pattern: '^(\\w+\\s?)*\\1$' } } })) }),
        422,
        'invalid-contract',
      ],
      ['JSON nested 10,000 deep', () => ({ type: 'application/json', body: `${'['.repeat(DEEP)}${']'.repeat(DEEP)}` }), 413, 'too-large'],
      ['YAML nested 10,000 deep', () => ({ type: 'application/yaml', body: `a: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n` }), 413, 'too-large'],
      ['a body one byte over the limit', () => ({ type: 'application/json', body: jsonOfLength(ordersDocument('1.0.0'), MAX_BODY_BYTES + 1) }), 413, 'too-large'],
      ['a schema one byte over the limit', () => ({ type: 'application/json', body: JSON.stringify(withSchema(schemaOfLength(MAX_SCHEMA_BYTES + 1))) }), 413, 'too-large'],
    ];

    test.each(cases)('%s', async (_name, make, status, code) => {
      const before = await harness().counts();
      const { type, body } = make();
      const response = await request(app()).post('/api/contracts').set(asAdmin).set('content-type', type).send(body);
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(await harness().counts()).toEqual(before);
      expect(listenerHits).toBe(0);
      const versions = await request(app()).get('/api/contracts/commerce.orders/versions').set(asAdmin);
      expect(versions.status).toBe(404);
    });

    test('an invalid contract lists every lint problem as findings', async () => {
      const document = withSchema({ type: 'object', properties: { a: { type: 'strnig' }, b: { type: 'string', pattern: '(?=x)' } } });
      const response = await request(app()).post('/api/contracts').set(asAdmin).send({ ...document, owner: { name: 'No Email' } });
      expect(response.status).toBe(422);
      expect(response.body.error.findings.length).toBeGreaterThanOrEqual(2);
      expect(response.body.error.findings[0]).toMatchObject({ rule: expect.any(String), severity: 'breaking', path: expect.any(String), message: expect.any(String) });
    });

    test.each([
      ['a body exactly at the limit', () => jsonOfLength(ordersDocument('1.0.0'), MAX_BODY_BYTES)],
      ['a schema exactly at the limit', () => JSON.stringify(withSchema(schemaOfLength(MAX_SCHEMA_BYTES)))],
    ])('%s is accepted', async (_name, make) => {
      const response = await request(app()).post('/api/contracts').set(asAdmin).set('content-type', 'application/json').send(make());
      expect(response.status).toBe(201);
    });

    test('a registry ref resolves to the published schema it names', async () => {
      const money = ordersDocument('1.0.0', { contract: 'commerce.money', metrics: [], schema: { type: 'object', properties: { cents: { type: 'integer' } } } });
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(money)).status).toBe(201);
      const response = await request(app()).post('/api/contracts').set(asAdmin).send(withSchema({ type: 'object', properties: { price: { $ref: 'registry:commerce.money@^1' } } }));
      expect(response.status).toBe(201);
      const stored = await request(app()).get('/api/contracts/commerce.orders/versions/1.0.0').set(asAdmin);
      expect(JSON.stringify(stored.body.schema)).toContain('cents');
    });

    test.each([
      ['with a declared length', true],
      ['chunked', false],
    ])('a 50 MB body %s is refused with 413 long before it is all sent', async (_name, declareLength) => {
      const before = await harness().counts();
      const server = createServer(app());
      const port = await listen(server);
      try {
        const { status, sentBeforeAnswer } = await streamHugeBody(port, declareLength);
        expect(status).toBe(413);
        expect(sentBeforeAnswer).toBeLessThan(FIFTY_MB / 2);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      expect(await harness().counts()).toEqual(before);
    });
  });
});
