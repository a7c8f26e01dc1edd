import type { Change } from '../findings.js';
import type { JsonSchema } from '../model.js';
import { canonicalJson } from './canonical-json.js';
import { DiffSession } from './diff-session.js';
import { preparedRoot } from './prepared-schema.js';
import { shapeOf } from './schema-normalize.js';
import { diffShape } from './shape-diff.js';
import { sameJson } from './subtree-key.js';

/**
 * One change per rule, place and values: a definition reached through several fields (or
 * compared again together with an `if`/`then`) is reported once, where it was met first. Values
 * are written out only for changes that share a rule and a place, which few do.
 */
function distinct(changes: readonly Change[]): Change[] {
  if (changes.length < 2) return [...changes];
  const byPlace = new Map<string, Change[]>();
  return changes.filter((change) => {
    const place = `${change.rule}\u0000${change.path}`;
    const earlier = byPlace.get(place);
    if (earlier === undefined) {
      byPlace.set(place, [change]);
      return true;
    }
    const values = `${canonicalJson(change.before)}\u0000${canonicalJson(change.after)}`;
    if (earlier.some((other) => `${canonicalJson(other.before)}\u0000${canonicalJson(other.after)}` === values)) return false;
    earlier.push(change);
    return true;
  });
}

/**
 * Compares two JSON Schemas (draft-04 to 2020-12) and returns one change per difference, in
 * document order, each with a rule id from SCHEMA_RULES, the JSON pointer of the change (in the
 * new schema, or the old one for removals), the record field it concerns, and a message.
 *
 * Whether a change breaks is the catalog's and the compatibility mode's business (see `judge`),
 * but the engine is sound: where it cannot prove a change harmless in a direction, it reports
 * it under a rule that breaks in that direction. Internal `$ref`s (`#/definitions/..`,
 * `#/$defs/..`, anchors) are followed, recursive ones compared once; `$ref`s to other documents
 * are compared as text. Throws ConcordError `ref-unresolved` for an internal `$ref` to nothing,
 * `invalid-schema` for a sub-schema that is neither object nor boolean, and `too-large` past MAX_DIFF_DEPTH.
 *
 * Schemas are values: a schema frozen all the way down (see `prepareSchema`) is normalized once
 * per process and its unchanged subtrees are skipped in O(1) by every later diff; an unfrozen
 * one is read afresh on each call, so editing it between two calls is always seen.
 */
export function diffSchemas(before: JsonSchema, after: JsonSchema): Change[] {
  if (sameJson(before, after)) return [];
  const session = new DiffSession(diffShape);
  session.diffShapes(shapeOf([preparedRoot(before, 'before')], ''), shapeOf([preparedRoot(after, 'after')], ''), undefined);
  return distinct(session.changes);
}

/**
 * The changes `diffSchemas` finds, handed to `sink` one by one as the engine finds them, without
 * collecting them or removing repeats: for questions one change can answer (does anything
 * break?), where `sink` may throw to stop the comparison there.
 */
export function streamSchemaChanges(before: JsonSchema, after: JsonSchema, sink: (change: Change) => void): void {
  if (sameJson(before, after)) return;
  const session = new DiffSession(diffShape, new Set(), 0, undefined, sink);
  session.diffShapes(shapeOf([preparedRoot(before, 'before')], ''), shapeOf([preparedRoot(after, 'after')], ''), undefined);
}
