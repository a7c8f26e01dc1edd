import { deepFreeze } from '../deep-freeze.js';
import type { JsonSchema } from '../model.js';
import { rootNode } from './schema-document.js';
import type { NodeRef } from './schema-document.js';
import { frozenKey } from './subtree-key.js';

/**
 * Schemas prepared once per process. A schema frozen all the way down cannot change, so what the
 * engine derives from it (subtree keys, its document, the normalized shapes of its nodes) is
 * kept for as long as the schema lives and reused by every later comparison. Unfrozen schemas
 * get a fresh document per comparison, so editing one between two diffs is never missed.
 */

/** The side a schema takes in a comparison; it names the document in messages and memo keys. */
export type SchemaRole = 'before' | 'after';

const ROOTS = new WeakMap<object, Partial<Record<SchemaRole, NodeRef>>>();

/**
 * The root node of `schema` as the `role` side of a comparison: the same node (and so the same
 * memoized shapes) every time when the schema is frozen all the way down, a fresh one otherwise.
 */
export function preparedRoot(schema: JsonSchema, role: SchemaRole): NodeRef {
  if (typeof schema !== 'object' || frozenKey(schema) === undefined) return rootNode({ id: role, root: schema });
  let roots = ROOTS.get(schema);
  if (roots === undefined) {
    roots = {};
    ROOTS.set(schema, roots);
  }
  roots[role] ??= rootNode({ id: role, root: schema, frozen: true });
  return roots[role];
}

/**
 * Returns a schema the engine prepares once per process: `schema` itself when it is already
 * frozen all the way down (contracts from `loadContractText`/`loadContractFile` are), otherwise a
 * deep copy frozen all the way down; the caller's object is never changed. Diffs that pass the
 * returned schema, on either side, reuse its subtree keys and normalized shapes until it is
 * garbage-collected, which makes checking one candidate against hundreds of versions cheap.
 *
 * Schemas are treated as immutable values: the engine relies on freezing, not on trust. An
 * unfrozen schema (or one frozen only at the top) is read afresh on every diff.
 */
export function prepareSchema(schema: JsonSchema): JsonSchema {
  if (typeof schema !== 'object') return schema;
  if (frozenKey(schema) !== undefined) return schema;
  const copy = deepFreeze(structuredClone(schema));
  frozenKey(copy);
  return copy;
}
