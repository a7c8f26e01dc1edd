import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { jsonEqual } from '../../contracts/diff/canonical-json.js';
import { checkAgainstHistory } from '../../contracts/diff/contract-diff.js';
import { prepareSchema } from '../../contracts/diff/prepared-schema.js';
import { diffSchemas } from '../../contracts/diff/schema-diff.js';
import { frozenKey, sameJson } from '../../contracts/diff/subtree-key.js';
import { prepareSchema as exported } from '../../contracts/index.js';
import type { Contract, JsonSchema } from '../../contracts/model.js';
import { fcSeed } from '../support/fc-seed.js';
import { recordSchemaArbitrary } from '../support/schema-arbitrary.js';
import { mutatedPairArbitrary } from '../support/schema-mutations.js';
import type { SchemaObject } from '../support/schema-node.js';
import { cloneSchema } from '../support/schema-node.js';

/**
 * Prepared (frozen) schemas are normalized once and their unchanged subtrees skipped by key;
 * that must never change a finding, and an unfrozen schema edited between two diffs must be
 * read afresh.
 */

/** Pairs per property: each run is a handful of diffs, so 100 keep the file to a few seconds. */
const RUNS = 100;
/** Histories per property: each is up to eight schemas checked twice. fast-check needs a whole number. */
const HISTORY_RUNS = 34;

const parameters = (): fc.Parameters<unknown> => ({ seed: fcSeed(), numRuns: RUNS });

function deepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(deepFrozen);
}

function contractAt(version: string, schema: JsonSchema): Contract {
  return {
    id: 'commerce.orders',
    version,
    owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
    status: 'active',
    compatibility: { mode: 'full_transitive', policy: 'strict' },
    schema,
    metrics: [],
    features: [],
    sources: [],
    tags: [],
  };
}

describe('prepared schemas give the findings of fresh ones', () => {
  test('for random edits, in both directions, the first time and from the memo', () => {
    fc.assert(
      fc.property(mutatedPairArbitrary(recordSchemaArbitrary()), ({ before, after }) => {
        const fresh = diffSchemas(cloneSchema(before), cloneSchema(after));
        const backwards = diffSchemas(cloneSchema(after), cloneSchema(before));
        const [old, now] = [prepareSchema(cloneSchema(before)), prepareSchema(cloneSchema(after))];
        expect(diffSchemas(old, now)).toEqual(fresh);
        expect(diffSchemas(old, now)).toEqual(fresh);
        // Each prepared schema now plays the other side, with shapes kept from its first role.
        expect(diffSchemas(now, old)).toEqual(backwards);
        expect(diffSchemas(old, old)).toEqual([]);
        expect(diffSchemas(old, cloneSchema(after))).toEqual(fresh);
      }),
      parameters(),
    );
  });

  test('for a history checked transitively, with and without prepared versions', () => {
    fc.assert(
      fc.property(fc.array(mutatedPairArbitrary(recordSchemaArbitrary()), { minLength: 2, maxLength: 4 }), (pairs) => {
        const schemas = pairs.flatMap(({ before, after }) => [before, after]);
        const candidate = schemas.at(-1) as SchemaObject;
        const history = schemas.slice(0, -1).map((schema, index) => contractAt(`1.${index}.0`, schema));
        const fresh = checkAgainstHistory(contractAt('2.0.0', cloneSchema(candidate)), history.map((entry) => ({ ...entry, schema: cloneSchema(entry.schema) })));
        const prepared = history.map((entry) => ({ ...entry, schema: prepareSchema(cloneSchema(entry.schema)) }));
        const preparedCandidate = contractAt('2.0.0', prepareSchema(cloneSchema(candidate)));
        expect(checkAgainstHistory(preparedCandidate, prepared)).toEqual(fresh);
        expect(checkAgainstHistory(preparedCandidate, prepared)).toEqual(fresh);
      }),
      { ...parameters(), numRuns: HISTORY_RUNS },
    );
  });
});

/** A schema with one string property, and edits that change what it means. */
const EDITS: readonly (readonly [edit: string, apply: (schema: SchemaObject) => void, rule: string])[] = [
  ['a property type changed', (schema) => ((schema['properties'] as SchemaObject)['id'] = { type: 'integer' }), 'type-changed'],
  ['a nested keyword tightened', (schema) => (((schema['properties'] as SchemaObject)['id'] as SchemaObject)['maxLength'] = 5), 'max-length-added'],
  ['a property added to the required list', (schema) => (schema['required'] as string[]).push('name'), 'required-added'],
];

function base(): SchemaObject {
  return { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id'] };
}

function rulesOf(before: JsonSchema, after: JsonSchema): string[] {
  return diffSchemas(before, after).map((change) => change.rule);
}

describe('an unfrozen schema edited between two diffs is read afresh', () => {
  test.each(EDITS)('%s', (_edit, apply, rule) => {
    const before = base();
    const after = base();
    expect(rulesOf(before, after)).toEqual([]);
    apply(after);
    expect(rulesOf(before, after)).toContain(rule);
    expect(rulesOf(before, after)).toEqual(rulesOf(before, cloneSchema(after)));
  });

  test.each(EDITS)('%s, in a schema frozen only at the top', (_edit, apply, rule) => {
    const after = base();
    const frozenTop = Object.freeze(after);
    expect(rulesOf(base(), frozenTop)).toEqual([]);
    apply(after);
    expect(rulesOf(base(), frozenTop)).toContain(rule);
  });

  test('in a transitive check of a candidate edited between two checks', () => {
    const candidate = contractAt('1.2.0', base());
    const history = [contractAt('1.0.0', base()), contractAt('1.1.0', base())];
    expect(checkAgainstHistory(candidate, history).compatible).toBe(true);
    ((candidate.schema as SchemaObject)['properties'] as SchemaObject)['id'] = { type: 'integer' };
    const check = checkAgainstHistory(candidate, history);
    expect(check.compatible).toBe(false);
    expect(check.comparisons.map((comparison) => comparison.report.changes.map((change) => change.rule))).toEqual([['type-changed'], ['type-changed']]);
  });
});

describe('prepareSchema', () => {
  test('returns a copy frozen all the way down and leaves the given schema as it was', () => {
    const given = base();
    const prepared = prepareSchema(given);
    expect(prepared).not.toBe(given);
    expect(prepared).toEqual(given);
    expect(deepFrozen(prepared)).toBe(true);
    expect(Object.isFrozen(given)).toBe(false);
    expect(exported).toBe(prepareSchema);
  });

  test('returns a schema already frozen all the way down as it is, and booleans as they are', () => {
    const prepared = prepareSchema(base());
    expect(prepareSchema(prepared)).toBe(prepared);
    expect(prepareSchema(true)).toBe(true);
  });

  test('a prepared schema cannot be edited, so its kept shapes cannot go stale', () => {
    const prepared = prepareSchema(base()) as SchemaObject;
    const findings = diffSchemas(prepared, base());
    expect(() => {
      ((prepared['properties'] as SchemaObject)['id'] as SchemaObject)['type'] = 'integer';
    }).toThrow(TypeError);
    expect(diffSchemas(prepared, base())).toEqual(findings);
  });
});

describe('subtree keys agree with jsonEqual', () => {
  const CASES: readonly (readonly [name: string, first: unknown, second: unknown])[] = [
    ['key order', { a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }],
    ['a different nested value', { a: { b: 1 } }, { a: { b: 2 } }],
    ['null against undefined', { a: null }, { a: undefined }],
    ['an undefined member against none', { a: undefined }, {}],
    ['array order', [1, 2], [2, 1]],
    ['a hole against undefined', [1, , 3], [1, undefined, 3]], // eslint-disable-line no-sparse-arrays
    ['NaN', { a: Number.NaN }, { a: Number.NaN }],
    ['Infinity', { a: Number.POSITIVE_INFINITY }, { a: Number.POSITIVE_INFINITY }],
    ['zero and minus zero', { a: 0 }, { a: -0 }],
    ['a number against its text', { a: 1 }, { a: '1' }],
    ['the same $ref', { $ref: '#/definitions/a' }, { $ref: '#/definitions/a' }],
    ['a nested $dynamicRef', { items: { $dynamicRef: '#node' } }, { items: { $dynamicRef: '#node' } }],
    ['an object against an array', {}, []],
  ];

  test.each(CASES)('%s', (_name, first, second) => {
    for (const refsDiffer of [false, true]) {
      const expected = jsonEqual(first, second, refsDiffer);
      expect(sameJson(structuredClone(first), structuredClone(second), refsDiffer)).toBe(expected);
      expect(sameJson(prepareSchema(structuredClone(first) as JsonSchema), prepareSchema(structuredClone(second) as JsonSchema), refsDiffer)).toBe(expected);
      const same = prepareSchema(structuredClone(first) as JsonSchema);
      expect(sameJson(same, same, refsDiffer)).toBe(jsonEqual(same, same, refsDiffer));
    }
  });

  test('only values frozen all the way down get a key', () => {
    const inner = { type: 'string' };
    const outer = Object.freeze({ properties: Object.freeze({ id: inner }) });
    expect(frozenKey(outer)).toBeUndefined();
    Object.freeze(inner);
    expect(frozenKey(inner)?.text).toBe('{"type":"string"}');
  });
});
