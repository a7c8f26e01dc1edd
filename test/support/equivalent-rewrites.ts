import type { SchemaObject } from './schema-node.js';
import { cloneSchema, isSchemaObject, resolveRef } from './schema-node.js';
import { collectSites } from './schema-sites.js';

/**
 * Rewrites that keep a schema's meaning: the set of valid records stays the same, so an engine
 * must not call the rewritten schema incompatible with the original in any direction.
 */

/** A deep copy with every object's keys in reverse order: the same JSON value. */
export function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (!isSchemaObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((key) => [key, reverseKeys(value[key])]),
  );
}

/** A copy with every `required`, `enum` and `type` list reversed: order carries no meaning in them. */
export function reverseUnorderedLists(schema: SchemaObject): SchemaObject {
  const copy = cloneSchema(schema);
  for (const site of collectSites(copy)) {
    for (const key of ['required', 'enum', 'type']) {
      const list = site.node[key];
      if (Array.isArray(list)) site.node[key] = [...list].reverse();
    }
  }
  return copy;
}

/** Annotation keywords that describe a field without constraining it. */
const ANNOTATIONS: readonly ((param: number) => SchemaObject)[] = [
  (param) => ({ title: `Field ${param}` }),
  (param) => ({ description: `What field ${param} holds, for readers.` }),
  (param) => ({ examples: [`example-${param}`] }),
];

/** A copy with a title, description or examples added to every `stride`-th subschema (default 2). */
export function annotate(schema: SchemaObject, param: number, stride = 2): SchemaObject {
  const copy = cloneSchema(schema);
  collectSites(copy).forEach((site, index) => {
    if ((index + param) % stride !== 0 || typeof site.node['$ref'] === 'string') return;
    const annotation = ANNOTATIONS[(index + param) % ANNOTATIONS.length];
    if (annotation !== undefined) Object.assign(site.node, annotation(index));
  });
  return copy;
}

/** A copy with every `$ref` replaced by a copy of its (non-recursive) definition. */
export function inlineRefs(schema: SchemaObject): SchemaObject {
  const copy = cloneSchema(schema);
  for (const site of collectSites(copy)) {
    const ref = site.node['$ref'];
    if (typeof ref !== 'string') continue;
    const target = resolveRef(schema, ref);
    if (!isSchemaObject(target)) continue;
    delete site.node['$ref'];
    Object.assign(site.node, cloneSchema(target));
  }
  return copy;
}
