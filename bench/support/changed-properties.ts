import type { Change } from '../../contracts/findings.js';
import type { SchemaObject } from './wide-schema.js';

/**
 * Both engines' answers mapped to one comparable thing: the set of top-level property names a
 * change involves.
 *
 * Ours: each Change has a JSON pointer; `/properties/<name>/...` names the property (the record
 * field path is the fallback for changes whose pointer is elsewhere, such as `/required`).
 *
 * json-schema-diff: it answers with two schemas, the values the destination added and the values
 * it removed, each possibly an `anyOf` of object schemas that repeat the other properties. A
 * property is involved in an added (removed) branch when its sub-schema there differs from the
 * source's (destination's) one, when the branch requires it and that side does not, or when the
 * branch forbids it (`false`). Differences are compared after dropping the keywords
 * json-schema-diff ignores (enum, const, format, pattern, multipleOf, uniqueItems, annotations)
 * and sorting `type` lists, since it leaves those out of its answer; an edit of those keywords
 * alone is invisible to it, and shows here as a miss.
 */

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Top-level property names our changes involve. */
export function propertiesInChanges(changes: readonly Change[]): Set<string> {
  const names = new Set<string>();
  for (const change of changes) {
    const match = /^\/properties\/([^/]+)/.exec(change.path);
    if (match?.[1] !== undefined) names.add(unescapePointer(match[1]));
    else if (change.field !== undefined && change.field !== '') names.add(change.field.split(/[.[]/)[0] ?? change.field);
  }
  return names;
}

const IGNORED_BY_SET_DIFF = new Set([
  'enum',
  'const',
  'format',
  'pattern',
  'multipleOf',
  'uniqueItems',
  '$schema',
  'title',
  'description',
  'default',
  'examples',
]);

/** Canonical text of a schema as json-schema-diff would state it. */
function comparable(schema: unknown): string {
  if (Array.isArray(schema)) return `[${schema.map(comparable).join(',')}]`;
  if (!isObject(schema)) return JSON.stringify(schema);
  const keys = Object.keys(schema)
    .filter((key) => !IGNORED_BY_SET_DIFF.has(key))
    .sort();
  return `{${keys
    .map((key) => {
      const value = key === 'type' && Array.isArray(schema[key]) ? [...(schema[key] as unknown[])].sort() : schema[key];
      return `${JSON.stringify(key)}:${key === 'type' && typeof value === 'string' ? JSON.stringify([value]) : comparable(value)}`;
    })
    .join(',')}}`;
}

function branchesOf(schema: unknown): SchemaObject[] {
  if (!isObject(schema)) return [];
  if (Array.isArray(schema['anyOf'])) return schema['anyOf'].flatMap(branchesOf);
  return [schema];
}

function stringsOf(value: unknown): Set<string> {
  return new Set(Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : []);
}

function involvedIn(result: unknown, other: SchemaObject, names: Set<string>): void {
  const otherProperties = isObject(other['properties']) ? other['properties'] : {};
  const otherRequired = stringsOf(other['required']);
  for (const branch of branchesOf(result)) {
    const properties = isObject(branch['properties']) ? branch['properties'] : {};
    const required = stringsOf(branch['required']);
    for (const [name, schema] of Object.entries(properties)) {
      const otherSchema = otherProperties[name];
      const differs = otherSchema === undefined ? schema !== false : comparable(schema) !== comparable(otherSchema);
      if (differs || (required.has(name) && !otherRequired.has(name))) names.add(name);
    }
  }
}

/** The answer of json-schema-diff's `diffSchemas`: schemas of the added and of the removed values. */
export interface SetDiffResult {
  readonly addedJsonSchema: unknown;
  readonly removedJsonSchema: unknown;
}

/** Top-level property names json-schema-diff's answer involves (see the module comment). */
export function propertiesInSetDiff(result: SetDiffResult, source: SchemaObject, destination: SchemaObject): Set<string> {
  const names = new Set<string>();
  involvedIn(result.addedJsonSchema, source, names);
  involvedIn(result.removedJsonSchema, destination, names);
  return names;
}
