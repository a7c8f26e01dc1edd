import { MAX_BRANCH_COMPARISONS } from './diff-limits.js';
import { breaksOf } from './diff-session.js';
import type { DiffSession } from './diff-session.js';
import { subject } from './field-path.js';
import type { FieldPath } from './field-path.js';
import { slotShape } from './schema-normalize.js';
import type { Group, Shape } from './schema-shape.js';
import { pairBranches, provablyDisjoint, rawTextOf } from './shape-relations.js';
import type { Branch, Pairing } from './shape-relations.js';

/**
 * `anyOf`, `oneOf`, unmerged `allOf` branches and `not`. Branches are paired across versions,
 * identical ones by their text and the rest by likeness, so a branch added to a `oneOf` reads as
 * "extended", not as every branch changed, and only what changed is compared. In a `oneOf`, a
 * branch that may overlap another one breaks both ways whenever it changes: a value in the
 * overlap matches two branches and is rejected. Pairwise work is bounded by the session's
 * budget (MAX_BRANCH_COMPARISONS); past it the cautious answer is given.
 */

export interface BranchList {
  readonly kind: Group['kind'];
  readonly branches: readonly Branch[];
}

/** The branches of an `anyOf`/`oneOf` as a list of alternatives. */
export function groupBranches(group: Group): BranchList {
  return { kind: group.kind, branches: group.branches.map((entry) => ({ shape: slotShape(entry), at: entry.at, text: rawTextOf(entry) })) };
}

/**
 * Whether the branch at `position` provably overlaps no other branch of the list (always, in an
 * `anyOf`, where overlap is allowed). One comparison per other branch, from the session's budget:
 * without it, overlap is assumed, the cautious answer.
 */
function disjointFromOthers(session: DiffSession, list: BranchList, position: number): boolean {
  if (list.kind === 'anyOf') return true;
  const mine = list.branches[position];
  if (mine === undefined || !session.spend(list.branches.length - 1)) return false;
  return list.branches.every((other, index) => index === position || provablyDisjoint(mine.shape, other.shape));
}

/** {@link disjointFromOthers}, asked at most once per position of the list. */
function overlapCheck(session: DiffSession, list: BranchList): (position: number) => boolean {
  const known = new Map<number, boolean>();
  return (position) => {
    let answer = known.get(position);
    if (answer === undefined) {
      answer = disjointFromOthers(session, list, position);
      known.set(position, answer);
    }
    return answer;
  };
}

function allDisjoint(session: DiffSession, list: BranchList): boolean {
  const asOneOf: BranchList = { kind: 'oneOf', branches: list.branches };
  return list.branches.every((_, position) => disjointFromOthers(session, asOneOf, position));
}

function diffKinds(session: DiffSession, before: BranchList, after: BranchList, at: string, field: FieldPath): void {
  if (before.kind === after.kind) return;
  const who = subject(field);
  const harmless = after.kind === 'oneOf' ? allDisjoint(session, after) : allDisjoint(session, before);
  if (harmless) {
    session.emit({ rule: 'combinator-restructured', path: at, field, message: `${before.kind} of ${who} became ${after.kind}; its branches never overlap, so nothing changes` });
  } else if (after.kind === 'oneOf') {
    session.emit({ rule: 'any-of-became-one-of', path: at, field, message: `anyOf of ${who} became oneOf; old records matching two branches are rejected` });
  } else {
    session.emit({ rule: 'one-of-became-any-of', path: at, field, message: `oneOf of ${who} became anyOf; new records may match two branches` });
  }
}

/** Reports branches left unpaired because pairing them would pass the comparison budget. */
function reportCapped(session: DiffSession, pairing: Pairing, kind: string, at: string, field: FieldPath): void {
  if (pairing.capped === undefined) return;
  const { before, after } = pairing.capped;
  session.emit({
    rule: 'combinator-too-large-to-compare',
    path: at,
    field,
    message: `${kind} of ${subject(field)}: ${before} old and ${after} new branches differ, more than the engine pairs one by one (${MAX_BRANCH_COMPARISONS} comparisons), so they are reported as removed and added and taken to break both ways: review them by hand, or change fewer branches per version`,
  });
}

/** Compares two lists of alternatives (the branches of an `anyOf` or `oneOf`). */
export function diffBranchLists(session: DiffSession, before: BranchList, after: BranchList, at: string, field: FieldPath): void {
  diffKinds(session, before, after, at, field);
  const pairing = pairBranches(before.branches, after.branches, (comparisons) => session.spend(comparisons));
  reportCapped(session, pairing, after.kind, at, field);
  const { pairs } = pairing;
  const paired = new Set(pairs.values());
  const who = subject(field);
  // Overlap matters only between two oneOfs: a kind change from or to anyOf is reported above.
  const bothOneOf = before.kind === 'oneOf' && after.kind === 'oneOf';
  const [wasDisjoint, isDisjoint] = [overlapCheck(session, before), overlapCheck(session, after)];
  for (const [i, j] of pairs) {
    // The same text without references: nothing in this pair can differ.
    if (pairing.identical.has(i)) continue;
    const [was, is] = [before.branches[i], after.branches[j]];
    if (was === undefined || is === undefined) continue;
    if (!bothOneOf || (wasDisjoint(i) && isDisjoint(j))) {
      session.diffShapes(was.shape, is.shape, field);
    } else if (breaksOf(session.probe(was.shape, is.shape, field)) !== 'none') {
      session.emit({ rule: 'one-of-overlapping-branch-changed', path: is.at, field, message: `a oneOf branch of ${who} that may overlap another branch changed` });
    }
  }
  after.branches.forEach((branch, j) => {
    if (paired.has(j)) return;
    const rule = after.kind === 'anyOf' ? 'any-of-branch-added' : !bothOneOf || isDisjoint(j) ? 'one-of-branch-added' : 'one-of-overlapping-branch-added';
    session.emit({ rule, path: branch.at, field, message: `${after.kind} of ${who} gained a branch${rule.includes('overlapping') ? ' that may overlap another one' : ''}` });
  });
  before.branches.forEach((branch, i) => {
    if (pairs.has(i)) return;
    const rule = before.kind === 'anyOf' ? 'any-of-branch-removed' : !bothOneOf || wasDisjoint(i) ? 'one-of-branch-removed' : 'one-of-overlapping-branch-removed';
    session.emit({ rule, path: branch.at, field, message: `${before.kind} of ${who} lost a branch${rule.includes('overlapping') ? ' that may overlap another one' : ''}` });
  });
}

/**
 * Whether every value of `whole` already satisfies the group (so adding or dropping it changes
 * nothing that way). One comparison per branch, and one per other branch for the one that holds
 * `whole`, from the budget; without them the answer is "not proven", the cautious one.
 */
function implies(session: DiffSession, whole: Shape, list: BranchList): boolean {
  return list.branches.some((branch, position) => {
    if (!session.spend(1) || !session.isSubset(whole, branch.shape)) return false;
    if (list.kind === 'oneOf' && !session.spend(list.branches.length - 1)) return false;
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
  const pairing = pairBranches(
    before.extras.map((shape) => ({ shape, at: shape.at })),
    after.extras.map((shape) => ({ shape, at: shape.at })),
    (comparisons) => session.spend(comparisons),
  );
  reportCapped(session, pairing, 'allOf', after.at, field);
  const { pairs } = pairing;
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
