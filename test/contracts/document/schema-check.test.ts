import { describe, expect, test } from 'vitest';
import { checkRecordSchema } from '../../../contracts/document/schema-check.js';
import type { JsonSchema } from '../../../contracts/model.js';

const stringWith = (pattern: string): JsonSchema => ({ type: 'object', properties: { code: { type: 'string', pattern } } });

describe('checkRecordSchema', () => {
  test.each([
    ['an empty schema', {}],
    ['true', true],
    ['false', false],
    ['draft-07 stated', { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { type: 'string' } } }],
    ['2020-12 with prefixItems and $defs', { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ $ref: '#/$defs/id' }], $defs: { id: { type: 'string' } } }],
    ['pii and unknown keywords as annotations', { properties: { email: { type: 'string', format: 'email', pii: true, 'x-owner': 'crm', examples: ['a@b.c'] } } }],
    ['recursion through internal refs', { definitions: { node: { properties: { kids: { items: { $ref: '#/definitions/node' } } } } }, $ref: '#/definitions/node' }],
    ['a ref into a oneOf branch', { properties: { a: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, b: { $ref: '#/properties/a/oneOf/1' } } }],
    ['a ref into an anyOf branch', { properties: { a: { anyOf: [{ type: 'string' }, { type: 'null' }] }, b: { $ref: '#/properties/a/anyOf/0' } } }],
  ])('accepts %s', (_name, schema) => {
    expect(checkRecordSchema(schema as JsonSchema)).toEqual([]);
  });

  test.each([
    ['a backreference', '(a)\\1'],
    ['a lookahead', '^(?=.*[0-9]).{8,}$'],
    ['a negative lookahead', '^(?!admin).*$'],
    ['a lookbehind', '(?<=\\$)[0-9]+'],
    ['an unclosed class', '['],
  ])('refuses %s in a pattern as schema-pattern-unsafe', (_name, pattern) => {
    const problems = checkRecordSchema(stringWith(pattern), { pointerPrefix: '/schema', file: 'c.yaml' });
    expect(problems).toContainEqual(
      expect.objectContaining({ rule: 'schema-pattern-unsafe', severity: 'breaking', path: '/schema/properties/code/pattern', file: 'c.yaml' }),
    );
    expect(problems.find((problem) => problem.rule === 'schema-pattern-unsafe')?.message).toContain(JSON.stringify(pattern));
  });

  test.each([
    ['character classes and anchors', '^[A-Z]{3}-\\d{4}$'],
    ['unicode escapes', '^\\u00e9+$'],
    ['named groups', '^(?<year>\\d{4})-(?<month>\\d{2})$'],
    ['alternation', '^(paid|shipped|cancelled)$'],
  ])('accepts a linear-time pattern with %s', (_name, pattern) => {
    expect(checkRecordSchema(stringWith(pattern))).toEqual([]);
  });

  test('checks patternProperties names and patterns deep in the schema, not properties named "pattern"', () => {
    const schema = {
      properties: {
        pattern: { type: 'string' },
        nested: { items: { anyOf: [{ pattern: '(x)\\1' }] } },
      },
      patternProperties: { '^(?!x-)': { type: 'string' } },
      definitions: { d: { not: { pattern: '(?=a)' } } },
    };
    const paths = checkRecordSchema(schema)
      .filter((problem) => problem.rule === 'schema-pattern-unsafe')
      .map((problem) => problem.path)
      .sort();
    expect(paths).toEqual(['/definitions/d/not/pattern', '/patternProperties/^(?!x-)', '/properties/nested/items/anyOf/0/pattern']);
  });

  test.each([
    ['an unknown type', { properties: { a: { type: 'strng' } } }, '/properties/a/type', /must be one of array, boolean, integer, null, number, object, string, not "strng"/],
    ['a negative minLength', { properties: { a: { minLength: -1 } } }, '/properties/a/minLength', /must be >= 0, not -1/],
    ['required as text', { required: 'a' }, '/required', /must be a list, not "a"/],
    ['properties as a list', { properties: [] }, '/properties', /must be an object/],
    ['pii as text', { properties: { a: { pii: 'yes' } } }, '/properties/a/pii', /pii must be true or false, not "yes"/],
    ['a dangling internal ref', { properties: { a: { $ref: '#/definitions/missing' } } }, '', /\$ref "#\/definitions\/missing" points to nothing/],
    ['a dangling ref in the last oneOf branch', { oneOf: [{ type: 'string' }, { $ref: '#/definitions/gone' }] }, '', /\$ref "#\/definitions\/gone" points to nothing/],
    ['a dangling ref in an anyOf branch', { anyOf: [{ $ref: '#/definitions/gone' }, true] }, '', /\$ref "#\/definitions\/gone" points to nothing/],
    ['a bad keyword value in a oneOf branch', { oneOf: [{ type: 'string' }, { maxLength: 'ten' }] }, '/oneOf/1/maxLength', /must be/],
  ])('reports %s as schema-invalid at its pointer', (_name, schema, path, message) => {
    const problems = checkRecordSchema(schema as JsonSchema);
    expect(problems).toContainEqual(expect.objectContaining({ rule: 'schema-invalid', path, message: expect.stringMatching(message) }));
  });

  test.each([
    ['draft-04', 'http://json-schema.org/draft-04/schema#'],
    ['a made-up dialect', 'https://example.com/my-schema'],
  ])('refuses the %s dialect', (_name, $schema) => {
    expect(checkRecordSchema({ $schema })).toEqual([
      expect.objectContaining({ rule: 'schema-unsupported-dialect', path: '/$schema', message: expect.stringContaining($schema) }),
    ]);
  });

  test('keywords are checked for the declared dialect: 2020-12 items must be a schema, not a list', () => {
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', items: [{ type: 'string' }] };
    expect(checkRecordSchema(schema).map((problem) => problem.path)).toContain('/items');
    expect(checkRecordSchema({ items: [{ type: 'string' }] })).toEqual([]);
  });

  test.each(['oneOf', 'anyOf'])('a %s of 10,000 branches compiles (ajv nests each branch inside the last one)', (keyword) => {
    const branches = Array.from({ length: 10_000 }, (_unused, index) => ({
      type: 'object',
      properties: { kind: { const: `event_${index}` }, [`payload_${index}`]: { type: 'string' } },
      required: ['kind', `payload_${index}`],
    }));
    expect(checkRecordSchema({ type: 'object', properties: { event: { [keyword]: branches } } })).toEqual([]);
  });

  test('a schema with thousands of properties compiles (ajv would overflow the stack on nested code)', () => {
    const properties = Object.fromEntries(Array.from({ length: 3_000 }, (_unused, index) => [`p${index}`, { type: 'string' }]));
    expect(checkRecordSchema({ type: 'object', properties })).toEqual([]);
  });

  test('two schemas with the same $id can be checked one after the other', () => {
    const schema = { $id: 'https://example.com/orders.json', properties: { nested: { $id: 'https://example.com/nested.json', type: 'string' } } };
    expect(checkRecordSchema(schema)).toEqual([]);
    expect(checkRecordSchema(structuredClone(schema))).toEqual([]);
  });

  test('positions come from the document the schema sits in', () => {
    const problems = checkRecordSchema(stringWith('(a)\\1'), {
      pointerPrefix: '/schema',
      file: 'c.yaml',
      locate: (pointer) => (pointer === '/schema/properties/code/pattern' ? { line: 9, column: 7 } : undefined),
    });
    expect(problems[0]).toMatchObject({ line: 9, column: 7, file: 'c.yaml', path: '/schema/properties/code/pattern' });
  });
});
