import type { Change } from '../findings.js';
import { diffAnnotations } from './annotation-diff.js';
import { diffArrays } from './array-diff.js';
import { diffBranchLists, groupBranches } from './combinator-diff.js';
import type { BranchList } from './combinator-diff.js';
import { diffCombinators } from './combinator-diff.js';
import { diffConditional } from './conditional-diff.js';
import { breaksOf } from './diff-session.js';
import type { DiffSession } from './diff-session.js';
import { subject } from './field-path.js';
import type { FieldPath } from './field-path.js';
import { diffNumbers } from './numeric-diff.js';
import { diffObjectConstraints } from './object-constraints-diff.js';
import { diffObjectModel } from './object-diff.js';
import { conjoin, withoutGroups } from './schema-normalize.js';
import type { Shape } from './schema-shape.js';
import { isUnsatisfiable } from './shape-relations.js';
import { diffStrings } from './string-diff.js';
import { diffEnums, diffTypes } from './value-diff.js';

/** Keyword by keyword; sound because a schema is the conjunction of its keywords (grouped where they interact). */
function diffParts(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  diffAnnotations(session, before, after, field);
  diffTypes(session, before, after, field);
  diffEnums(session, before, after, field);
  diffStrings(session, before, after, field);
  diffNumbers(session, before, after, field);
  diffObjectModel(session, before, after, field);
  diffObjectConstraints(session, before, after, field);
  diffArrays(session, before, after, field);
  diffConditional(session, before, after, field);
  diffCombinators(session, before, after, field);
}

/** A shape with one `anyOf`/`oneOf` as the list of its alternatives, each joined with the rest of the shape. */
function asAlternatives(shape: Shape, kind: BranchList['kind']): BranchList {
  const [group] = shape.groups;
  if (group === undefined) return { kind, branches: [{ shape, at: shape.at }] };
  const core = withoutGroups(shape);
  return { kind: group.kind, branches: groupBranches(group).branches.map((branch) => ({ ...branch, shape: conjoin(core, branch.shape), text: undefined })) };
}

const BREAK_WEIGHT = { none: 0, backward: 1, forward: 1, both: 2 } as const;

function tighter(first: Change[], second: Change[]): Change[] {
  const [a, b] = [BREAK_WEIGHT[breaksOf(first)], BREAK_WEIGHT[breaksOf(second)]];
  if (a !== b) return a < b ? first : second;
  return second.length < first.length ? second : first;
}

/**
 * One side has an `anyOf`/`oneOf` and the other none (`type: string` became `oneOf: [number,
 * string]`). Two readings are both sound: keyword by keyword with the group as an added
 * conjunct, or as lists of alternatives with the rest folded into each branch. The engine keeps
 * the one that claims fewer breaks.
 */
function diffRegrouped(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  const kind = (before.groups[0] ?? after.groups[0])?.kind ?? 'anyOf';
  const parts = session.probeWith((probe) => diffParts(probe, before, after, field));
  const alternatives = session.probeWith((probe) => diffBranchLists(probe, asAlternatives(before, kind), asAlternatives(after, kind), after.at, field));
  session.emitAll(tighter(parts, alternatives));
}

/** The engine's recursive step: compares two normalized sub-schemas and emits their changes. */
export function diffShape(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  const [wasEmpty, isEmpty] = [isUnsatisfiable(before), isUnsatisfiable(after)];
  if (wasEmpty && isEmpty) return;
  if (isEmpty) {
    session.emit({ rule: 'false-schema-introduced', path: after.unsatisfiable ?? after.at, field, message: `${subject(field)} now accepts no value at all` });
    return;
  }
  if (wasEmpty) {
    session.emit({ rule: 'false-schema-replaced', path: after.at, field, message: `${subject(field)} accepted no value before and now accepts some` });
    return;
  }
  if (before.groups.length + after.groups.length === 1) diffRegrouped(session, before, after, field);
  else diffParts(session, before, after, field);
}
