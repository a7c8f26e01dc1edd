import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { MAX_COMBINATOR_BRANCHES, MAX_OBJECT_PROPERTIES, MAX_SCHEMA_NODES } from '../../../registry/evaluation/evaluation-limits.js';
import { measureSchema } from '../../../registry/evaluation/schema-extent.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { ADMIN_TOKEN, asAdmin, bearer, ordersDocument, useRegistry } from './registry-harness.js';
import { logIn, post } from '../ui/ui-harness.js';

const ID = 'commerce.orders';
/**
 * Long enough for the small documents the tests publish on a busy machine, far too short for
 * the wide union below to be parsed, linted and compared.
 */
const DEADLINE_MS = 1_000;
const BRANCHES = 9_000;

/** The orders document whose record is a `oneOf` of `branches` distinct event shapes: linear to write, costly to compile and compare. */
function wideUnion(version: string, branches: number): Record<string, unknown> {
  const oneOf = Array.from({ length: branches }, (_, index) => ({ properties: { k: { const: index } }, required: ['k'] }));
  return ordersDocument(version, { metrics: undefined, schema: { oneOf } });
}

/** `count` empty subschemas under as few `$defs` entries as the branch cap allows, so only the node count is over. */
function manyNodes(count: number): Record<string, unknown> {
  const $defs: Record<string, unknown> = {};
  // Every `$defs` entry is one node and so are the root and `$defs` itself.
  let left = count - 2;
  for (let index = 0; left > 0; index += 1) {
    left -= 1;
    const branches = Math.min(MAX_COMBINATOR_BRANCHES, left);
    $defs[`part${index}`] = { anyOf: Array.from({ length: branches }, () => ({})) };
    left -= branches;
  }
  return { $defs };
}

describe.each(STORAGE_TARGETS)('bounded evaluation per request on $dialect', (target) => {
  describe.skipIf(!target.available)('the deadline and the schema caps', () => {
    const harness = useRegistry(target.dialect, { evaluation: { deadlineMs: DEADLINE_MS } });
    const app = () => harness().registry.app;

    beforeEach(async () => {
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
    });

    test('a reader dry run of a huge oneOf gets 422 too-complex while health answers, and nothing is stored', async () => {
      const reader = await harness().token('reader');
      const before = await harness().counts();
      const order: string[] = [];
      const started = performance.now();
      const slow = request(app())
        .post(`/api/contracts/${ID}/check`)
        .set(bearer(reader.token))
        .send(wideUnion('1.1.0', BRANCHES))
        .then((response) => {
          order.push('check');
          return response;
        });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const health = await request(app()).get('/api/health');
      order.push('health');
      const response = await slow;
      const elapsed = performance.now() - started;

      expect(health.status).toBe(200);
      expect(order).toEqual(['health', 'check']);
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('too-complex');
      expect(response.body.error.message).toContain(`${ID} 1.1.0 is too complex to compare within ${DEADLINE_MS} ms`);
      expect(response.body.error.message).toContain(`/schema/oneOf (${BRANCHES} branches)`);
      expect(response.body.error.pointer).toBe('/schema/oneOf');
      // Loose: the deadline plus reading the body and starting a fresh worker, far below the minutes an unbounded run takes.
      expect(elapsed).toBeLessThan(DEADLINE_MS + 15_000);
      expect(await harness().counts()).toEqual(before);
    });

    test('a publish over the deadline gets 422, stores nothing, and the next publish works on a fresh worker', async () => {
      const before = await harness().counts();
      const response = await request(app()).post('/api/contracts').set(asAdmin).send(wideUnion('2.0.0', BRANCHES));
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('too-complex');
      expect(response.body.error.message).toMatch(/commerce\.orders 2\.0\.0 is too complex to compare within 1000 ms .*nothing was stored/);
      expect(await harness().counts()).toEqual(before);
      const next = ordersDocument('1.1.0');
      (next.schema as { properties: Record<string, unknown> }).properties.note = { type: 'string' };
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(next)).status).toBe(201);
    });

    test('the UI impact preview of the same document answers 422 with the message, and stores nothing', async () => {
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      const before = await harness().counts();
      const response = await post(harness(), '/impact', { document: JSON.stringify(wideUnion('1.1.0', BRANCHES)) }, cookie);
      expect(response.status).toBe(422);
      expect(response.text).toContain(`${ID} 1.1.0 is too complex to compare within ${DEADLINE_MS} ms`);
      expect(await harness().counts()).toEqual(before);
    });

    const overCaps: readonly [string, () => unknown, string, RegExp][] = [
      ['a oneOf one branch over the cap', () => ({ oneOf: Array.from({ length: MAX_COMBINATOR_BRANCHES + 1 }, () => ({})) }), '/schema/oneOf', new RegExp(`${MAX_COMBINATOR_BRANCHES + 1} branches, more than ${MAX_COMBINATOR_BRANCHES}`)],
      [
        'properties one over the cap',
        () => ({ type: 'object', properties: Object.fromEntries(Array.from({ length: MAX_OBJECT_PROPERTIES + 1 }, (_, index) => [`p${index}`, {}])) }),
        '/schema/properties',
        new RegExp(`${MAX_OBJECT_PROPERTIES + 1} entries, more than ${MAX_OBJECT_PROPERTIES}`),
      ],
      ['one node over the cap', () => manyNodes(MAX_SCHEMA_NODES + 1), '/schema', new RegExp(`${MAX_SCHEMA_NODES + 1} subschemas, more than ${MAX_SCHEMA_NODES}`)],
    ];

    test.each(overCaps)('%s is refused with 422 too-complex before any heavy work, on publish and on check', async (_name, schema, pointer, message) => {
      const document = ordersDocument('1.1.0', { metrics: undefined, schema: schema() });
      const before = await harness().counts();
      for (const path of ['/api/contracts', `/api/contracts/${ID}/check`]) {
        const response = await request(app()).post(path).set(asAdmin).send(document);
        expect(response.status).toBe(422);
        expect(response.body.error).toMatchObject({ code: 'too-complex', pointer });
        expect(response.body.error.message).toMatch(message);
        expect(response.body.error.message).toContain(`${ID} 1.1.0`);
      }
      expect(await harness().counts()).toEqual(before);
    });
  });
});

describe('schema measures', () => {
  test.each([
    ['the widest combinator and object with escaped pointers', { properties: { 'a/b': { anyOf: [{}, {}, {}] }, c: {} } }, { nodes: 7, widestCombinator: { pointer: '/schema/properties/a~1b/anyOf', count: 3 }, widestObject: { pointer: '/schema/properties', count: 2 } }],
    ['a boolean schema', true, { nodes: 0 }],
    ['nodes exactly at the cap', manyNodes(MAX_SCHEMA_NODES), { nodes: MAX_SCHEMA_NODES }],
  ])('%s', (_name, schema, expected) => {
    expect(measureSchema(schema)).toMatchObject(expected);
  });
});
