import { RE2JS } from 're2js';
import { canonicalJson } from './canonical-json.js';
import { MAX_DISJOINTNESS_DEPTH, MAX_TRIVIALITY_DEPTH } from './diff-limits.js';
import { isKeptShape, slotShape } from './schema-normalize.js';
import type { JsonType, Shape, Slot } from './schema-shape.js';

/**
 * Cheap, conservative facts about shapes. Each answers "yes" only when that is certain; "no"
 * means "not proven", which makes the engine report more, never less.
 */

function typeCovers(types: ReadonlySet<JsonType>, type: JsonType): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'));
}

/** Whether some value has a type in both sets. */
export function typesOverlap(first: ReadonlySet<JsonType>, second: ReadonlySet<JsonType>): boolean {
  return [...first].some((type) => typeCovers(second, type) || (type === 'number' && second.has('integer')));
}

/** `type` lists that allow every JSON value say nothing. */
export function allowsAllTypes(types: ReadonlySet<JsonType>): boolean {
  return (['null', 'boolean', 'object', 'array', 'number', 'string'] as const).every((type) => types.has(type));
}

function slotAcceptsEverything(entry: Slot | undefined, depth: number): boolean {
  return entry === undefined || entry.nodes.length === 0 || acceptsEverything(slotShape(entry), depth + 1);
}

/** Answers for whole kept shapes (depth 0), which hold since shapes are never edited. */
const ACCEPTS_EVERYTHING = new WeakMap<Shape, boolean>();

/** Whether the shape accepts every JSON value; `depth` (default 0) is how far into sub-schemas the check already is. */
export function acceptsEverything(shape: Shape, depth = 0): boolean {
  if (depth !== 0 || !isKeptShape(shape)) return checkAcceptsEverything(shape, depth);
  let answer = ACCEPTS_EVERYTHING.get(shape);
  if (answer === undefined) {
    answer = checkAcceptsEverything(shape, 0);
    ACCEPTS_EVERYTHING.set(shape, answer);
  }
  return answer;
}

function checkAcceptsEverything(shape: Shape, depth: number): boolean {
  if (depth > MAX_TRIVIALITY_DEPTH) return false;
  if (shape.unsatisfiable !== undefined) return false;
  if (shape.types !== undefined && !allowsAllTypes(shape.types.value)) return false;
  const limits = [
    shape.enumValues, shape.minLength, shape.maxLength, shape.format, shape.contentEncoding, shape.contentMediaType,
    shape.lower, shape.upper, shape.multipleOf, shape.minProperties, shape.maxProperties, shape.minItems, shape.maxItems,
    shape.uniqueItems, shape.contains, shape.conditional,
  ];
  if (limits.some((limit) => limit !== undefined)) return false;
  if (shape.patterns.length > 0 || shape.required.size > 0 || shape.dependentRequired.size > 0) return false;
  if (shape.groups.length > 0 || shape.nots.length > 0 || shape.opaqueRefs.length > 0) return false;
  const slots = [
    ...shape.properties.values(), ...shape.patternProperties.values(), ...shape.dependentSchemas.values(),
    ...(shape.prefixItems ?? []), shape.additional, shape.propertyNames, shape.restItems,
  ];
  return slots.every((entry) => slotAcceptsEverything(entry, depth)) && shape.extras.every((extra) => acceptsEverything(extra, depth + 1));
}

/** Whether the shape surely accepts no value (a `false` schema, no common type, an empty enum). */
export function isUnsatisfiable(shape: Shape): boolean {
  return shape.unsatisfiable !== undefined || shape.extras.some(isUnsatisfiable);
}

/** How a schema treats values at a place: anything goes, nothing goes, or a schema decides. */
export type ContentModel = 'open' | 'closed' | 'schema';

/** Open when the shape accepts anything, closed when it accepts nothing, else a schema decides. */
export function contentModel(shape: Shape): ContentModel {
  if (isUnsatisfiable(shape)) return 'closed';
  return acceptsEverything(shape) ? 'open' : 'schema';
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value as JsonType;
}

/** Whether the shape surely rejects the value, judging by `type` and `enum` alone. */
function rejectsValue(shape: Shape, value: unknown): boolean {
  if (shape.types !== undefined && !typeCovers(shape.types.value, jsonTypeOf(value))) return true;
  if (shape.enumValues === undefined) return false;
  const text = canonicalJson(value);
  return !shape.enumValues.value.some((allowed) => canonicalJson(allowed) === text);
}

function forbidsProperty(shape: Shape, name: string): boolean {
  const declared = shape.properties.get(name);
  if (declared !== undefined) return isUnsatisfiable(slotShape(declared));
  if (shape.patternProperties.size > 0 || shape.additional === undefined) return false;
  return isUnsatisfiable(slotShape(shape.additional));
}

function disjointByProperties(first: Shape, second: Shape, depth: number): boolean {
  for (const name of first.required.keys()) {
    if (forbidsProperty(second, name)) return true;
    if (!second.required.has(name)) continue;
    const mine = first.properties.get(name);
    const theirs = second.properties.get(name);
    if (mine !== undefined && theirs !== undefined && provablyDisjoint(slotShape(mine), slotShape(theirs), depth + 1)) return true;
  }
  return false;
}

function disjointOneWay(first: Shape, second: Shape, depth: number): boolean {
  if (first.enumValues !== undefined && first.enumValues.value.every((value) => rejectsValue(second, value))) return true;
  if (disjointByProperties(first, second, depth)) return true;
  if (first.groups.some((group) => group.branches.every((branch) => provablyDisjoint(slotShape(branch), second, depth + 1)))) return true;
  return first.extras.some((extra) => provablyDisjoint(extra, second, depth + 1));
}

/** Whether no value can be valid under both shapes; `depth` (default 0) counts the property levels already looked into. */
export function provablyDisjoint(first: Shape, second: Shape, depth = 0): boolean {
  if (isUnsatisfiable(first) || isUnsatisfiable(second)) return true;
  if (first.types !== undefined && second.types !== undefined && !typesOverlap(first.types.value, second.types.value)) return true;
  if (depth > MAX_DISJOINTNESS_DEPTH) return false;
  return disjointOneWay(first, second, depth) || disjointOneWay(second, first, depth);
}

const COMPILED = new Map<string, RE2JS | undefined>();

/**
 * Whether a property-name pattern may match the name. Patterns run on RE2 (linear time, so a
 * hostile pattern cannot stall the engine); one RE2 cannot compile (lookaround, backreferences)
 * is assumed to match.
 */
export function patternMayMatch(pattern: string, name: string): boolean {
  if (!COMPILED.has(pattern)) {
    try {
      COMPILED.set(pattern, RE2JS.compile(pattern));
    } catch {
      COMPILED.set(pattern, undefined);
    }
  }
  const compiled = COMPILED.get(pattern);
  return compiled === undefined || compiled.test(name);
}

/** An alternative in a list being paired: its shape, place, and raw text when it comes from one place. */
export interface Branch {
  readonly shape: Shape;
  readonly at: string;
  readonly text?: string;
}

/**
 * The slot's schemas as canonical text, to spot branches that did not change at all: from the
 * nodes' subtree keys when the document is frozen (no walk), else written out.
 */
export function rawTextOf(entry: Slot): string {
  return entry.nodes.map((node) => (node.subtree !== undefined && !node.subtree.exotic ? node.subtree.text : canonicalJson(node.value))).join('&');
}

/** Whether canonical text may hold a reference (a false "yes" only costs a comparison). */
function mayHoldRef(text: string): boolean {
  return text.includes('"$ref":') || text.includes('"$recursiveRef":') || text.includes('"$dynamicRef":');
}

/**
 * How alike two branches look, for pairing `anyOf`/`oneOf` branches across versions; 0 means
 * unrelated. Identical text wins, then shared types, listed values and property names.
 */
function similarity(first: Branch, second: Branch): number {
  if (first.text !== undefined && first.text === second.text) return 1000;
  const [a, b] = [first.shape, second.shape];
  let score = 0;
  if (a.types !== undefined && b.types !== undefined) {
    if (!typesOverlap(a.types.value, b.types.value)) return 0;
    score += canonicalJson([...a.types.value].sort()) === canonicalJson([...b.types.value].sort()) ? 8 : 4;
  } else if (a.types === undefined && b.types === undefined) {
    score += 2;
  }
  if (a.enumValues !== undefined && b.enumValues !== undefined) {
    const values = new Set(a.enumValues.value.map(canonicalJson));
    if (b.enumValues.value.some((value) => values.has(canonicalJson(value)))) score += 4;
  }
  for (const name of a.properties.keys()) if (b.properties.has(name)) score += 1;
  for (const name of a.required.keys()) if (b.required.has(name)) score += 1;
  if (a.format !== undefined && a.format.value === b.format?.value) score += 1;
  return score;
}

/** How two lists of alternatives were paired across versions. */
export interface Pairing {
  /** Index in the old list -> index in the new one. */
  readonly pairs: ReadonlyMap<number, number>;
  /** Old indexes paired with a branch of the same text and no reference: nothing there can differ. */
  readonly identical: ReadonlySet<number>;
  /** Branches left unpaired because likeness-pairing them would pass the comparison budget. */
  readonly capped: { readonly before: number; readonly after: number } | undefined;
}

/**
 * Pairs items of two lists across versions. Items of the same text go first, each old one with
 * the first unpaired new one of its text, in linear time (a hash lookup per item). What is left
 * is paired by likeness, best pairs first (ties by position), leaving unrelated items unpaired;
 * that step is quadratic in what is left, so it runs only when `spend` grants one comparison per
 * pair of leftovers, and the leftovers stay unpaired (`capped`) when it does not.
 */
export function pairBranches(before: readonly Branch[], after: readonly Branch[], spend: (comparisons: number) => boolean): Pairing {
  const pairs = new Map<number, number>();
  const identical = new Set<number>();
  const taken = new Set<number>();
  const byText = new Map<string, number[]>();
  after.forEach((branch, j) => {
    if (branch.text === undefined) return;
    const list = byText.get(branch.text);
    if (list === undefined) byText.set(branch.text, [j]);
    else list.push(j);
  });
  const next = new Map<string, number>();
  before.forEach((branch, i) => {
    if (branch.text === undefined) return;
    const list = byText.get(branch.text);
    const position = next.get(branch.text) ?? 0;
    const j = list?.[position];
    if (j === undefined) return;
    next.set(branch.text, position + 1);
    pairs.set(i, j);
    taken.add(j);
    if (!mayHoldRef(branch.text)) identical.add(i);
  });
  const restBefore = before.flatMap((_, i) => (pairs.has(i) ? [] : [i]));
  const restAfter = after.flatMap((_, j) => (taken.has(j) ? [] : [j]));
  if (restBefore.length === 0 || restAfter.length === 0) return { pairs, identical, capped: undefined };
  if (!spend(restBefore.length * restAfter.length)) return { pairs, identical, capped: { before: restBefore.length, after: restAfter.length } };
  const candidates: { readonly i: number; readonly j: number; readonly score: number }[] = [];
  for (const i of restBefore) {
    for (const j of restAfter) {
      const score = similarity(before[i]!, after[j]!);
      if (score > 0) candidates.push({ i, j, score });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  for (const { i, j } of candidates) {
    if (pairs.has(i) || taken.has(j)) continue;
    pairs.set(i, j);
    taken.add(j);
  }
  return { pairs, identical, capped: undefined };
}
