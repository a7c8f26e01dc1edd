import { ConcordError } from '../../contracts/errors.js';
import type { SchemaObject } from './schema-node.js';
import { isSchemaObject, typesOf } from './schema-node.js';

/** A subschema a mutation can edit, found by walking a record schema. */
export interface Site {
  /** The subschema itself, inside a copy of the schema the mutation may edit. */
  readonly node: SchemaObject;
  /** JSON pointer from the root, for messages. */
  readonly pointer: string;
  readonly isRoot: boolean;
  /** Inside a `oneOf` branch, where widening one branch can make two branches overlap. */
  readonly underOneOf: boolean;
  /** The root schema, for mutations that follow a `$ref`. */
  readonly root: SchemaObject;
}

/** One edit of the kind people make to a schema, applied in place to a site of a copy. */
export interface Mutation {
  /** Kebab-case name, shown with a failing case. */
  readonly name: string;
  readonly applies: (site: Site) => boolean;
  /** `param` picks among the variants of the edit (which property, which value). */
  readonly apply: (site: Site, param: number) => void;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Every subschema of `root` reachable through properties, items, additionalProperties, unions
 * and definitions, root first. `$ref` nodes are sites too; their targets are reached through
 * `definitions`.
 */
export function collectSites(root: SchemaObject): Site[] {
  const sites: Site[] = [];
  const visit = (node: SchemaObject, pointer: string, underOneOf: boolean): void => {
    sites.push({ node, pointer, isRoot: pointer === '', underOneOf, root });
    if (typeof node['$ref'] === 'string') return;
    for (const key of ['properties', 'definitions']) {
      const children = node[key];
      if (!isSchemaObject(children)) continue;
      for (const [name, child] of Object.entries(children)) {
        if (isSchemaObject(child)) visit(child, `${pointer}/${key}/${escapePointer(name)}`, underOneOf);
      }
    }
    for (const key of ['items', 'additionalProperties']) {
      const child = node[key];
      if (isSchemaObject(child)) visit(child, `${pointer}/${key}`, underOneOf);
    }
    for (const key of ['anyOf', 'oneOf']) {
      const branches = node[key];
      if (!Array.isArray(branches)) continue;
      branches.forEach((branch, index) => {
        if (isSchemaObject(branch)) visit(branch, `${pointer}/${key}/${index}`, underOneOf || key === 'oneOf');
      });
    }
  };
  visit(root, '', false);
  return sites;
}

/** Picks one entry by a random non-negative integer. */
export function pick<T>(entries: readonly T[], param: number): T {
  const entry = entries[param % entries.length];
  if (entry === undefined) throw new ConcordError('internal', 'a mutation picked from an empty list: check its applies()');
  return entry;
}

export function isObjectNode(node: SchemaObject): boolean {
  return typesOf(node).includes('object') || (typesOf(node).length === 0 && isSchemaObject(node['properties']));
}

export function propertiesOf(node: SchemaObject): SchemaObject {
  if (!isSchemaObject(node['properties'])) node['properties'] = {};
  return node['properties'] as SchemaObject;
}

export function requiredOf(node: SchemaObject): string[] {
  return Array.isArray(node['required']) ? node['required'].filter((name): name is string => typeof name === 'string') : [];
}

export function setRequired(node: SchemaObject, names: readonly string[]): void {
  if (names.length === 0) delete node['required'];
  else node['required'] = [...names];
}

/** Replaces every key of `node` by those of `replacement`, keeping the node's identity in its parent. */
export function replaceNode(node: SchemaObject, replacement: SchemaObject): void {
  for (const key of Object.keys(node)) delete node[key];
  Object.assign(node, replacement);
}

/** Fresh field schemas a mutation adds or swaps in, one per common field type. */
const FRESH_FIELDS: readonly SchemaObject[] = Object.freeze([
  { type: 'string' },
  { type: 'string', maxLength: 20 },
  { type: 'integer', minimum: 0 },
  { type: 'number' },
  { type: 'boolean' },
  { type: ['string', 'null'] },
  { type: 'integer', enum: [1, 2, 3] },
  { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
  { type: 'array', items: { type: 'string' } },
]);

/** A fresh copy of one of FRESH_FIELDS whose main type is not among `avoid` (default: none avoided). */
export function freshField(param: number, avoid: readonly string[] = []): SchemaObject {
  const candidates = FRESH_FIELDS.filter((field) => !avoid.includes(typesOf(field)[0] ?? ''));
  return JSON.parse(JSON.stringify(pick(candidates.length > 0 ? candidates : FRESH_FIELDS, param))) as SchemaObject;
}
