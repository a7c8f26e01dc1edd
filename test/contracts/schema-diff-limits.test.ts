import { describe, expect, test } from 'vitest';
import { MAX_BRANCH_COMPARISONS, MAX_DIFF_DEPTH, MAX_DISJOINTNESS_DEPTH, MAX_TRIVIALITY_DEPTH } from '../../contracts/diff/diff-limits.js';
import { diffSchemas } from '../../contracts/diff/schema-diff.js';
import { ConcordError } from '../../contracts/errors.js';
import type { JsonSchema } from '../../contracts/model.js';

/** `levels` levels of `{properties: {x: ...}}` around `leaf`. */
function nested(levels: number, leaf: JsonSchema): JsonSchema {
  let schema = leaf;
  for (let level = 0; level < levels; level += 1) schema = { properties: { x: schema } };
  return schema;
}

/** `levels` levels of `{allOf: [...]}` around `leaf`. */
function allOfChain(levels: number, leaf: JsonSchema): JsonSchema {
  let schema = leaf;
  for (let level = 0; level < levels; level += 1) schema = { allOf: [schema] };
  return schema;
}

function tooLarge(call: () => unknown): string | undefined {
  try {
    call();
    return undefined;
  } catch (error) {
    return error instanceof ConcordError ? error.code : 'other';
  }
}

describe('MAX_DIFF_DEPTH', () => {
  test('a change nested MAX_DIFF_DEPTH - 1 levels deep is found; one level more is too-large', () => {
    const changes = diffSchemas(nested(MAX_DIFF_DEPTH - 1, { type: 'string' }), nested(MAX_DIFF_DEPTH - 1, { type: 'number' }));
    expect(changes.map((change) => change.rule)).toEqual(['type-changed']);
    expect(changes[0]?.field).toBe(Array(MAX_DIFF_DEPTH - 1).fill('x').join('.'));
    expect(tooLarge(() => diffSchemas(nested(MAX_DIFF_DEPTH, { type: 'string' }), nested(MAX_DIFF_DEPTH, { type: 'number' })))).toBe('too-large');
  });

  test('an allOf chain MAX_DIFF_DEPTH levels deep is merged; one level more is too-large', () => {
    expect(diffSchemas(allOfChain(MAX_DIFF_DEPTH, { type: 'string' }), { type: 'number' }).map((change) => change.rule)).toEqual(['type-changed']);
    expect(tooLarge(() => diffSchemas(allOfChain(MAX_DIFF_DEPTH + 1, { type: 'string' }), { type: 'number' }))).toBe('too-large');
  });
});

/** Objects told apart by a `const` at `levels` levels of required properties. */
function tagged(levels: number, tag: string): JsonSchema {
  let schema: JsonSchema = { const: tag };
  for (let level = 0; level < levels; level += 1) schema = { type: 'object', required: ['x'], properties: { x: schema } };
  return schema;
}

describe('MAX_DISJOINTNESS_DEPTH', () => {
  test.each([
    [MAX_DISJOINTNESS_DEPTH, 'one-of-branch-added'],
    [MAX_DISJOINTNESS_DEPTH + 1, 'one-of-overlapping-branch-added'],
  ])('a oneOf branch told apart %i levels deep is %s', (levels, rule) => {
    const before = { oneOf: [tagged(levels, 'a'), tagged(levels, 'b')] };
    const after = { oneOf: [tagged(levels, 'a'), tagged(levels, 'b'), tagged(levels, 'c')] };
    expect(diffSchemas(before, after).map((change) => change.rule)).toEqual([rule]);
  });
});

describe('MAX_TRIVIALITY_DEPTH', () => {
  test.each([
    [MAX_TRIVIALITY_DEPTH, []],
    [MAX_TRIVIALITY_DEPTH + 1, ['property-added-to-open-model']],
  ])('a property added with empty schemas %i levels deep reports %j', (levels, rules) => {
    const after = { properties: { a: nested(levels, {}) } };
    expect(diffSchemas({ properties: {} }, after).map((change) => change.rule)).toEqual(rules);
  });
});

/** An order schema with `count` properties of a few constraints each; `bump` changes every seventh. */
function wide(count: number, bump: number): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (let index = 0; index < count; index += 1) {
    const kind = index % 4;
    const changed = index % 7 === 0 ? bump : 0;
    properties[`field_${index}`] =
      kind === 0 ? { type: 'string', minLength: 1, maxLength: 40 + changed, description: `field ${index}` }
        : kind === 1 ? { type: 'integer', minimum: changed, maximum: 1000 }
          : kind === 2 ? { type: ['string', 'null'], enum: ['a', 'b', null] }
            : { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, maxItems: 10 + changed };
  }
  return { type: 'object', required: ['field_0'], additionalProperties: false, properties };
}

describe('wide schemas', () => {
  test('two schemas of 2,000 properties compare property by property', () => {
    const changes = diffSchemas(wide(2000, 0), wide(2000, 5));
    const edited = Array.from({ length: 2000 }, (_, index) => index).filter((index) => index % 7 === 0 && index % 4 !== 2);
    expect(changes).toHaveLength(edited.length);
    expect(changes[0]).toMatchObject({ rule: 'max-length-increased', path: '/properties/field_0/maxLength', field: 'field_0', before: 40, after: 45 });
    expect(changes.find((change) => change.field === 'field_7')).toMatchObject({ rule: 'max-items-increased' });
    expect(changes.find((change) => change.field === 'field_21')).toMatchObject({ rule: 'minimum-increased' });
  });
});

describe('MAX_BRANCH_COMPARISONS', () => {
  /** A field `a` with an `anyOf` of `count` string constants named `prefix0`, `prefix1`, ... */
  const union = (prefix: string, count: number): JsonSchema => ({
    type: 'object',
    properties: { a: { anyOf: Array.from({ length: count }, (_, index) => ({ const: `${prefix}${index}` })) } },
  });
  // 400 x 500 rewritten branches are exactly MAX_BRANCH_COMPARISONS likeness scores; 401 x 500 are 500 more.
  const [OLD, NEW] = [MAX_BRANCH_COMPARISONS / 500, 500];

  test('rewritten branches within the budget are paired one by one; one more old branch is capped, cautiously', () => {
    const within = diffSchemas(union('old', OLD), union('new', NEW)).map((change) => change.rule);
    expect(within).not.toContain('combinator-too-large-to-compare');
    // Every old branch is paired with a new one by likeness and compared; the other new ones are added.
    expect(within.filter((rule) => rule === 'any-of-branch-added')).toHaveLength(NEW - OLD);
    expect(within.filter((rule) => rule === 'any-of-branch-removed')).toHaveLength(0);

    const past = diffSchemas(union('old', OLD + 1), union('new', NEW));
    expect(past.filter((change) => change.rule === 'combinator-too-large-to-compare')).toEqual([
      expect.objectContaining({ path: '/properties/a/anyOf', field: 'a', message: expect.stringContaining(`${OLD + 1} old and ${NEW} new branches differ`) }),
    ]);
    expect(past.filter((change) => change.rule === 'any-of-branch-removed')).toHaveLength(OLD + 1);
    expect(past.filter((change) => change.rule === 'any-of-branch-added')).toHaveLength(NEW);
  });

  test('identical branches cost nothing: 10,000 branches with one changed are compared exactly', () => {
    const wide = (changed: number): JsonSchema => ({
      type: 'object',
      properties: { a: { oneOf: Array.from({ length: 10_000 }, (_, index) => ({ type: 'object', properties: { kind: { const: `k${index}` }, v: { type: index === changed ? 'integer' : 'string' } }, required: ['kind'] })) } },
    });
    const changes = diffSchemas(wide(-1), wide(7_000));
    expect(changes.map((change) => [change.rule, change.path])).toEqual([['type-changed', '/properties/a/oneOf/7000/properties/v/type']]);
  });
});
