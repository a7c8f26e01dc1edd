import { describe, expect, test } from 'vitest';
import { ConcordError } from '../../contracts/errors.js';
import type { JsonSchema } from '../../contracts/model.js';
import { listFields, MAX_SCHEMA_NODES_VISITED, MAX_SCHEMA_WALK_DEPTH } from '../../contracts/schema-fields.js';

/** The listing as plain data: field name to sorted types. */
function typesByField(schema: JsonSchema): Record<string, string[]> {
  return Object.fromEntries([...listFields(schema)].map(([name, info]) => [name, [...info.types].sort()]));
}

describe('listFields', () => {
  test.each<[string, JsonSchema, Record<string, string[]>]>([
    ['flat properties', { type: 'object', properties: { id: { type: 'string' }, n: { type: 'integer' } } }, { id: ['string'], n: ['integer'] }],
    [
      'nested objects as dotted paths',
      { type: 'object', properties: { customer: { type: 'object', properties: { id: { type: 'string' }, address: { properties: { city: { type: 'string' } } } } } } },
      { customer: ['object'], 'customer.id': ['string'], 'customer.address': [], 'customer.address.city': ['string'] },
    ],
    [
      'array items with []',
      { properties: { lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } } } },
      { lines: ['array'], 'lines[].sku': ['string'] },
    ],
    [
      'arrays of arrays',
      { properties: { grid: { type: 'array', items: { type: 'array', items: { properties: { v: { type: 'number' } } } } } } },
      { grid: ['array'], 'grid[][].v': ['number'] },
    ],
    [
      'tuple items (draft-07 items list and 2020-12 prefixItems) add up',
      {
        properties: {
          a: { items: [{ properties: { x: { type: 'string' } } }, { properties: { x: { type: 'integer' } } }] },
          b: { prefixItems: [{ properties: { y: { type: 'string' } } }], items: { properties: { y: { type: 'null' } } } },
        },
      },
      { a: [], 'a[].x': ['integer', 'string'], b: [], 'b[].y': ['null', 'string'] },
    ],
    ['type lists including null', { properties: { note: { type: ['string', 'null'] } } }, { note: ['null', 'string'] }],
    ['types from enum and const', { properties: { s: { enum: ['a', 1, null] }, c: { const: 2.5 } } }, { s: ['integer', 'null', 'string'], c: ['number'] }],
    [
      'definitions refs',
      { definitions: { Money: { type: 'object', properties: { amount: { type: 'number' } } } }, properties: { total: { $ref: '#/definitions/Money' } } },
      { total: ['object'], 'total.amount': ['number'] },
    ],
    [
      '$defs refs with escaped names',
      { $defs: { 'a/b': { type: 'string' } }, properties: { x: { $ref: '#/$defs/a~1b' } } },
      { x: ['string'] },
    ],
    [
      'allOf merges properties and narrows types',
      {
        allOf: [{ properties: { id: { type: ['string', 'integer'] } } }, { properties: { id: { type: 'string' }, extra: { type: 'boolean' } } }],
        properties: { n: { type: 'number', allOf: [{ type: 'integer' }] } },
      },
      { n: ['integer'], id: ['string'], extra: ['boolean'] },
    ],
    [
      'anyOf and oneOf add up types and properties',
      {
        properties: {
          v: { anyOf: [{ type: 'string' }, { type: 'number' }] },
          w: { oneOf: [{ type: 'null' }, { $ref: '#/definitions/S' }] },
          u: { anyOf: [{ type: 'string' }, {}] },
        },
        oneOf: [{ properties: { card: { type: 'string' } } }, { properties: { iban: { type: 'string' } } }],
        definitions: { S: { type: 'string' } },
      },
      { v: ['number', 'string'], w: ['null', 'string'], u: [], card: ['string'], iban: ['string'] },
    ],
    [
      'a ref with sibling keywords (2020-12) merges both',
      { $defs: { T: { type: 'string' } }, properties: { t: { $ref: '#/$defs/T', type: ['string', 'null'] } } },
      { t: ['string'] },
    ],
    ['refs outside the document and dangling refs constrain nothing', { properties: { r: { $ref: 'registry:x.y@1#/a' }, d: { $ref: '#/nope' } } }, { r: [], d: [] }],
    ['boolean schemas', { properties: { any: true, none: false } }, { any: [], none: [] }],
    ['a bare boolean root has no fields', true, {}],
  ])('%s', (_label, schema, expected) => {
    expect(typesByField(schema)).toEqual(expected);
  });

  test('pointers, formats and pii marks come from where the field is written', () => {
    const fields = listFields({
      definitions: { Contact: { properties: { email: { type: 'string', format: 'email', pii: true }, phone: { type: 'string', 'x-pii': true } } } },
      properties: { contact: { $ref: '#/definitions/Contact' }, created_at: { type: 'string', format: 'date-time' } },
    });
    expect(fields.get('contact')).toEqual({ types: new Set(), pointer: '/properties/contact' });
    expect(fields.get('contact.email')).toEqual({ types: new Set(['string']), pointer: '/definitions/Contact/properties/email', format: 'email', pii: true });
    expect(fields.get('contact.phone')?.pii).toBe(true);
    expect(fields.get('created_at')).toEqual({ types: new Set(['string']), pointer: '/properties/created_at', format: 'date-time' });
  });

  test.each<[string, JsonSchema, string[]]>([
    [
      'a self-recursive tree schema',
      { $ref: '#/definitions/Node', definitions: { Node: { type: 'object', properties: { value: { type: 'number' }, children: { type: 'array', items: { $ref: '#/definitions/Node' } } } } } },
      ['value', 'children'],
    ],
    ['refs to the root', { properties: { parent: { $ref: '#' }, name: { type: 'string' } } }, ['parent', 'name']],
    [
      'two definitions referring to each other',
      { properties: { a: { $ref: '#/definitions/A' } }, definitions: { A: { properties: { b: { $ref: '#/definitions/B' } } }, B: { properties: { a: { $ref: '#/definitions/A' } } } } },
      ['a', 'a.b', 'a.b.a'],
    ],
  ])('%s is listed without unfolding forever', (_label, schema, names) => {
    expect([...listFields(schema).keys()]).toEqual(names);
  });
});

describe('listFields limits', () => {
  function flat(count: number): JsonSchema {
    return { type: 'object', properties: Object.fromEntries(Array.from({ length: count }, (_, index) => [`f${index}`, { type: 'string' }])) };
  }

  test(`a schema of ${MAX_SCHEMA_NODES_VISITED} subschemas is listed; one more is too large`, () => {
    // The root is one subschema, each property another.
    expect(listFields(flat(MAX_SCHEMA_NODES_VISITED - 1)).size).toBe(MAX_SCHEMA_NODES_VISITED - 1);
    expect(() => listFields(flat(MAX_SCHEMA_NODES_VISITED))).toThrow(
      expect.objectContaining({ code: 'too-large', message: expect.stringContaining(`more than ${MAX_SCHEMA_NODES_VISITED} subschemas`) }),
    );
  });

  test('definitions that each use the next twice stop at the limit instead of taking exponential time', () => {
    const definitions = Object.fromEntries(
      Array.from({ length: 40 }, (_, index) => [`D${index}`, { properties: { l: { $ref: `#/definitions/D${index + 1}` }, r: { $ref: `#/definitions/D${index + 1}` } } }]),
    );
    const started = Date.now();
    expect(() => listFields({ $ref: '#/definitions/D0', definitions })).toThrow(ConcordError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  function chain(length: number): JsonSchema {
    const definitions = Object.fromEntries(Array.from({ length }, (_, index) => [`D${index}`, index + 1 < length ? { allOf: [{ $ref: `#/definitions/D${index + 1}` }] } : { type: 'string' }]));
    return { properties: { x: { $ref: '#/definitions/D0' } }, definitions };
  }

  test(`refs stacked ${MAX_SCHEMA_WALK_DEPTH} levels deep are followed; one more is too deep`, () => {
    // The root and x take a level each, each definition two (itself and its allOf member): the
    // last of n definitions is entered n * 2 levels down, which must stay below the limit.
    const longest = MAX_SCHEMA_WALK_DEPTH / 2 - 1;
    expect(listFields(chain(longest)).get('x')?.types).toEqual(new Set(['string']));
    expect(() => listFields(chain(longest + 1))).toThrow(expect.objectContaining({ code: 'too-large', message: expect.stringContaining('nests deeper') }));
  });

  test('a ref chain of 10,000 definitions is refused cleanly, without a stack overflow', () => {
    expect(() => listFields(chain(10_000))).toThrow(expect.objectContaining({ code: 'too-large' }));
  });
});
