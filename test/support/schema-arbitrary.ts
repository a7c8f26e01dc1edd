import fc from 'fast-check';
import type { SchemaObject } from './schema-node.js';
import { isSchemaObject, setTypes, typesOf } from './schema-node.js';
import { SAFE_PATTERNS, STRING_FORMATS } from './string-patterns.js';

/**
 * Random record schemas shaped like real data contracts: an object root with nested objects,
 * arrays, nullable fields, enums, a couple of `anyOf`/`oneOf` unions and internal `$ref`s.
 * Every schema admits at least one record, so a record generator always has something to make.
 */

/** Property names shared with the mutations and the record generator's extra properties, so an
 * added property can collide with an extra one that old records already carry. */
export const PROPERTY_NAMES = Object.freeze([
  'id',
  'name',
  'email',
  'status',
  'amount',
  'quantity',
  'created_at',
  'note',
  'tags',
  'active',
  'score',
  'currency',
  'address',
  'channel',
]);

export const ENUM_WORDS = Object.freeze(['paid', 'shipped', 'open', 'closed', 'eur', 'usd', 'red', 'blue', '']);

export const INTEGER_MULTIPLES = Object.freeze([2, 3, 5, 10]);
/** Binary fractions only, so `k * multipleOf` is exact and ajv's division check never rounds. */
export const NUMBER_MULTIPLES = Object.freeze([0.25, 0.5, 2.5]);

export const DEFINITION_REFS = Object.freeze(['#/definitions/Address', '#/definitions/Code']);

export interface SchemaShape {
  /** Deepest nesting of objects, arrays and unions below the root. Default 2. */
  readonly maxDepth?: number;
  /** Whether `oneOf` unions appear; a widening inside a `oneOf` branch can narrow the union. Default true. */
  readonly oneOf?: boolean;
}

const lengthBounds = fc
  .record({ min: fc.option(fc.integer({ min: 0, max: 4 })), span: fc.option(fc.integer({ min: 0, max: 12 })) })
  .map(({ min, span }) => ({
    ...(min !== null ? { minLength: min } : {}),
    ...(span !== null ? { maxLength: (min ?? 0) + span } : {}),
  }));

const stringSchema: fc.Arbitrary<SchemaObject> = fc.oneof(
  { weight: 3, arbitrary: lengthBounds.map((bounds) => ({ type: 'string', ...bounds })) },
  fc
    .uniqueArray(fc.constantFrom(...ENUM_WORDS), { minLength: 1, maxLength: 4 })
    .map((values) => ({ type: 'string', enum: values })),
  fc.constantFrom(...ENUM_WORDS).map((value) => ({ type: 'string', const: value })),
  fc.constantFrom(...STRING_FORMATS).map((format) => ({ type: 'string', format })),
  fc.constantFrom(...SAFE_PATTERNS).map((entry) => ({ type: 'string', pattern: entry.pattern })),
);

/** Numeric bounds wide enough that a multiple of `multipleOf` always lies strictly inside them. */
function numericSchema(type: 'integer' | 'number', multiples: readonly number[], step: number): fc.Arbitrary<SchemaObject> {
  return fc
    .record({
      low: fc.option(fc.integer({ min: -100, max: 100 })),
      span: fc.option(fc.integer({ min: 0, max: 200 })),
      lowExclusive: fc.boolean(),
      highExclusive: fc.boolean(),
      multipleOf: fc.option(fc.constantFrom(...multiples)),
    })
    .map(({ low, span, lowExclusive, highExclusive, multipleOf }) => {
      const node: SchemaObject = { type };
      const lowValue = low === null ? undefined : low * step;
      if (lowValue !== undefined) node[lowExclusive ? 'exclusiveMinimum' : 'minimum'] = lowValue;
      if (span !== null) {
        const width = Math.max(span * step, 2 * (multipleOf ?? 1) + 2);
        node[highExclusive ? 'exclusiveMaximum' : 'maximum'] = (lowValue ?? 0) + width;
      }
      if (multipleOf !== null) node['multipleOf'] = multipleOf;
      return node;
    });
}

const untypedEnum = fc
  .uniqueArray(fc.constantFrom<unknown>('a', 'b', 1, 2, true, null), { minLength: 1, maxLength: 3 })
  .map((values) => ({ enum: values }));

/** Makes a scalar leaf admit null too, the way a field is made nullable by hand. */
function nullable(node: SchemaObject): SchemaObject {
  const copy: SchemaObject = { ...node };
  setTypes(copy, [...typesOf(copy), 'null']);
  if (Array.isArray(copy['enum'])) copy['enum'] = [...(copy['enum'] as unknown[]), null];
  if ('const' in copy) {
    copy['enum'] = [copy['const'], null];
    delete copy['const'];
  }
  return copy;
}

const scalar: fc.Arbitrary<SchemaObject> = fc.oneof(
  { weight: 4, arbitrary: stringSchema },
  { weight: 2, arbitrary: numericSchema('integer', INTEGER_MULTIPLES, 1) },
  { weight: 2, arbitrary: numericSchema('number', NUMBER_MULTIPLES, 0.5) },
  { weight: 1, arbitrary: fc.constant({ type: 'boolean' }) },
  { weight: 1, arbitrary: fc.constant({ type: 'null' }) },
  { weight: 1, arbitrary: untypedEnum },
);

const scalarTypes = ['string', 'integer', 'number', 'boolean'];
const leaf: fc.Arbitrary<SchemaObject> = fc
  .tuple(scalar, fc.integer({ min: 0, max: 3 }))
  .map(([node, dice]) => (dice === 0 && typesOf(node).length === 1 && scalarTypes.includes(typesOf(node)[0] ?? '') ? nullable(node) : node));

/** Union branches of different JSON types (integer and number count as one), so `oneOf` is disjoint. */
const unionBranches: fc.Arbitrary<SchemaObject[]> = fc
  .uniqueArray(fc.constantFrom('string', 'integer', 'boolean', 'null', 'array'), { minLength: 2, maxLength: 3 })
  .chain((types) =>
    fc.tuple(
      ...types.map((type) => {
        if (type === 'string') return stringSchema.filter((node) => !('const' in node));
        if (type === 'integer') return numericSchema('integer', INTEGER_MULTIPLES, 1);
        if (type === 'array') return fc.constant<SchemaObject>({ type: 'array', items: { type: 'string' } });
        return fc.constant<SchemaObject>({ type });
      }),
    ),
  );

function objectSchema(child: fc.Arbitrary<SchemaObject>, minProperties: number, maxProperties: number): fc.Arbitrary<SchemaObject> {
  return fc
    .record({
      entries: fc.uniqueArray(fc.tuple(fc.constantFrom(...PROPERTY_NAMES), child, fc.boolean()), {
        minLength: minProperties,
        maxLength: maxProperties,
        selector: ([name]) => name,
      }),
      // Closed models twice as often as any other kind: data contracts usually close their records.
      extras: fc.constantFrom<unknown>(undefined, true, false, false, { type: 'string' }, { type: 'integer' }),
    })
    .map(({ entries, extras }) => {
      const node: SchemaObject = { type: 'object', properties: Object.fromEntries(entries.map(([name, schema]) => [name, schema])) };
      const required = entries.filter(([, , isRequired]) => isRequired).map(([name]) => name);
      if (required.length > 0) node['required'] = required;
      if (extras !== undefined) node['additionalProperties'] = extras;
      return node;
    });
}

function arraySchema(child: fc.Arbitrary<SchemaObject>): fc.Arbitrary<SchemaObject> {
  return fc
    .record({ items: child, min: fc.option(fc.integer({ min: 0, max: 2 })), span: fc.option(fc.integer({ min: 0, max: 4 })), unique: fc.boolean() })
    .map(({ items, min, span, unique }) => {
      const node: SchemaObject = { type: 'array', items };
      if (min !== null) node['minItems'] = min;
      if (span !== null) node['maxItems'] = (min ?? 0) + span;
      // Uniqueness only over wide scalar domains: a short enum cannot fill minItems distinct slots.
      if (unique && isWideScalar(items) && (min ?? 0) <= 1) node['uniqueItems'] = true;
      return node;
    });
}

function isWideScalar(node: SchemaObject): boolean {
  const types = typesOf(node);
  return types.length === 1 && ['string', 'integer', 'number'].includes(types[0] ?? '') && !('enum' in node) && !('const' in node);
}

function nodeArbitrary(depth: number, shape: Required<SchemaShape>, refs: boolean): fc.Arbitrary<SchemaObject> {
  const leaves = refs
    ? fc.oneof({ weight: 8, arbitrary: leaf }, { weight: 1, arbitrary: fc.constantFrom(...DEFINITION_REFS).map((ref) => ({ $ref: ref })) })
    : leaf;
  if (depth <= 0) return leaves;
  const child = nodeArbitrary(depth - 1, shape, refs);
  const unions = shape.oneOf
    ? fc.oneof(unionBranches.map((anyOf) => ({ anyOf })), unionBranches.map((oneOf) => ({ oneOf })))
    : unionBranches.map((anyOf) => ({ anyOf }));
  return fc.oneof(
    { weight: 6, arbitrary: leaves },
    { weight: 2, arbitrary: objectSchema(child, 1, 4) },
    { weight: 1, arbitrary: arraySchema(child) },
    { weight: 1, arbitrary: unions },
  );
}

function usedRefs(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((entry) => usedRefs(entry, found));
  else if (isSchemaObject(node)) {
    if (typeof node['$ref'] === 'string') found.add(node['$ref']);
    Object.values(node).forEach((entry) => usedRefs(entry, found));
  }
  return found;
}

/**
 * Random record schemas: an object root with 2 to 6 properties; `definitions` holds only the
 * definitions some `$ref` uses. Defaults: nesting depth 2 below the root, `oneOf` included.
 */
export function recordSchemaArbitrary(shape: SchemaShape = {}): fc.Arbitrary<SchemaObject> {
  const full: Required<SchemaShape> = { maxDepth: shape.maxDepth ?? 2, oneOf: shape.oneOf ?? true };
  const definitions = fc.record({
    Address: objectSchema(nodeArbitrary(0, full, false), 1, 3),
    Code: stringSchema,
  });
  return fc
    .tuple(objectSchema(nodeArbitrary(full.maxDepth, full, true), 2, 6), definitions)
    .map(([root, defs]) => {
      const used = usedRefs(root, new Set());
      const kept = Object.entries(defs).filter(([name]) => used.has(`#/definitions/${name}`));
      return kept.length === 0 ? root : { ...root, definitions: Object.fromEntries(kept) };
    });
}
