import fc from 'fast-check';
import type { JsonSchema } from '../../contracts/model.js';
import { numberArbitrary, integerArbitrary } from './number-arbitrary.js';
import { PROPERTY_NAMES } from './schema-arbitrary.js';
import type { SchemaObject } from './schema-node.js';
import { canonicalJson } from '../../contracts/diff/canonical-json.js';
import { isSchemaObject, numberOf, resolveRef, typesOf } from './schema-node.js';
import {
  formatStringArbitrary,
  isStringFormat,
  patternFitsLengths,
  patternStringArbitrary,
  safePattern,
} from './string-patterns.js';

/**
 * Records a schema admits, biased to the edges a compatibility engine gets wrong: bounds and
 * lengths at their limits, empty strings and arrays, optional fields left out, null where it is
 * allowed, and extra properties (named like real ones) where the model is open.
 * Best effort: a caller checks each record with a validator before relying on it.
 */

/** Longest string made for a field without maxLength; long enough to break a later added maxLength of 20 or so. */
const SOFT_MAX_LENGTH = 64;
/** Longest array made for a field without maxItems, past the maxItems a mutation adds. */
const SOFT_MAX_ITEMS = 6;
/** Extra properties per object: enough to collide with an added property now and then. */
const MAX_EXTRA_PROPERTIES = 2;
/** Nesting through `$ref`s and open models before a generator falls back to scalars. */
const MAX_GENERATION_DEPTH = 6;

const anyScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1000, max: 1000, noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);

/** Any JSON value of small size, for `true` and `{}` schemas. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: anyScalar },
  { weight: 1, arbitrary: fc.array(anyScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('k', 'v', 'id'), anyScalar, { maxKeys: 2 }) },
);

interface Context {
  readonly root: JsonSchema;
  readonly depth: number;
}

/** A string no schema with these bounds admits; the caller's validity check then drops the record. */
function impossibleString(minLength: number): fc.Arbitrary<string> {
  return fc.constant('x'.repeat(Math.max(0, minLength - 1)));
}

function stringArbitrary(node: SchemaObject): fc.Arbitrary<string> {
  const minLength = numberOf(node, 'minLength') ?? 0;
  const maxLength = numberOf(node, 'maxLength') ?? Infinity;
  if (maxLength < minLength) return impossibleString(minLength);
  const format = node['format'];
  if (isStringFormat(format)) return formatStringArbitrary(format, minLength, maxLength) ?? impossibleString(minLength);
  const pattern = safePattern(node['pattern']);
  if (pattern !== undefined) {
    if (!patternFitsLengths(pattern, minLength, maxLength)) return impossibleString(minLength);
    return patternStringArbitrary(pattern, minLength, maxLength, SOFT_MAX_LENGTH);
  }
  const high = Math.min(maxLength, Math.max(minLength, SOFT_MAX_LENGTH));
  return fc.oneof(
    fc.string({ minLength, maxLength: minLength }),
    fc.string({ minLength: high, maxLength: high }),
    fc.string({ minLength, maxLength: Math.min(high, minLength + 8) }),
  );
}

function withoutDuplicates(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = canonicalJson(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function arrayArbitrary(node: SchemaObject, context: Context): fc.Arbitrary<unknown[]> {
  const items = node['items'];
  const itemArbitrary = valueArbitrary(isSchemaObject(items) || typeof items === 'boolean' ? items : true, context);
  const minLength = numberOf(node, 'minItems') ?? 0;
  const maxLength = Math.min(numberOf(node, 'maxItems') ?? SOFT_MAX_ITEMS, Math.max(minLength, SOFT_MAX_ITEMS));
  if (maxLength < minLength) return fc.constant([]);
  const lengths = fc.oneof(fc.constant(minLength), fc.constant(maxLength), fc.integer({ min: minLength, max: maxLength }));
  const arrays = lengths.chain((length) => fc.array(itemArbitrary, { minLength: length, maxLength: length }));
  // Dropping duplicates after the fact, rather than fc.uniqueArray, cannot hang on an item domain
  // smaller than minItems; such a record ends up too short and the validity check drops it.
  return node['uniqueItems'] === true ? arrays.map(withoutDuplicates) : arrays;
}

function objectArbitrary(node: SchemaObject, context: Context): fc.Arbitrary<SchemaObject> {
  const properties = isSchemaObject(node['properties']) ? node['properties'] : {};
  const required = new Set(Array.isArray(node['required']) ? node['required'] : []);
  const fields = Object.entries(properties)
    .filter(([name, schema]) => schema !== false || required.has(name))
    .map(([name, schema]) => {
      const value = valueArbitrary(isSchemaObject(schema) || typeof schema === 'boolean' ? schema : true, context);
      return fc.tuple(fc.constant(name), required.has(name) ? value : fc.option(value, { nil: undefined, freq: 3 }));
    });
  const extras = node['additionalProperties'];
  const extraNames = PROPERTY_NAMES.filter((name) => !(name in properties) && !required.has(name));
  const extraArbitrary =
    extras === false || extraNames.length === 0 || context.depth >= MAX_GENERATION_DEPTH
      ? fc.constant({})
      : fc.dictionary(
          fc.constantFrom(...extraNames),
          isSchemaObject(extras) ? valueArbitrary(extras, context) : anyJson,
          { maxKeys: MAX_EXTRA_PROPERTIES },
        );
  return fc.tuple(fc.tuple(...fields), extraArbitrary).map(([entries, extra]) => {
    const record: SchemaObject = { ...extra };
    for (const [name, value] of entries) {
      if (value !== undefined) record[name] = value;
    }
    return record;
  });
}

function typedArbitrary(type: string, node: SchemaObject, context: Context): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerArbitrary(node);
    case 'number':
      return numberArbitrary(node);
    case 'string':
      return stringArbitrary(node);
    case 'array':
      return arrayArbitrary(node, context);
    case 'object':
      return objectArbitrary(node, context);
    default:
      return anyJson;
  }
}

function impliedTypes(node: SchemaObject): string[] {
  const types = typesOf(node);
  if (types.length > 0) return types;
  if ('properties' in node || 'required' in node || 'additionalProperties' in node) return ['object'];
  if ('items' in node) return ['array'];
  return [];
}

function matchesType(value: unknown, types: readonly string[]): boolean {
  if (types.length === 0) return true;
  return types.some((type) => {
    if (type === 'null') return value === null;
    if (type === 'integer') return Number.isInteger(value);
    if (type === 'array') return Array.isArray(value);
    if (type === 'object') return isSchemaObject(value);
    return typeof value === type;
  });
}

/** Values valid under `schema` (best effort), resolving `$ref`s against the schema's root. */
function valueArbitrary(schema: JsonSchema, context: Context): fc.Arbitrary<unknown> {
  if (schema === true) return anyJson;
  if (schema === false) return fc.constant(undefined);
  const inner: Context = { root: context.root, depth: context.depth + 1 };
  if (context.depth > MAX_GENERATION_DEPTH) return anyScalar;
  if (typeof schema['$ref'] === 'string') {
    const target = resolveRef(context.root, schema['$ref']);
    return target === undefined ? anyJson : valueArbitrary(target, inner);
  }
  if ('const' in schema) return fc.constant(schema['const']);
  const types = impliedTypes(schema);
  if (Array.isArray(schema['enum'])) {
    const values = schema['enum'].filter((value) => matchesType(value, types));
    return fc.constantFrom(...(values.length > 0 ? values : schema['enum']));
  }
  for (const key of ['anyOf', 'oneOf']) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      return fc.oneof(...branches.map((branch) => valueArbitrary(isSchemaObject(branch) ? branch : true, inner)));
    }
  }
  if (types.length === 0) return anyJson;
  return fc.oneof(...types.map((type) => typedArbitrary(type, schema, inner)));
}

/**
 * Records valid under `schema` (a record schema whose `$ref`s point into itself), biased to
 * boundary values. Best effort for unusual combinations: check each record before use.
 */
export function recordArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  return valueArbitrary(schema, { root: schema, depth: 0 });
}
