import { ConcordError } from '../errors.js';
import type { JsonSchema } from '../model.js';
import { canonicalJson } from './canonical-json.js';
import { appendPointer, isSchemaObject, nodeAt } from './schema-document.js';
import type { NodeRef } from './schema-document.js';
import { tighterBound } from './shape-merge.js';
import { JSON_TYPES } from './schema-shape.js';
import type { Bound, JsonType, Located, MutableShape, Shape, Slot } from './schema-shape.js';

/**
 * Reading one schema object's own keywords into a shape, in the draft-04/07 and the
 * 2019-09/2020-12 forms alike.
 */

/** Keywords kept as annotations: they never change which records are valid. */
const ANNOTATIONS = ['title', 'description', '$id', 'default', 'deprecated', 'readOnly', 'writeOnly', 'examples'] as const;

type SchemaObject = { readonly [key: string]: unknown };

/** A schema is an object or a boolean. */
export function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'boolean' || isSchemaObject(value);
}

/** The sub-schema at `segments` below the node, as a slot; undefined when absent. */
export function slot(node: NodeRef, ...segments: (string | number)[]): Slot | undefined {
  const value = valueAtPath(node.value, segments);
  if (value === undefined) return undefined;
  const pointer = appendPointer(node.pointer, ...segments);
  if (!isSchema(value)) throw invalidSchema(node, pointer);
  const only = nodeAt(node.doc, pointer, value);
  return only.subtree === undefined ? { nodes: [only], at: pointer } : { nodes: [only], at: pointer, subtree: only.subtree };
}

/** The fault for a value where a schema must be: names the place and the document. */
export function invalidSchema(node: NodeRef, pointer: string): ConcordError {
  return new ConcordError(
    'invalid-schema',
    `the schema at ${pointer || 'the root'} (${node.doc.id} schema) is neither an object nor a boolean: fix it`,
    { pointer },
  );
}

function valueAtPath(value: unknown, segments: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isSchemaObject(current) && typeof segment === 'string' && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

function count(node: NodeRef, keyword: string): Located<number> | undefined {
  const value = (node.value as SchemaObject)[keyword];
  return typeof value === 'number' && Number.isFinite(value) ? { value, at: appendPointer(node.pointer, keyword) } : undefined;
}

function text(node: NodeRef, keyword: string): Located<string> | undefined {
  const value = (node.value as SchemaObject)[keyword];
  return typeof value === 'string' ? { value, at: appendPointer(node.pointer, keyword) } : undefined;
}

function slotMap(node: NodeRef, keyword: string): ReadonlyMap<string, Slot> | undefined {
  const value = (node.value as SchemaObject)[keyword];
  if (!isSchemaObject(value)) return undefined;
  const map = new Map<string, Slot>();
  for (const name of Object.keys(value)) {
    const entry = slot(node, keyword, name);
    if (entry !== undefined) map.set(name, entry);
  }
  return map;
}

/** Both the draft-04 form (`exclusiveMinimum: true` beside `minimum`) and the numeric form of later drafts. */
function bound(node: NodeRef, plain: string, exclusive: string, lower: boolean): Bound | undefined {
  const schema = node.value as SchemaObject;
  const limit = count(node, plain);
  const flag = schema[exclusive];
  const fromPlain = limit === undefined ? undefined : { value: limit.value, exclusive: flag === true, at: flag === true ? appendPointer(node.pointer, exclusive) : limit.at };
  const numeric = count(node, exclusive);
  const fromExclusive = numeric === undefined ? undefined : { value: numeric.value, exclusive: true, at: numeric.at };
  return tighterBound(fromPlain, fromExclusive, lower);
}

function typesOf(node: NodeRef): Located<ReadonlySet<JsonType>> | undefined {
  const value = (node.value as SchemaObject)['type'];
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (names === undefined) return undefined;
  const types = new Set(names.filter((name): name is JsonType => JSON_TYPES.includes(name as JsonType)));
  return { value: types, at: appendPointer(node.pointer, 'type') };
}

function enumOf(node: NodeRef): Shape['enumValues'] {
  const schema = node.value as SchemaObject;
  const listed = Array.isArray(schema['enum']) ? { value: schema['enum'] as unknown[], at: appendPointer(node.pointer, 'enum'), keyword: 'enum' as const } : undefined;
  if (!Object.hasOwn(schema, 'const')) return listed;
  const constant = { value: [schema['const']], at: appendPointer(node.pointer, 'const'), keyword: 'const' as const };
  if (listed === undefined) return constant;
  const allowed = new Set(listed.value.map(canonicalJson));
  return { ...constant, value: constant.value.filter((entry) => allowed.has(canonicalJson(entry))) };
}

function dependenciesOf(node: NodeRef, shape: MutableShape): void {
  const schema = node.value as SchemaObject;
  if (schema['dependencies'] === undefined && schema['dependentRequired'] === undefined && schema['dependentSchemas'] === undefined) return;
  const required = new Map<string, ReadonlyMap<string, string>>();
  const schemas = new Map<string, Slot>();
  for (const keyword of ['dependencies', 'dependentRequired', 'dependentSchemas']) {
    const entries = schema[keyword];
    if (!isSchemaObject(entries)) continue;
    for (const [key, entry] of Object.entries(entries)) {
      if (Array.isArray(entry)) {
        const at = appendPointer(node.pointer, keyword, key);
        required.set(key, new Map(entry.filter((name): name is string => typeof name === 'string').map((name) => [name, at])));
      } else {
        const dependent = slot(node, keyword, key);
        if (dependent !== undefined) schemas.set(key, dependent);
      }
    }
  }
  shape.dependentRequired = required;
  shape.dependentSchemas = schemas;
}

function itemsOf(node: NodeRef, shape: MutableShape): void {
  const schema = node.value as SchemaObject;
  const positional = (keyword: string): Slot[] | undefined => {
    const list = schema[keyword];
    if (!Array.isArray(list)) return undefined;
    return list.flatMap((_, position) => slot(node, keyword, position) ?? []);
  };
  if (Array.isArray(schema['items'])) {
    shape.prefixItems = positional('items');
    shape.restItems = slot(node, 'additionalItems');
  } else if (Array.isArray(schema['prefixItems'])) {
    shape.prefixItems = positional('prefixItems');
    shape.restItems = slot(node, 'items');
  } else {
    // `additionalItems` without an `items` list has no effect, so it is not read.
    shape.restItems = slot(node, 'items');
  }
  // With `contains`, items it matches count as evaluated, so `unevaluatedItems` is no longer
  // the rule for every further item; the engine then leaves it out rather than guess.
  if (schema['contains'] === undefined) shape.restItems ??= slot(node, 'unevaluatedItems');
}

/** Writes the node's own keywords into a blank shape, without following `$ref`, `allOf`, `anyOf`, `oneOf` or `not`. */
export function fillFragment(shape: MutableShape, node: NodeRef): MutableShape {
  const schema = node.value as SchemaObject;
  shape.types = typesOf(node);
  shape.enumValues = enumOf(node);
  shape.minLength = count(node, 'minLength');
  shape.maxLength = count(node, 'maxLength');
  const pattern = text(node, 'pattern');
  shape.patterns = pattern === undefined ? [] : [pattern];
  shape.format = text(node, 'format');
  shape.contentEncoding = text(node, 'contentEncoding');
  shape.contentMediaType = text(node, 'contentMediaType');
  shape.lower = bound(node, 'minimum', 'exclusiveMinimum', true);
  shape.upper = bound(node, 'maximum', 'exclusiveMaximum', false);
  const multipleOf = count(node, 'multipleOf');
  shape.multipleOf = multipleOf !== undefined && multipleOf.value > 0 ? multipleOf : undefined;
  shape.properties = slotMap(node, 'properties') ?? shape.properties;
  shape.patternProperties = slotMap(node, 'patternProperties') ?? shape.patternProperties;
  const additional = slot(node, 'additionalProperties');
  const unevaluated = slot(node, 'unevaluatedProperties');
  if (additional !== undefined) shape.additional = { ...additional, keyword: 'additionalProperties' };
  else if (unevaluated !== undefined) shape.additional = { ...unevaluated, keyword: 'unevaluatedProperties' };
  if (Array.isArray(schema['required'])) {
    const names = schema['required'] as unknown[];
    shape.required = new Map(names.flatMap((name, position) => (typeof name === 'string' ? [[name, appendPointer(node.pointer, 'required', position)] as const] : [])));
  }
  shape.minProperties = count(node, 'minProperties');
  shape.maxProperties = count(node, 'maxProperties');
  shape.propertyNames = slot(node, 'propertyNames');
  dependenciesOf(node, shape);
  itemsOf(node, shape);
  shape.minItems = count(node, 'minItems');
  shape.maxItems = count(node, 'maxItems');
  if (schema['uniqueItems'] === true) shape.uniqueItems = { value: true, at: appendPointer(node.pointer, 'uniqueItems') };
  shape.contains = slot(node, 'contains');
  shape.minContains = count(node, 'minContains');
  shape.maxContains = count(node, 'maxContains');
  const condition = slot(node, 'if');
  if (condition !== undefined) {
    shape.conditional = { if: condition, then: slot(node, 'then'), else: slot(node, 'else'), at: condition.at };
  }
  let annotations: Map<string, Located<unknown>> | undefined;
  for (const keyword of ANNOTATIONS) {
    if (!Object.hasOwn(schema, keyword)) continue;
    annotations ??= new Map();
    annotations.set(keyword, { value: schema[keyword], at: appendPointer(node.pointer, keyword) });
  }
  if (annotations !== undefined) shape.annotations = annotations;
  return shape;
}
