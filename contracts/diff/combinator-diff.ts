import { breaksOf } from './diff-session.js';
import type { DiffSession } from './diff-session.js';
import { subject } from './field-path.js';
import type { FieldPath } from './field-path.js';
import { slotShape } from './schema-normalize.js';
import type { Group, Shape } from './schema-shape.js';
import { pairBySimilarity, provablyDisjoint, rawTextOf } from './shape-relations.js';
import type { Branch } from './shape-relations.js';

/**
 * `anyOf`, `oneOf`, unmerged `allOf` branches and `not`. Branches are paired across versions by
 * likeness, so a branch added to a `oneOf` reads as "extended", not as every branch changed.
 * In a `oneOf`, a branch that may overlap another one breaks both ways whenever it changes: a
 * value in the overlap matches two branches and is rejected.
 */

export interface BranchList {
  readonly kind: Group['kind'];
  readonly branches: readonly Branch[];
}

/** The branches of an `anyOf`/`oneOf` as a list of alternatives. */
export function groupBranches(group: Group): BranchList {
  return { kind: group.kind, branches: group.branches.map((entry) => ({ shape: slotShape(entry), at: entry.at, text: rawTextOf(entry) })) };
}

function disjointFromOthers(list: BranchList, position: number): boolean {
  if (list.kind === 'anyOf') return true;
  const mine = list.branches[position];
  return mine !== undefined && list.branches.every((other, index) => index === position || provablyDisjoint(mine.shape, other.shape));
}

function allDisjoint(list: BranchList): boolean {
  return list.branches.every((_, position) => disjointFromOthers({ kind: 'oneOf', branches: list.branches }, position));
}

function diffKinds(session: DiffSession, before: BranchList, after: BranchList, at: string, field: FieldPath): void {
  if (before.kind === after.kind) return;
  const who = subject(field);
  const harmless = after.kind === 'oneOf' ? allDisjoint(after) : allDisjoint(before);
  if (harmless) {
    session.emit({ rule: 'combinator-restructured', path: at, field, message: `${before.kind} of ${who} became ${after.kind}; its branches never overlap, so nothing changes` });
  } else if (after.kind === 'oneOf') {
    session.emit({ rule: 'any-of-became-one-of', path: at, field, message: `anyOf of ${who} became oneOf; old records matching two branches are rejected` });
  } else {
    session.emit({ rule: 'one-of-became-any-of', path: at, field, message: `oneOf of ${who} became anyOf; new records may match two branches` });
  }
}

/** Compares two lists of alternatives (the branches of an `anyOf` or `oneOf`). */
export function diffBranchLists(session: DiffSession, before: BranchList, after: BranchList, at: string, field: FieldPath): void {
  diffKinds(session, before, after, at, field);
  const pairs = pairBySimilarity(before.branches, after.branches);
  const paired = new Set(pairs.values());
  const who = subject(field);
  // Overlap matters only between two oneOfs: a kind change from or to anyOf is reported above.
  const bothOneOf = before.kind === 'oneOf' && after.kind === 'oneOf';
  for (const [i, j] of pairs) {
    const [was, is] = [before.branches[i], after.branches[j]];
    if (was === undefined || is === undefined) continue;
    if (!bothOneOf || (disjointFromOthers(before, i) && disjointFromOthers(after, j))) {
      session.diffShapes(was.shape, is.shape, field);
    } else if (breaksOf(session.probe(was.shape, is.shape, field)) !== 'none') {
      session.emit({ rule: 'one-of-overlapping-branch-changed', path: is.at, field, message: `a oneOf branch of ${who} that may overlap another branch changed` });
    }
  }
  after.branches.forEach((branch, j) => {
    if (paired.has(j)) return;
    const rule = after.kind === 'anyOf' ? 'any-of-branch-added' : !bothOneOf || disjointFromOthers(after, j) ? 'one-of-branch-added' : 'one-of-overlapping-branch-added';
    session.emit({ rule, path: branch.at, field, message: `${after.kind} of ${who} gained a branch${rule.includes('overlapping') ? ' that may overlap another one' : ''}` });
  });
  before.branches.forEach((branch, i) => {
    if (pairs.has(i)) return;
    const rule = before.kind === 'anyOf' ? 'any-of-branch-removed' : !bothOneOf || disjointFromOthers(before, i) ? 'one-of-branch-removed' : 'one-of-overlapping-branch-removed';
    session.emit({ rule, path: branch.at, field, message: `${before.kind} of ${who} lost a branch${rule.includes('overlapping') ? ' that may overlap another one' : ''}` });
  });
}

/** Whether every value of `whole` already satisfies the group (so adding or dropping it changes nothing that way). */
function implies(session: DiffSession, whole: Shape, list: BranchList): boolean {
  return list.branches.some((branch, position) => {
    if (!session.isSubset(whole, branch.shape)) return false;
    return list.kind === 'anyOf' || list.branches.every((other, index) => index === position || provablyDisjoint(whole, other.shape) || provablyDisjoint(branch.shape, other.shape));
  });
}

function diffGroups(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  const who = subject(field);
  const count = Math.max(before.groups.length, after.groups.length);
  for (let index = 0; index < count; index += 1) {
    const [was, is] = [before.groups[index], after.groups[index]];
    if (was !== undefined && is !== undefined) {
      diffBranchLists(session, groupBranches(was), groupBranches(is), is.at, field);
    } else if (is !== undefined) {
      const rule = implies(session, before, groupBranches(is)) ? 'combinator-restructured' : is.kind === 'anyOf' ? 'any-of-added' : 'one-of-added';
      session.emit({ rule, path: is.at, field, message: `${is.kind} was added to ${who}${rule === 'combinator-restructured' ? '; every old value already matches it' : ''}` });
    } else if (was !== undefined) {
      const rule = implies(session, after, groupBranches(was)) ? 'combinator-restructured' : was.kind === 'anyOf' ? 'any-of-removed' : 'one-of-removed';
      session.emit({ rule, path: was.at, field, message: `${was.kind} was removed from ${who}${rule === 'combinator-restructured' ? '; every new value still matches it' : ''}` });
    }
  }
}

function diffExtras(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  if (before.extras.length === 0 && after.extras.length === 0) return;
  const pairs = pairBySimilarity(
    before.extras.map((shape) => ({ shape, at: shape.at })),
    after.extras.map((shape) => ({ shape, at: shape.at })),
  );
  const paired = new Set(pairs.values());
  const who = subject(field);
  for (const [i, j] of pairs) {
    const [was, is] = [before.extras[i], after.extras[j]];
    if (was !== undefined && is !== undefined) session.diffShapes(was, is, field);
  }
  after.extras.forEach((extra, j) => {
    if (paired.has(j)) return;
    const rule = session.isSubset(before, extra) ? 'combinator-restructured' : 'all-of-branch-added';
    session.emit({ rule, path: extra.at, field, message: `${who} must now also match the allOf branch at ${extra.at}` });
  });
  before.extras.forEach((extra, i) => {
    if (pairs.has(i)) return;
    const rule = session.isSubset(after, extra) ? 'combinator-restructured' : 'all-of-branch-removed';
    session.emit({ rule, path: extra.at, field, message: `${who} no longer must match the allOf branch at ${extra.at}` });
  });
}

const NOT_RULES = { backward: 'not-schema-narrowed', forward: 'not-schema-widened', both: 'not-schema-changed' } as const;

function diffNots(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  const who = subject(field);
  const count = Math.max(before.nots.length, after.nots.length);
  for (let index = 0; index < count; index += 1) {
    const [was, is] = [before.nots[index], after.nots[index]];
    if (was !== undefined && is !== undefined) {
      // The inner schema narrowing means the `not` lets more through: directions flip.
      const inner = breaksOf(session.probe(slotShape(was), slotShape(is), field));
      if (inner !== 'none') session.emit({ rule: NOT_RULES[inner], path: is.at, field, message: `the schema that ${who} must not match changed` });
    } else if (is !== undefined) {
      const rule = provablyDisjoint(before, slotShape(is)) ? 'combinator-restructured' : 'not-added';
      session.emit({ rule, path: is.at, field, message: `${who} now must not match the schema at ${is.at}` });
    } else if (was !== undefined) {
      const rule = provablyDisjoint(after, slotShape(was)) ? 'combinator-restructured' : 'not-removed';
      session.emit({ rule, path: was.at, field, message: `${who} no longer must avoid the schema at ${was.at}` });
    }
  }
}

function diffOpaqueRefs(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  if (before.opaqueRefs.length === 0 && after.opaqueRefs.length === 0) return;
  const old = new Set(before.opaqueRefs.map((ref) => ref.value));
  const now = new Set(after.opaqueRefs.map((ref) => ref.value));
  if (old.size === now.size && [...old].every((ref) => now.has(ref))) return;
  const at = after.opaqueRefs[0]?.at ?? before.opaqueRefs[0]?.at ?? after.at;
  session.emit({
    rule: 'ref-target-changed',
    path: at,
    field,
    message: `${subject(field)} refers to ${[...now].join(', ') || 'nothing outside the schema'} instead of ${[...old].join(', ') || 'nothing outside the schema'}; bundle the referenced schema to compare it`,
    before: [...old],
    after: [...now],
  });
}

/** `anyOf`/`oneOf` groups, unmerged `allOf` branches, `not`, and `$ref`s outside the document. */
export function diffCombinators(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  diffGroups(session, before, after, field);
  diffExtras(session, before, after, field);
  diffNots(session, before, after, field);
  diffOpaqueRefs(session, before, after, field);
}
