import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { diffSchemaDocuments } from '../../../contracts/diff/contract-diff.js';
import type { CompatibilityPolicy } from '../../../contracts/model.js';
import { fcSeed } from '../../support/fc-seed.js';
import { recordSchemaArbitrary } from '../../support/schema-arbitrary.js';
import { applyOnce, mutationNamed } from '../../support/schema-mutations.js';
import type { Site } from '../../support/schema-sites.js';

/**
 * A smoke test of completeness, so soundness is not bought by calling everything breaking: an
 * edit that only lifts a constraint is backward-compatible, and adding an optional property is
 * compatible where no valid record can tell. Adding one to an open model is not backward-
 * compatible under strict (an old record may carry the name with another value as an extra
 * property), so that case is checked under lenient, and forward under strict.
 * Schemas here have no `oneOf`: widening one branch of a `oneOf` can make two branches overlap,
 * which narrows the union.
 */

/** Schemas per row: each run is one diff, and ~25 rows share the file's few seconds. */
const RUNS_PER_ROW = 40;

const schemas = recordSchemaArbitrary({ oneOf: false });

/** Where the edit may land: any site, or only object models of one kind. */
const PLACES = {
  anywhere: (): boolean => true,
  // Open models that accept any value under an undeclared name.
  'an open model': (site: Site): boolean =>
    site.node['additionalProperties'] === undefined || site.node['additionalProperties'] === true,
  'a closed model': (site: Site): boolean => site.node['additionalProperties'] === false,
} as const;

type Row = readonly [mutation: string, place: keyof typeof PLACES, mode: 'backward' | 'forward', policy: CompatibilityPolicy];

const LIFTED_CONSTRAINTS: readonly Row[] = [
  'lower-min-length',
  'raise-max-length',
  'drop-format',
  'drop-pattern',
  'drop-enum',
  'add-enum-value',
  'drop-const',
  'lower-minimum',
  'raise-maximum',
  'inclusive-minimum',
  'inclusive-maximum',
  'drop-multiple-of',
  'lower-min-items',
  'raise-max-items',
  'drop-unique-items',
  'unrequire-property',
  'add-null',
  'integer-to-number',
  'open-model',
  'add-branch',
].map((name) => [name, 'anywhere', 'backward', 'strict'] as const);

const ADDED_OPTIONAL_PROPERTIES: readonly Row[] = [
  ['add-optional-property', 'a closed model', 'backward', 'strict'],
  ['add-optional-property', 'an open model', 'backward', 'lenient'],
  ['add-optional-property', 'an open model', 'forward', 'strict'],
];

describe('completeness smoke test', () => {
  test.each([...LIFTED_CONSTRAINTS, ...ADDED_OPTIONAL_PROPERTIES])('%s at %s is %s-compatible under %s', (name, place, mode, policy) => {
    const mutation = mutationNamed(name);
    expect(mutation, `${name} is in the mutation catalog`).toBeDefined();
    if (mutation === undefined) return;
    let checked = 0;
    fc.assert(
      fc.property(schemas, fc.nat(), fc.nat(), (schema, siteParam, param) => {
        const pair = applyOnce(schema, mutation, siteParam, param, PLACES[place]);
        fc.pre(pair !== undefined);
        if (pair === undefined) return;
        checked += 1;
        const report = diffSchemaDocuments(pair.before, pair.after, { mode, policy });
        const breaking = report.changes
          .filter((change) => change.severity === 'breaking')
          .map((change) => `${change.rule} at ${change.path}: ${change.message}`);
        expect(breaking, `${pair.applied.join(', ')}\nbefore: ${JSON.stringify(pair.before)}\nafter: ${JSON.stringify(pair.after)}`).toEqual([]);
      }),
      { seed: fcSeed(), numRuns: RUNS_PER_ROW },
    );
    expect(checked).toBe(RUNS_PER_ROW);
  });
});
