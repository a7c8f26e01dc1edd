import type { JsonSchema } from '../../contracts/model.js';

/**
 * A JSON Schema object as the test generators build and edit it. Mutable on purpose: mutations
 * work on a fresh deep copy, never on a schema another test still holds.
 */
export type SchemaObject = { [key: string]: unknown };

export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy through JSON, which is exactly the value space of a JSON Schema. */
export function cloneSchema<T extends JsonSchema>(schema: T): T {
  return JSON.parse(JSON.stringify(schema)) as T;
}

/** The JSON types a node admits through `type`, as a list; empty when `type` is absent. */
export function typesOf(node: SchemaObject): string[] {
  const type = node['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((entry): entry is string => typeof entry === 'string');
  return [];
}

/** Writes a type list back in its shortest form: a single name, or a list of two or more. */
export function setTypes(node: SchemaObject, types: readonly string[]): void {
  if (types.length === 0) delete node['type'];
  else node['type'] = types.length === 1 ? types[0] : [...types];
}

/** Follows an internal `#/definitions/...` reference; undefined when it leads nowhere. */
export function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let current: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isSchemaObject(current)) return undefined;
    current = current[segment];
  }
  return typeof current === 'boolean' || isSchemaObject(current) ? current : undefined;
}

/** A numeric keyword of a node, or undefined when it is absent or not a finite number. */
export function numberOf(node: SchemaObject, key: string): number | undefined {
  const value = node[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
