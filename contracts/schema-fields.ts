import { appendPointer, splitPointer } from './document/json-pointer.js';
import { MAX_NESTING_DEPTH } from './document/limits.js';
import { ConcordError } from './errors.js';
import type { JsonSchema } from './model.js';

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** One record field as a JSON Schema declares it. */
export interface FieldInfo {
  /** The JSON types the field may have; empty when the schema does not constrain its type. */
  readonly types: ReadonlySet<JsonType>;
  /** JSON pointer into the schema to where the field's subschema is written (inside a definition for `$ref`s). */
  readonly pointer: string;
  readonly format?: string;
  /** True when the field is marked `pii: true` (or `x-pii: true`). */
  readonly pii?: boolean;
  /** True when the field is marked `x-concord-monotonic: true`: its values only grow from run to run. */
  readonly monotonic?: boolean;
}

/**
 * The annotation that declares a field's values only grow (sequential ids, counters, epoch
 * timestamps). Prefixed like other vendor extensions, so no JSON Schema tool mistakes it for a
 * keyword of its own; drift then judges the field by `monotonic-regressed` instead of its distribution.
 */
export const MONOTONIC_KEYWORD = 'x-concord-monotonic';

/**
 * Most subschemas one listing may visit. A hand-written record has hundreds of fields and a
 * generated one a few thousand; a shared definition is visited once per use, and this bound stops
 * schemas whose definitions each use the next twice from taking exponential time.
 */
export const MAX_SCHEMA_NODES_VISITED = 20_000;

/**
 * Deepest chain of subschemas the walk follows. A written schema nests at most MAX_NESTING_DEPTH
 * levels, but `$ref`s and `allOf` can stack definitions on one another; four times that is far
 * beyond any real record and keeps the recursive walk well under the stack limit.
 */
export const MAX_SCHEMA_WALK_DEPTH = 4 * MAX_NESTING_DEPTH;

const JSON_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** A subschema with its combinators and references resolved into one description. */
interface View {
  /** `undefined` when any type is allowed. */
  readonly types: ReadonlySet<JsonType> | undefined;
  readonly pointer: string;
  readonly format?: string;
  readonly pii: boolean;
  readonly monotonic: boolean;
  readonly properties: ReadonlyMap<string, View>;
  readonly items: View | undefined;
}

interface Walk {
  readonly root: JsonSchema;
  readonly activeRefs: Set<string>;
  visited: number;
  depth: number;
}

type SchemaObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as 'string' | 'boolean' | 'object';
}

function ownTypes(node: SchemaObject): Set<JsonType> | undefined {
  const type = node['type'];
  if (typeof type === 'string') return new Set(JSON_TYPES.has(type) ? [type as JsonType] : []);
  if (Array.isArray(type)) return new Set(type.filter((entry): entry is JsonType => JSON_TYPES.has(entry)));
  if ('const' in node) return new Set([jsonTypeOf(node['const'])]);
  if (Array.isArray(node['enum'])) return new Set(node['enum'].map(jsonTypeOf));
  return undefined;
}

function intersectTypes(a: ReadonlySet<JsonType> | undefined, b: ReadonlySet<JsonType> | undefined): ReadonlySet<JsonType> | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const both = new Set([...a].filter((type) => b.has(type)));
  // An integer is a number, so `number` meeting `integer` leaves `integer`.
  if ((a.has('integer') && b.has('number')) || (b.has('integer') && a.has('number'))) both.add('integer');
  return both;
}

function unionTypes(views: readonly View[]): ReadonlySet<JsonType> | undefined {
  if (views.some((view) => view.types === undefined)) return undefined;
  return new Set(views.flatMap((view) => [...view.types!]));
}

function mergeProperties(views: readonly View[], merge: (views: readonly View[]) => View): Map<string, View> {
  const byName = new Map<string, View[]>();
  for (const view of views) {
    for (const [name, property] of view.properties) byName.set(name, [...(byName.get(name) ?? []), property]);
  }
  return new Map([...byName].map(([name, declared]) => [name, declared.length === 1 ? declared[0]! : merge(declared)]));
}

function mergeItems(views: readonly View[], merge: (views: readonly View[]) => View): View | undefined {
  const items = views.flatMap((view) => (view.items !== undefined ? [view.items] : []));
  return items.length <= 1 ? items[0] : merge(items);
}

/** `allOf`: every part applies, so types narrow and properties add up. */
function mergeAll(views: readonly View[]): View {
  const format = views.find((view) => view.format !== undefined)?.format;
  return {
    types: views.reduce<ReadonlySet<JsonType> | undefined>((types, view) => intersectTypes(types, view.types), undefined),
    pointer: views[0]!.pointer,
    ...(format !== undefined ? { format } : {}),
    pii: views.some((view) => view.pii),
    monotonic: views.some((view) => view.monotonic),
    properties: mergeProperties(views, mergeAll),
    items: mergeItems(views, mergeAll),
  };
}

/** `anyOf`/`oneOf`: one part applies, so a field may have any type one of the parts allows. */
function mergeAny(views: readonly View[]): View {
  const format = views.find((view) => view.format !== undefined)?.format;
  return {
    types: unionTypes(views),
    pointer: views[0]!.pointer,
    ...(format !== undefined ? { format } : {}),
    pii: views.some((view) => view.pii),
    monotonic: views.some((view) => view.monotonic),
    properties: mergeProperties(views, mergeAny),
    items: mergeItems(views, mergeAny),
  };
}

function anyView(pointer: string): View {
  return { types: undefined, pointer, pii: false, monotonic: false, properties: NO_PROPERTIES, items: undefined };
}

function resolveRef(ref: string, walk: Walk): { schema: unknown; pointer: string } | undefined {
  const segments = ref.startsWith('#') ? splitPointer(ref) : undefined;
  if (segments === undefined) return undefined;
  let target: unknown = walk.root;
  for (const segment of segments) {
    if (Array.isArray(target)) target = target[Number(segment)];
    else if (isObject(target) && Object.hasOwn(target, segment)) target = target[segment];
    else return undefined;
  }
  return target === undefined ? undefined : { schema: target, pointer: appendPointer('', ...segments) };
}

function viewOfMembers(node: SchemaObject, keyword: string, pointer: string, walk: Walk): View[] {
  const members = node[keyword];
  if (!Array.isArray(members)) return [];
  return members.map((member, index) => viewOf(member, appendPointer(pointer, keyword, index), walk));
}

function itemsView(node: SchemaObject, pointer: string, walk: Walk): View | undefined {
  const items = node['items'];
  if (items === undefined && node['prefixItems'] === undefined) return undefined;
  const tuple = [...viewOfMembers(node, 'prefixItems', pointer, walk), ...(Array.isArray(items) ? viewOfMembers(node, 'items', pointer, walk) : [])];
  const rest = items !== undefined && !Array.isArray(items) ? [viewOf(items, appendPointer(pointer, 'items'), walk)] : [];
  const all = [...tuple, ...rest];
  return all.length === 0 ? undefined : all.length === 1 ? all[0] : mergeAny(all);
}

/** Shared by every view without properties, which most field views are. */
const NO_PROPERTIES: ReadonlyMap<string, View> = new Map();

function ownView(node: SchemaObject, pointer: string, walk: Walk): View {
  const declared = node['properties'];
  const properties = isObject(declared)
    ? new Map(Object.entries(declared).map(([name, property]) => [name, viewOf(property, appendPointer(pointer, 'properties', name), walk)]))
    : NO_PROPERTIES;
  const format = typeof node['format'] === 'string' ? node['format'] : undefined;
  return {
    types: ownTypes(node),
    pointer,
    ...(format !== undefined ? { format } : {}),
    pii: node['pii'] === true || node['x-pii'] === true,
    monotonic: node[MONOTONIC_KEYWORD] === true,
    properties,
    items: itemsView(node, pointer, walk),
  };
}

function refView(ref: unknown, pointer: string, walk: Walk): View | undefined {
  if (typeof ref !== 'string') return undefined;
  const target = resolveRef(ref, walk);
  // Refs that leave the document (registry refs) and dangling refs say nothing about the fields here.
  if (target === undefined) return undefined;
  // A ref already being expanded is a recursive structure: stop there rather than unfold it forever.
  if (walk.activeRefs.has(target.pointer)) return anyView(pointer);
  walk.activeRefs.add(target.pointer);
  try {
    return viewOf(target.schema, target.pointer, walk);
  } finally {
    walk.activeRefs.delete(target.pointer);
  }
}

function viewOf(schema: unknown, pointer: string, walk: Walk): View {
  walk.visited += 1;
  if (walk.visited > MAX_SCHEMA_NODES_VISITED) {
    throw new ConcordError(
      'too-large',
      `the record schema has more than ${MAX_SCHEMA_NODES_VISITED} subschemas once its $refs are followed (at ${pointer || '/'}): split it or reuse fewer nested definitions`,
      { pointer },
    );
  }
  if (walk.depth >= MAX_SCHEMA_WALK_DEPTH) {
    throw new ConcordError(
      'too-large',
      `the record schema nests deeper than ${MAX_SCHEMA_WALK_DEPTH} levels once its $refs are followed (at ${pointer}): flatten it`,
      { pointer },
    );
  }
  if (schema === false) return { ...anyView(pointer), types: new Set() };
  if (!isObject(schema)) return anyView(pointer);
  walk.depth += 1;
  try {
    const parts = [ownView(schema, pointer, walk)];
    const referenced = refView(schema['$ref'], pointer, walk);
    if (referenced !== undefined) parts.push(referenced);
    // A loop, not `push(...)`: spreading an `allOf` of a hundred thousand branches overflows the stack.
    for (const member of viewOfMembers(schema, 'allOf', pointer, walk)) parts.push(member);
    for (const keyword of ['anyOf', 'oneOf']) {
      const alternatives = viewOfMembers(schema, keyword, pointer, walk);
      if (alternatives.length > 0) parts.push(mergeAny(alternatives));
    }
    return parts.length === 1 ? parts[0]! : mergeAll(parts);
  } finally {
    walk.depth -= 1;
  }
}

function infoOf(view: View): FieldInfo {
  return {
    types: view.types ?? new Set(),
    pointer: view.pointer,
    ...(view.format !== undefined ? { format: view.format } : {}),
    ...(view.pii ? { pii: true } : {}),
    ...(view.monotonic ? { monotonic: true } : {}),
  };
}

function collect(view: View, prefix: string, fields: Map<string, FieldInfo>): void {
  for (const [name, property] of view.properties) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    fields.set(path, infoOf(property));
    collect(property, path, fields);
  }
  if (view.items !== undefined && prefix !== '') collect(view.items, `${prefix}[]`, fields);
}

/**
 * Lists the record fields a JSON Schema declares, by dotted path: nested objects as
 * `customer.id`, array items as `lines[].sku`. Follows `properties`, `items`/`prefixItems`,
 * internal `#/...` refs (recursive refs are expanded once), `allOf` (types narrow),
 * `anyOf`/`oneOf` (types add up). Types come from `type`, else `const`/`enum` values.
 * Throws ConcordError `too-large` past MAX_SCHEMA_NODES_VISITED or MAX_SCHEMA_WALK_DEPTH.
 */
export function listFields(schema: JsonSchema): ReadonlyMap<string, FieldInfo> {
  const fields = new Map<string, FieldInfo>();
  // The root counts as being expanded, so a `$ref: '#'` inside it stops at once.
  collect(viewOf(schema, '', { root: schema, activeRefs: new Set(['']), visited: 0, depth: 0 }), '', fields);
  return fields;
}
