import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { diffSchemaDocuments } from '../../../contracts/diff/contract-diff.js';
import { diffSchemas } from '../../../contracts/diff/schema-diff.js';
import { annotate, inlineRefs, reverseKeys, reverseUnorderedLists } from '../../support/equivalent-rewrites.js';
import { fcSeed } from '../../support/fc-seed.js';
import { recordSchemaArbitrary } from '../../support/schema-arbitrary.js';
import type { SchemaObject } from '../../support/schema-node.js';
import { cloneSchema } from '../../support/schema-node.js';
import { mutatedPairArbitrary } from '../../support/schema-mutations.js';

/**
 * Schemas that mean the same must diff as compatible, and the two directions must agree with
 * each other: a pair is forward-compatible exactly when the reversed pair is backward-compatible.
 */

/** Schemas per property: each run is one or two diffs and no validation, so 200 take about a second. */
const RUNS = 200;

const parameters = (): fc.Parameters<unknown> => ({ seed: fcSeed(), numRuns: RUNS });

function breakingOf(before: SchemaObject, after: SchemaObject): string[] {
  return diffSchemaDocuments(before, after, { mode: 'full', policy: 'strict' })
    .changes.filter((change) => change.severity === 'breaking')
    .map((change) => `${change.rule} at ${change.path}: ${change.message}`);
}

describe('diffing a schema with itself', () => {
  test.each([
    ['the same object', (schema: SchemaObject) => schema],
    ['a deep copy', (schema: SchemaObject) => cloneSchema(schema)],
    ['a deep copy with every key order reversed', (schema: SchemaObject) => reverseKeys(schema) as SchemaObject],
  ])('against %s gives no changes', (_name, copy) => {
    fc.assert(
      fc.property(recordSchemaArbitrary(), (schema) => {
        expect(diffSchemas(schema, copy(schema))).toEqual([]);
      }),
      parameters(),
    );
  });
});

describe('rewrites that keep the meaning are fully compatible under strict', () => {
  test.each([
    ['reversed required, enum and type lists', (schema: SchemaObject) => reverseUnorderedLists(schema)],
    ['titles, descriptions and examples added', (schema: SchemaObject) => annotate(schema, 1)],
    ['every $ref replaced by its definition', (schema: SchemaObject) => inlineRefs(schema)],
  ])('%s', (_name, rewrite) => {
    fc.assert(
      fc.property(recordSchemaArbitrary(), (schema) => {
        expect(breakingOf(schema, rewrite(schema))).toEqual([]);
      }),
      parameters(),
    );
  });
});

describe('direction duality under strict', () => {
  test('a pair is forward-compatible exactly when the reversed pair is backward-compatible', () => {
    fc.assert(
      fc.property(mutatedPairArbitrary(recordSchemaArbitrary()), ({ before, after, applied }) => {
        const forward = diffSchemaDocuments(before, after, { mode: 'forward', policy: 'strict' }).compatible;
        const backward = diffSchemaDocuments(after, before, { mode: 'backward', policy: 'strict' }).compatible;
        expect(backward, `edits: ${applied.join(', ')}`).toBe(forward);
      }),
      parameters(),
    );
  });
});
