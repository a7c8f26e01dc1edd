import { describe, expect, test } from 'vitest';
import { MAX_BRANCH_COMPARISONS } from '../../contracts/diff/diff-limits.js';
import { diffSchemas } from '../../contracts/diff/schema-diff.js';
import type { JsonSchema } from '../../contracts/model.js';
import { SCHEMA_RULES } from '../../contracts/rules/schema-rules.js';

/** One record field `a` with the given schema. */
function field(schema: JsonSchema): JsonSchema {
  return { type: 'object', properties: { a: schema } };
}

/** An array field `list` with the given keywords. */
function list(keywords: Record<string, unknown>): JsonSchema {
  return { type: 'object', properties: { list: { type: 'array', ...keywords } } };
}

const str = { type: 'string' };
const num = { type: 'number' };
const closed = { type: 'object', properties: { a: str }, additionalProperties: false };
const open = { type: 'object', properties: { a: str } };
const partial = { type: 'object', properties: { a: str }, additionalProperties: str };
/** Just enough `anyOf` branches, all rewritten, that pairing them one by one passes MAX_BRANCH_COMPARISONS. */
const WIDE = Math.ceil(Math.sqrt(MAX_BRANCH_COMPARISONS + 1));
const constants = (prefix: string) => Array.from({ length: WIDE }, (_, index) => ({ const: `${prefix}${index}` }));

type Row = readonly [rule: string, before: JsonSchema, after: JsonSchema, path: string, field: string | undefined];

/** For every schema rule, a pair of schemas that produces it, with the path and field of the change. */
const CASES: readonly Row[] = [
  ['false-schema-introduced', field(str), field(false), '/properties/a', 'a'],
  ['false-schema-replaced', field(false), field(str), '/properties/a', 'a'],

  ['type-added', field({}), field(str), '/properties/a/type', 'a'],
  ['type-removed', field(str), field({}), '/properties/a/type', 'a'],
  ['type-narrowed', field(num), field({ type: 'integer' }), '/properties/a/type', 'a'],
  ['type-widened', field({ type: 'integer' }), field(num), '/properties/a/type', 'a'],
  ['type-changed', field(str), field(num), '/properties/a/type', 'a'],
  ['nullable-added', field(str), field({ type: ['string', 'null'] }), '/properties/a/type', 'a'],
  ['nullable-removed', field({ type: ['string', 'null'] }), field(str), '/properties/a/type', 'a'],

  ['enum-added', field(str), field({ type: 'string', enum: ['x'] }), '/properties/a/enum', 'a'],
  ['enum-removed', field({ type: 'string', enum: ['x'] }), field(str), '/properties/a/enum', 'a'],
  ['enum-values-added', field({ enum: ['x'] }), field({ enum: ['x', 'y'] }), '/properties/a/enum', 'a'],
  ['enum-values-removed', field({ enum: ['x', 'y'] }), field({ enum: ['x'] }), '/properties/a/enum', 'a'],
  ['enum-changed', field({ const: 'x' }), field({ const: 'y' }), '/properties/a/const', 'a'],

  ['min-length-added', field(str), field({ type: 'string', minLength: 1 }), '/properties/a/minLength', 'a'],
  ['min-length-removed', field({ type: 'string', minLength: 1 }), field(str), '/properties/a/minLength', 'a'],
  ['min-length-increased', field({ minLength: 1 }), field({ minLength: 2 }), '/properties/a/minLength', 'a'],
  ['min-length-decreased', field({ minLength: 2 }), field({ minLength: 1 }), '/properties/a/minLength', 'a'],
  ['max-length-added', field(str), field({ type: 'string', maxLength: 9 }), '/properties/a/maxLength', 'a'],
  ['max-length-removed', field({ type: 'string', maxLength: 9 }), field(str), '/properties/a/maxLength', 'a'],
  ['max-length-decreased', field({ maxLength: 9 }), field({ maxLength: 8 }), '/properties/a/maxLength', 'a'],
  ['max-length-increased', field({ maxLength: 8 }), field({ maxLength: 9 }), '/properties/a/maxLength', 'a'],
  ['pattern-added', field(str), field({ type: 'string', pattern: '^x' }), '/properties/a/pattern', 'a'],
  ['pattern-removed', field({ type: 'string', pattern: '^x' }), field(str), '/properties/a/pattern', 'a'],
  ['pattern-changed', field({ pattern: '^x' }), field({ pattern: '^y' }), '/properties/a/pattern', 'a'],
  ['format-added', field(str), field({ type: 'string', format: 'email' }), '/properties/a/format', 'a'],
  ['format-removed', field({ type: 'string', format: 'email' }), field(str), '/properties/a/format', 'a'],
  ['format-changed', field({ format: 'date' }), field({ format: 'date-time' }), '/properties/a/format', 'a'],
  ['content-encoding-added', field(str), field({ contentEncoding: 'base64' }), '/properties/a/contentEncoding', 'a'],
  ['content-encoding-removed', field({ contentEncoding: 'base64' }), field({}), '/properties/a/contentEncoding', 'a'],
  ['content-encoding-changed', field({ contentEncoding: 'base64' }), field({ contentEncoding: 'base32' }), '/properties/a/contentEncoding', 'a'],
  ['content-media-type-added', field({}), field({ contentMediaType: 'image/png' }), '/properties/a/contentMediaType', 'a'],
  ['content-media-type-removed', field({ contentMediaType: 'image/png' }), field({}), '/properties/a/contentMediaType', 'a'],
  ['content-media-type-changed', field({ contentMediaType: 'image/png' }), field({ contentMediaType: 'image/gif' }), '/properties/a/contentMediaType', 'a'],

  ['minimum-added', field(num), field({ type: 'number', minimum: 0 }), '/properties/a/minimum', 'a'],
  ['minimum-removed', field({ minimum: 0 }), field({}), '/properties/a/minimum', 'a'],
  ['minimum-increased', field({ minimum: 0 }), field({ minimum: 1 }), '/properties/a/minimum', 'a'],
  ['minimum-decreased', field({ exclusiveMinimum: 1 }), field({ exclusiveMinimum: 0 }), '/properties/a/exclusiveMinimum', 'a'],
  ['minimum-became-exclusive', field({ minimum: 0 }), field({ exclusiveMinimum: 0 }), '/properties/a/exclusiveMinimum', 'a'],
  ['minimum-became-inclusive', field({ minimum: 0, exclusiveMinimum: true }), field({ minimum: 0 }), '/properties/a/minimum', 'a'],
  ['maximum-added', field({}), field({ maximum: 9 }), '/properties/a/maximum', 'a'],
  ['maximum-removed', field({ maximum: 9 }), field({}), '/properties/a/maximum', 'a'],
  ['maximum-decreased', field({ maximum: 9 }), field({ maximum: 8 }), '/properties/a/maximum', 'a'],
  ['maximum-increased', field({ maximum: 8 }), field({ maximum: 9 }), '/properties/a/maximum', 'a'],
  ['maximum-became-exclusive', field({ maximum: 9 }), field({ maximum: 9, exclusiveMaximum: true }), '/properties/a/exclusiveMaximum', 'a'],
  ['maximum-became-inclusive', field({ exclusiveMaximum: 9 }), field({ maximum: 9 }), '/properties/a/maximum', 'a'],
  ['multiple-of-added', field({}), field({ multipleOf: 2 }), '/properties/a/multipleOf', 'a'],
  ['multiple-of-removed', field({ multipleOf: 2 }), field({}), '/properties/a/multipleOf', 'a'],
  ['multiple-of-tightened', field({ multipleOf: 2 }), field({ multipleOf: 4 }), '/properties/a/multipleOf', 'a'],
  ['multiple-of-relaxed', field({ multipleOf: 0.5 }), field({ multipleOf: 0.25 }), '/properties/a/multipleOf', 'a'],
  ['multiple-of-changed', field({ multipleOf: 2 }), field({ multipleOf: 3 }), '/properties/a/multipleOf', 'a'],

  ['property-added-to-open-model', open, { ...open, properties: { a: str, b: num } }, '/properties/b', 'b'],
  ['property-added-to-closed-model', closed, { ...closed, properties: { a: str, b: num } }, '/properties/b', 'b'],
  ['property-added-covered', partial, { ...partial, properties: { a: str, b: str } }, '/properties/b', 'b'],
  ['property-removed-from-open-model', { ...open, properties: { a: str, b: num } }, open, '/properties/b', 'b'],
  ['property-removed-from-closed-model', { ...closed, properties: { a: str, b: num } }, closed, '/properties/b', 'b'],
  ['property-removed-covered', { ...partial, properties: { a: str, b: str } }, partial, '/properties/b', 'b'],
  ['required-added', open, { ...open, required: ['a'] }, '/required/0', 'a'],
  ['required-removed', { ...open, required: ['a'] }, open, '/required/0', 'a'],
  ['additional-properties-disallowed', open, closed, '/additionalProperties', '*'],
  ['additional-properties-narrowed', open, partial, '/additionalProperties', '*'],
  ['additional-properties-allowed', closed, open, '/additionalProperties', '*'],
  ['pattern-property-added-to-open-model', open, { ...open, patternProperties: { '^x_': str } }, '/patternProperties/^x_', '*'],
  ['pattern-property-added-to-closed-model', closed, { ...closed, patternProperties: { '^x_': str } }, '/patternProperties/^x_', '*'],
  ['pattern-property-removed-from-open-model', { ...open, patternProperties: { '^x_': str } }, open, '/patternProperties/^x_', '*'],
  ['pattern-property-removed-from-closed-model', { ...closed, patternProperties: { '^x_': str } }, closed, '/patternProperties/^x_', '*'],
  ['pattern-property-overlap-added', { patternProperties: { '^x': str } }, { patternProperties: { '^x': str, '^xy': num } }, '/patternProperties/^xy', '*'],
  ['pattern-property-overlap-removed', { patternProperties: { '^x': str, '^xy': num } }, { patternProperties: { '^x': str } }, '/patternProperties/^xy', '*'],
  ['min-properties-added', {}, { minProperties: 1 }, '/minProperties', undefined],
  ['min-properties-removed', { minProperties: 1 }, {}, '/minProperties', undefined],
  ['min-properties-increased', { minProperties: 1 }, { minProperties: 2 }, '/minProperties', undefined],
  ['min-properties-decreased', { minProperties: 2 }, { minProperties: 1 }, '/minProperties', undefined],
  ['max-properties-added', {}, { maxProperties: 9 }, '/maxProperties', undefined],
  ['max-properties-removed', { maxProperties: 9 }, {}, '/maxProperties', undefined],
  ['max-properties-decreased', { maxProperties: 9 }, { maxProperties: 8 }, '/maxProperties', undefined],
  ['max-properties-increased', { maxProperties: 8 }, { maxProperties: 9 }, '/maxProperties', undefined],
  ['dependent-required-added', open, { ...open, dependentRequired: { a: ['b'] } }, '/dependentRequired/a', 'a'],
  ['dependent-required-removed', { ...open, dependencies: { a: ['b'] } }, open, '/dependencies/a', 'a'],
  ['dependent-schema-added', open, { ...open, dependentSchemas: { a: { required: ['b'] } } }, '/dependentSchemas/a', 'a'],
  ['dependent-schema-removed', { ...open, dependencies: { a: { required: ['b'] } } }, open, '/dependencies/a', 'a'],

  ['tuple-item-added-to-open-array', list({ prefixItems: [str] }), list({ prefixItems: [str, num] }), '/properties/list/prefixItems/1', 'list[1]'],
  ['tuple-item-added-to-closed-array', list({ prefixItems: [str], items: false }), list({ prefixItems: [str, num], items: false }), '/properties/list/prefixItems/1', 'list[1]'],
  ['tuple-item-added-covered', list({ prefixItems: [str], items: num }), list({ prefixItems: [str, num], items: num }), '/properties/list/prefixItems/1', 'list[1]'],
  ['tuple-item-removed-from-open-array', list({ items: [str, num] }), list({ items: [str] }), '/properties/list/items/1', 'list[1]'],
  ['tuple-item-removed-from-closed-array', list({ items: [str, num], additionalItems: false }), list({ items: [str], additionalItems: false }), '/properties/list/items/1', 'list[1]'],
  ['tuple-item-removed-covered', list({ items: [str, num], additionalItems: num }), list({ items: [str], additionalItems: num }), '/properties/list/items/1', 'list[1]'],
  ['min-items-added', list({}), list({ minItems: 1 }), '/properties/list/minItems', 'list'],
  ['min-items-removed', list({ minItems: 1 }), list({}), '/properties/list/minItems', 'list'],
  ['min-items-increased', list({ minItems: 1 }), list({ minItems: 2 }), '/properties/list/minItems', 'list'],
  ['min-items-decreased', list({ minItems: 2 }), list({ minItems: 1 }), '/properties/list/minItems', 'list'],
  ['max-items-added', list({}), list({ maxItems: 9 }), '/properties/list/maxItems', 'list'],
  ['max-items-removed', list({ maxItems: 9 }), list({}), '/properties/list/maxItems', 'list'],
  ['max-items-decreased', list({ maxItems: 9 }), list({ maxItems: 8 }), '/properties/list/maxItems', 'list'],
  ['max-items-increased', list({ maxItems: 8 }), list({ maxItems: 9 }), '/properties/list/maxItems', 'list'],
  ['unique-items-added', list({}), list({ uniqueItems: true }), '/properties/list/uniqueItems', 'list'],
  ['unique-items-removed', list({ uniqueItems: true }), list({ uniqueItems: false }), '/properties/list/uniqueItems', 'list'],
  ['contains-added', list({}), list({ contains: num }), '/properties/list/contains', 'list[]'],
  ['contains-removed', list({ contains: num }), list({}), '/properties/list/contains', 'list[]'],
  ['min-contains-increased', list({ contains: num }), list({ contains: num, minContains: 2 }), '/properties/list/minContains', 'list[]'],
  ['min-contains-decreased', list({ contains: num, minContains: 2 }), list({ contains: num }), '/properties/list/minContains', 'list[]'],
  ['max-contains-decreased', list({ contains: num }), list({ contains: num, maxContains: 3 }), '/properties/list/maxContains', 'list[]'],
  ['max-contains-increased', list({ contains: num, maxContains: 3 }), list({ contains: num, maxContains: 4 }), '/properties/list/maxContains', 'list[]'],

  ['any-of-branch-added', field({ anyOf: [str, num] }), field({ anyOf: [str, num, { type: 'boolean' }] }), '/properties/a/anyOf/2', 'a'],
  ['any-of-branch-removed', field({ anyOf: [str, num, { type: 'boolean' }] }), field({ anyOf: [str, num] }), '/properties/a/anyOf/2', 'a'],
  ['one-of-branch-added', field({ oneOf: [str, num] }), field({ oneOf: [str, num, { type: 'boolean' }] }), '/properties/a/oneOf/2', 'a'],
  ['one-of-branch-removed', field({ oneOf: [str, num, { type: 'boolean' }] }), field({ oneOf: [str, num] }), '/properties/a/oneOf/2', 'a'],
  ['combinator-too-large-to-compare', field({ anyOf: constants('old') }), field({ anyOf: constants('new') }), '/properties/a/anyOf', 'a'],
  ['one-of-overlapping-branch-added', field({ oneOf: [str, num] }), field({ oneOf: [str, num, { maxLength: 5 }] }), '/properties/a/oneOf/2', 'a'],
  ['one-of-overlapping-branch-removed', field({ oneOf: [str, num, { maxLength: 5 }] }), field({ oneOf: [str, num] }), '/properties/a/oneOf/2', 'a'],
  ['one-of-overlapping-branch-changed', field({ oneOf: [str, { maxLength: 5 }] }), field({ oneOf: [str, { maxLength: 9 }] }), '/properties/a/oneOf/1', 'a'],
  ['any-of-became-one-of', field({ anyOf: [str, { maxLength: 5 }] }), field({ oneOf: [str, { maxLength: 5 }] }), '/properties/a/oneOf', 'a'],
  ['one-of-became-any-of', field({ oneOf: [str, { maxLength: 5 }] }), field({ anyOf: [str, { maxLength: 5 }] }), '/properties/a/anyOf', 'a'],
  ['any-of-added', open, { ...open, anyOf: [{ required: ['a'] }, { required: ['b'] }] }, '/anyOf', undefined],
  ['any-of-removed', { ...open, anyOf: [{ required: ['a'] }, { required: ['b'] }] }, open, '/anyOf', undefined],
  ['one-of-added', open, { ...open, oneOf: [{ required: ['a'] }, { required: ['b'] }] }, '/oneOf', undefined],
  ['one-of-removed', { ...open, oneOf: [{ required: ['a'] }, { required: ['b'] }] }, open, '/oneOf', undefined],
  ['combinator-restructured', field(str), field({ type: 'string', anyOf: [str, num] }), '/properties/a/anyOf', 'a'],
  ['all-of-branch-added', field({ format: 'email' }), field({ format: 'email', allOf: [{ format: 'idn-email' }] }), '/properties/a/allOf/0', 'a'],
  ['all-of-branch-removed', field({ format: 'email', allOf: [{ format: 'idn-email' }] }), field({ format: 'email' }), '/properties/a/allOf/0', 'a'],
  ['not-added', field(str), field({ type: 'string', not: { enum: ['x'] } }), '/properties/a/not', 'a'],
  ['not-removed', field({ type: 'string', not: { enum: ['x'] } }), field(str), '/properties/a/not', 'a'],
  ['not-schema-narrowed', field({ not: num }), field({ not: { type: 'integer' } }), '/properties/a/not', 'a'],
  ['not-schema-widened', field({ not: { type: 'integer' } }), field({ not: num }), '/properties/a/not', 'a'],
  ['not-schema-changed', field({ not: str }), field({ not: num }), '/properties/a/not', 'a'],
  ['condition-added', open, { ...open, if: { required: ['a'] }, then: { required: ['b'] } }, '/if', undefined],
  ['condition-removed', { ...open, if: { required: ['a'] }, then: { required: ['b'] } }, open, '/if', undefined],
  ['condition-changed', { ...open, if: { required: ['a'] }, then: { required: ['b'] } }, { ...open, if: { required: ['c'] }, then: { required: ['b'] } }, '/if', undefined],
  ['ref-target-changed', field({ $ref: 'other.json#/a' }), field({ $ref: 'other.json#/b' }), '/properties/a/$ref', 'a'],

  ['title-changed', field({ title: 'A' }), field({ title: 'B' }), '/properties/a/title', 'a'],
  ['description-changed', field({}), field({ description: 'what a is' }), '/properties/a/description', 'a'],
  ['id-changed', { $id: 'https://example.com/a' }, { $id: 'https://example.com/b' }, '/$id', undefined],
  ['default-changed', field({ default: 1 }), field({ default: 2 }), '/properties/a/default', 'a'],
  ['deprecated-added', field({}), field({ deprecated: true }), '/properties/a/deprecated', 'a'],
  ['deprecated-removed', field({ deprecated: true }), field({ deprecated: false }), '/properties/a/deprecated', 'a'],
  ['read-only-changed', field({}), field({ readOnly: true }), '/properties/a/readOnly', 'a'],
  ['write-only-changed', field({ writeOnly: true }), field({}), '/properties/a/writeOnly', 'a'],
  ['examples-changed', field({ examples: [1] }), field({ examples: [2] }), '/properties/a/examples', 'a'],
];

describe('schema rules: each rule has a pair of schemas that produces it', () => {
  test.each(CASES)('%s', (rule, before, after, path, fieldPath) => {
    const changes = diffSchemas(before, after);
    const match = changes.find((change) => change.rule === rule);
    expect(match, JSON.stringify(changes, null, 1)).toBeDefined();
    expect(match?.path).toBe(path);
    expect(match?.field).toBe(fieldPath);
    expect(match?.message.length).toBeGreaterThan(10);
  });
});

describe('the schema rule catalog', () => {
  const ids: readonly string[] = SCHEMA_RULES.map((rule) => rule.id);

  test('rule ids are kebab-case and unique', () => {
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every rule is produced by a case above, and every case names a catalog rule', () => {
    const covered = new Set(CASES.map(([rule]) => rule));
    expect(ids.filter((id) => !covered.has(id))).toEqual([]);
    expect([...covered].filter((id) => !ids.includes(id))).toEqual([]);
  });

  test('explanations are one sentence and rows are schema rows', () => {
    for (const rule of SCHEMA_RULES) {
      expect(rule.area).toBe('schema');
      expect(rule.explanation).toMatch(/^[A-Z`].*\.$/);
      expect(rule.explanation.slice(0, -1)).not.toMatch(/\.\s/);
    }
  });
});
