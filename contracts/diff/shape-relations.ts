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

/** The slot's schemas as canonical text, to spot branches that did not change at all. */
export function rawTextOf(entry: Slot): string {
  return entry.nodes.map((node) => canonicalJson(node.value)).join('&');
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

/**
 * Pairs items of two lists by similarity, best pairs first (ties by position), leaving unrelated
 * items unpaired. Quadratic in the list lengths: meant for combinator branches.
 */
export function pairBySimilarity(before: readonly Branch[], after: readonly Branch[]): Map<number, number> {
  const candidates: { readonly i: number; readonly j: number; readonly score: number }[] = [];
  before.forEach((first, i) => after.forEach((second, j) => {
    const score = similarity(first, second);
    if (score > 0) candidates.push({ i, j, score });
  }));
  candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const pairs = new Map<number, number>();
  const taken = new Set<number>();
  for (const { i, j } of candidates) {
    if (pairs.has(i) || taken.has(j)) continue;
    pairs.set(i, j);
    taken.add(j);
  }
  return pairs;
}
