import { describe, expect, test } from 'vitest';
import { diffSchemas } from '../../contracts/diff/schema-diff.js';
import { ConcordError } from '../../contracts/errors.js';
import type { JsonSchema } from '../../contracts/model.js';

const ORDER: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['id', 'customer', 'lines'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    customer: { $ref: '#/definitions/Customer' },
    lines: { type: 'array', minItems: 1, items: { $ref: '#/definitions/Line' } },
    status: { enum: ['open', 'paid', 'shipped'] },
    note: { type: ['string', 'null'], maxLength: 200 },
    payment: {
      oneOf: [
        { type: 'object', required: ['kind', 'iban'], properties: { kind: { const: 'sepa' }, iban: { type: 'string' } } },
        { type: 'object', required: ['kind', 'last4'], properties: { kind: { const: 'card' }, last4: { type: 'string', pattern: '^[0-9]{4}$' } } },
      ],
    },
  },
  definitions: {
    Customer: {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer', minimum: 1 }, referrer: { $ref: '#/definitions/Customer' } },
    },
    Line: { type: 'object', properties: { sku: { type: 'string' }, quantity: { type: 'integer', exclusiveMinimum: 0, multipleOf: 1 } } },
  },
};

/** A category tree: recursive through `$defs`, an anchor, `anyOf` and `if`/`then`. */
const TREE: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $ref: '#/$defs/node',
  $defs: {
    node: {
      $anchor: 'node',
      type: 'object',
      properties: {
        name: { type: 'string' },
        children: { type: 'array', items: { $ref: '#node' } },
        parent: { anyOf: [{ $ref: '#/$defs/node' }, { type: 'null' }] },
      },
      if: { required: ['children'] },
      then: { properties: { name: { minLength: 1 } } },
    },
  },
};

/** The same schema with every definition renamed, so the engine must walk it to see nothing changed. */
function renamed(schema: JsonSchema, from: string, to: string): JsonSchema {
  const text = JSON.stringify(schema).replaceAll(`/${from}/`, `/${to}/`).replaceAll(`/${from}"`, `/${to}"`).replaceAll(`"${from}":`, `"${to}":`);
  return JSON.parse(text) as JsonSchema;
}

describe('diffSchemas finds nothing when nothing changed', () => {
  test.each([
    ['an order schema with refs and a oneOf', ORDER],
    ['a recursive tree with anchors and conditions', TREE],
    ['a boolean schema', true],
  ] as const)('%s compared with itself', (_, schema) => {
    expect(diffSchemas(schema, structuredClone(schema))).toEqual([]);
  });

  test.each([
    ['definitions renamed', ORDER, renamed(renamed(ORDER, 'definitions', '$defs'), 'Customer', 'Client')],
    ['recursive definition renamed', TREE, renamed(TREE, 'node', 'category')],
    ['allOf branches reordered', { allOf: [{ type: 'string' }, { maxLength: 5 }] }, { allOf: [{ maxLength: 5 }, { type: 'string' }] }],
    ['const and a one-value enum', { const: 'x' }, { enum: ['x'] }],
    ['draft-04 and later exclusive bounds', { minimum: 1, exclusiveMinimum: true }, { exclusiveMinimum: 1 }],
    ['a definition inlined', { properties: { a: { $ref: '#/definitions/A' } }, definitions: { A: { type: 'string' } } }, { properties: { a: { type: 'string' } } }],
    ['a type moved into a single-branch oneOf', { type: 'string' }, { oneOf: [{ type: 'string' }] }],
  ] as const)('%s', (_, before, after) => {
    expect(diffSchemas(before, after)).toEqual([]);
  });
});

describe('diffSchemas semantics', () => {
  test('a change inside a recursive definition is reported once, at the definition', () => {
    const after = structuredClone(TREE) as { $defs: { node: { properties: { name: Record<string, unknown> } } } };
    after.$defs.node.properties.name['maxLength'] = 80;
    const changes = diffSchemas(TREE, after as JsonSchema);
    expect(changes.map((change) => [change.rule, change.path, change.field])).toEqual([
      ['max-length-added', '/$defs/node/properties/name/maxLength', 'name'],
    ]);
  });

  test('a oneOf with an added disjoint branch is extended, not changed', () => {
    const before = { properties: { a: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } };
    const after = { properties: { a: { oneOf: [{ type: 'boolean' }, { type: 'integer' }, { type: 'string', title: 'text' }] } } };
    expect(diffSchemas(before, after).map((change) => change.rule)).toEqual(['title-changed', 'one-of-branch-added']);
  });

  test('fields are named as record paths', () => {
    const before = { properties: { customer: { properties: { id: { type: 'integer' } } }, lines: { items: { properties: { sku: { type: 'string' } } } } } };
    const after = { properties: { customer: { properties: { id: { type: 'string' } } }, lines: { items: { properties: { sku: { type: 'integer' } } } } } };
    const changes = diffSchemas(before, after);
    expect(changes.map((change) => change.field)).toEqual(['customer.id', 'lines[].sku']);
    expect(changes[0]?.message).toContain('customer.id');
  });

  test('a required field removed from a closed object says so in plain words', () => {
    const before = { type: 'object', additionalProperties: false, required: ['customer_id'], properties: { customer_id: { type: 'string' } } };
    const after = { type: 'object', additionalProperties: false, properties: {} };
    const changes = diffSchemas(before, after);
    expect(changes.map((change) => [change.rule, change.path, change.field])).toEqual([
      ['property-removed-from-closed-model', '/properties/customer_id', 'customer_id'],
      ['required-removed', '/required/0', 'customer_id'],
    ]);
  });

  test.each([
    ['integer is a kind of number', { type: 'integer' }, { type: ['number', 'null'] }, ['type-widened']],
    ['null added through a type list', { type: 'string' }, { type: ['null', 'string'] }, ['nullable-added']],
    ['a missing type means any type', { minLength: 1 }, { type: 'string', minLength: 1 }, ['type-added']],
    ['a multiple of the old multipleOf narrows', { multipleOf: 0.5 }, { multipleOf: 1.5 }, ['multiple-of-tightened']],
    ['a then that repeats its parent adds nothing', { properties: { d: { type: 'string' } }, if: { required: ['c'] }, then: { properties: { d: { pattern: 'x' } } } }, { properties: { d: { type: 'string' } }, if: { required: ['c'] }, then: { properties: { d: { type: 'string' } } } }, ['pattern-removed']],
    ['unevaluatedProperties closes the object', { properties: { a: { type: 'string' } } }, { properties: { a: { type: 'string' } }, unevaluatedProperties: false }, ['additional-properties-disallowed']],
    ['references outside the document compare as text', { $ref: 'a.json' }, { $ref: 'b.json' }, ['ref-target-changed']],
  ] as const)('%s', (_, before, after, rules) => {
    expect(diffSchemas(before, after).map((change) => change.rule)).toEqual(rules);
  });

  test('the order of changes is the document order and does not vary', () => {
    const before = { properties: { b: { type: 'string' }, a: { type: 'string' } } };
    const after = { properties: { b: { type: 'number' }, a: { type: 'number' } } };
    const first = diffSchemas(before, after);
    expect(first.map((change) => change.field)).toEqual(['b', 'a']);
    expect(diffSchemas(before, after)).toEqual(first);
  });
});

describe('diffSchemas faults', () => {
  test('an internal $ref to nothing is ref-unresolved, naming where it is', () => {
    const call = (): unknown => diffSchemas({ type: 'string' }, { properties: { a: { $ref: '#/definitions/Missing' } } });
    expect(call).toThrow(ConcordError);
    expect(call).toThrow(/\/properties\/a.*after schema/);
  });

  test('a sub-schema that is neither object nor boolean is invalid-schema', () => {
    try {
      diffSchemas({ properties: { a: {} } }, { properties: { a: 42 } } as unknown as JsonSchema);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConcordError);
      expect((error as ConcordError).code).toBe('invalid-schema');
      expect((error as ConcordError).detail.pointer).toBe('/properties/a');
    }
  });
});
