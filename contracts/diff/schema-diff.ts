import type { Change } from '../findings.js';
import type { JsonSchema } from '../model.js';
import { canonicalJson, jsonEqual } from './canonical-json.js';
import { DiffSession } from './diff-session.js';
import { rootNode } from './schema-document.js';
import type { SchemaDocument } from './schema-document.js';
import { shapeOf } from './schema-normalize.js';
import { diffShape } from './shape-diff.js';

/**
 * One change per rule, place and values: a definition reached through several fields (or
 * compared again together with an `if`/`then`) is reported once, where it was met first.
 */
function distinct(changes: readonly Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((change) => {
    const key = `${change.rule}\u0000${change.path}\u0000${canonicalJson(change.before)}\u0000${canonicalJson(change.after)}`;
    if (seen.has(key)) return false;
    seen.add(key);
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
 */
export function diffSchemas(before: JsonSchema, after: JsonSchema): Change[] {
  if (jsonEqual(before, after)) return [];
  const old: SchemaDocument = { id: 'before', root: before };
  const now: SchemaDocument = { id: 'after', root: after };
  const session = new DiffSession(diffShape);
  session.diffShapes(shapeOf([rootNode(old)], ''), shapeOf([rootNode(now)], ''), undefined);
  return distinct(session.changes);
}
