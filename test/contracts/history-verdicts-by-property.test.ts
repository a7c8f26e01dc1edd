import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { contractChanges } from '../../contracts/diff/contract-diff.js';
import {
  contractVerdict,
  judgedByProperty,
  MAX_REMEMBERED_PROPERTY_VERDICTS,
  rememberedPropertyVerdicts,
  verdictOf,
} from '../../contracts/diff/history-verdicts.js';
import { prepareSchema } from '../../contracts/diff/prepared-schema.js';
import type { CompatibilityMode, CompatibilityPolicy, Contract, JsonSchema } from '../../contracts/model.js';
import { fcSeed } from '../support/fc-seed.js';
import { recordSchemaArbitrary } from '../support/schema-arbitrary.js';

/*
 * Verdicts folded property by property must decide exactly as the engine does on the whole
 * schemas: generated pairs share their root's rest and differ in properties kept, changed, added
 * and dropped, and each verdict is checked against the one the full list of changes gives.
 */

type SchemaObject = Record<string, unknown>;

const MODES: readonly CompatibilityMode[] = ['forward_transitive', 'backward_transitive', 'full_transitive'];
const POLICIES: readonly CompatibilityPolicy[] = ['strict', 'lenient'];
const RUNS = 150;
/** Share of generated pairs that must take the per-property path, so the property is not vacuous. */
const MIN_SPLIT_SHARE = 0.3;

function contract(version: string, schema: JsonSchema): Contract {
  return {
    contract: 'commerce.orders',
    version,
    owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
    compatibility: { mode: 'full_transitive', policy: 'strict' },
    schema: prepareSchema(schema),
    metrics: [],
    features: [],
  } as unknown as Contract;
}

/** A later root: the same rest, each earlier property kept, swapped for another or dropped, and some new ones. */
const pairArbitrary = fc
  .tuple(
    recordSchemaArbitrary({ maxDepth: 1 }),
    recordSchemaArbitrary({ maxDepth: 1 }),
    fc.array(fc.constantFrom('keep', 'swap', 'drop'), { minLength: 8, maxLength: 8 }),
    fc.constantFrom(undefined, true, false),
    fc.constantFrom(undefined, ['id'], ['amount', 'status']),
  )
  .map(([first, second, fates, additional, required]) => {
    const rest: SchemaObject = { type: 'object' };
    if (additional !== undefined) rest.additionalProperties = additional;
    if (required !== undefined) rest.required = required;
    const oldProperties = (first.properties ?? {}) as SchemaObject;
    // The second root's refs point into its own definitions, which the pair does not carry.
    const otherProperties = (second.definitions === undefined ? (second.properties ?? {}) : {}) as SchemaObject;
    const newProperties: SchemaObject = {};
    Object.keys(oldProperties).forEach((name, index) => {
      const fate = fates[index % fates.length];
      if (fate === 'keep') newProperties[name] = oldProperties[name];
      else if (fate === 'swap' && otherProperties[name] !== undefined) newProperties[name] = otherProperties[name];
    });
    for (const [name, schema] of Object.entries(otherProperties)) if (!(name in newProperties) && !(name in oldProperties)) newProperties[name] = schema;
    const withDefinitions = (root: SchemaObject, properties: SchemaObject): JsonSchema =>
      ({ ...rest, properties, ...(root.definitions !== undefined ? { definitions: root.definitions } : {}) }) as JsonSchema;
    return [withDefinitions(first, oldProperties), withDefinitions(first, newProperties)] as const;
  });

describe('verdicts folded property by property', () => {
  test.each(MODES.flatMap((mode) => POLICIES.map((policy) => [mode, policy] as const)))('in %s (%s) they decide as the engine on the whole schemas', (mode, policy) => {
    let [split, pairs] = [0, 0];
    fc.assert(
      fc.property(pairArbitrary, ([beforeSchema, afterSchema]) => {
        const [before, after] = [contract('1.0.0', beforeSchema), contract('1.1.0', afterSchema)];
        pairs += 1;
        if (judgedByProperty(before.schema, after.schema)) split += 1;
        expect(contractVerdict(before, after, mode, policy)).toEqual(verdictOf(contractChanges(before, after), mode, policy));
        // Reversed, the added properties are dropped ones.
        expect(contractVerdict(after, before, mode, policy)).toEqual(verdictOf(contractChanges(after, before), mode, policy));
      }),
      { seed: fcSeed(), numRuns: RUNS },
    );
    expect(split / pairs).toBeGreaterThan(MIN_SPLIT_SHARE);
  });

  test.each([
    ['a rest that differs', { type: 'object', properties: { a: { type: 'string' } } }, { type: 'object', required: ['a'], properties: { a: { type: 'string' } } }, false],
    ['a $ref', { type: 'object', properties: { a: { $ref: '#/definitions/d' } }, definitions: { d: { type: 'string' } } }, { type: 'object', properties: { a: { $ref: '#/definitions/d' } }, definitions: { d: { type: 'string' } } }, false],
    ['patternProperties', { type: 'object', patternProperties: { '^x': {} }, properties: {} }, { type: 'object', patternProperties: { '^x': {} }, properties: {} }, false],
    ['a schema for additionalProperties', { type: 'object', additionalProperties: { type: 'string' }, properties: {} }, { type: 'object', additionalProperties: { type: 'string' }, properties: {} }, false],
    ['the same rest of type, required and a boolean additionalProperties', { type: 'object', required: ['a'], additionalProperties: false, properties: { a: {} } }, { type: 'object', required: ['a'], additionalProperties: false, properties: { b: {} } }, true],
  ])('%s decides whether the per-property path is taken', (_name, before, after, expected) => {
    expect(judgedByProperty(prepareSchema(before as JsonSchema), prepareSchema(after as JsonSchema))).toBe(expected);
    expect(judgedByProperty(before as JsonSchema, after as JsonSchema)).toBe(false);
  });

  test(`remembers at most ${MAX_REMEMBERED_PROPERTY_VERDICTS} per-name verdicts across candidates, going one past it`, () => {
    const properties = Object.fromEntries(Array.from({ length: MAX_REMEMBERED_PROPERTY_VERDICTS + 1 }, (_unused, index) => [`field_${index}`, { type: 'string', maxLength: index }]));
    const before = contract('1.0.0', { type: 'object', properties: {} });
    const after = contract('1.1.0', { type: 'object', properties });
    expect(contractVerdict(before, after, 'full_transitive', 'lenient')).toEqual(verdictOf(contractChanges(before, after), 'full_transitive', 'lenient'));
    expect(rememberedPropertyVerdicts()).toBe(MAX_REMEMBERED_PROPERTY_VERDICTS);
  });
});
