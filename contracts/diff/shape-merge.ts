import { canonicalJson } from './canonical-json.js';
import type { Bound, Located, MutableShape, Shape, Slot } from './schema-shape.js';

/**
 * Merging a conjunct into a shape, keyword by keyword, only where the result means exactly the
 * conjunction (both `minLength`s: the larger; both `type`s: the common types). A conjunct that
 * cannot be merged exactly (two different `format`s, `additionalProperties` beside another
 * conjunct's `properties`) is refused, and the caller keeps it whole as an extra conjunct.
 */

function larger(first: Located<number> | undefined, second: Located<number> | undefined): Located<number> | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return second.value > first.value ? second : first;
}

function smaller(first: Located<number> | undefined, second: Located<number> | undefined): Located<number> | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return second.value < first.value ? second : first;
}

/** The tighter of two lower (or upper) bounds; at the same value the exclusive one. */
export function tighterBound(first: Bound | undefined, second: Bound | undefined, lower: boolean): Bound | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  if (first.value !== second.value) return (second.value > first.value) === lower ? second : first;
  return second.exclusive && !first.exclusive ? second : first;
}

/** Whether `multiple` is an integer multiple of `divisor`, allowing for binary rounding of decimals. */
export function isMultipleOf(multiple: number, divisor: number): boolean {
  const ratio = multiple / divisor;
  return Math.abs(ratio - Math.round(ratio)) <= 1e-9 * Math.max(1, Math.abs(ratio));
}

function sameText(first: Located<string> | undefined, second: Located<string> | undefined): boolean {
  return first === undefined || second === undefined || first.value === second.value;
}

function mergeSlots(first: ReadonlyMap<string, Slot>, second: ReadonlyMap<string, Slot>): ReadonlyMap<string, Slot> {
  if (second.size === 0) return first;
  if (first.size === 0) return second;
  const merged = new Map(first);
  for (const [name, entry] of second) {
    const existing = merged.get(name);
    merged.set(name, existing === undefined ? entry : { nodes: [...existing.nodes, ...entry.nodes], at: existing.at });
  }
  return merged;
}

function mergeSlot(first: Slot | undefined, second: Slot | undefined): Slot | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return { nodes: [...first.nodes, ...second.nodes], at: first.at };
}

function mergeNames<T>(first: ReadonlyMap<string, T>, second: ReadonlyMap<string, T>): ReadonlyMap<string, T> {
  if (second.size === 0) return first;
  if (first.size === 0) return second;
  const merged = new Map(first);
  for (const [name, value] of second) if (!merged.has(name)) merged.set(name, value);
  return merged;
}

function mergeDependentRequired(
  first: Shape['dependentRequired'],
  second: Shape['dependentRequired'],
): Shape['dependentRequired'] {
  if (second.size === 0) return first;
  if (first.size === 0) return second;
  const merged = new Map(first);
  for (const [key, names] of second) merged.set(key, mergeNames(merged.get(key) ?? new Map<string, string>(), names));
  return merged;
}

function hasObjectModel(shape: Shape): boolean {
  return shape.properties.size > 0 || shape.patternProperties.size > 0 || shape.additional !== undefined;
}

function hasItems(shape: Shape): boolean {
  return shape.prefixItems !== undefined || shape.restItems !== undefined;
}

/** Why merging `second` into `first` would not mean exactly their conjunction, if it would not. */
function conflicts(first: Shape, second: Shape): boolean {
  if (!sameText(first.format, second.format)) return true;
  if (!sameText(first.contentEncoding, second.contentEncoding)) return true;
  if (!sameText(first.contentMediaType, second.contentMediaType)) return true;
  if (first.multipleOf !== undefined && second.multipleOf !== undefined) {
    const [a, b] = [first.multipleOf.value, second.multipleOf.value];
    if (!isMultipleOf(a, b) && !isMultipleOf(b, a)) return true;
  }
  // additionalProperties sees only the properties of its own schema object.
  if (hasObjectModel(first) && hasObjectModel(second) && (first.additional !== undefined || second.additional !== undefined)) return true;
  if (hasItems(first) && hasItems(second) && (first.prefixItems !== undefined || second.prefixItems !== undefined)) return true;
  if (first.contains !== undefined && second.contains !== undefined) return true;
  return first.conditional !== undefined && second.conditional !== undefined;
}

function intersectTypes(first: Shape['types'], second: Shape['types']): Shape['types'] {
  if (first === undefined) return second;
  if (second === undefined) return first;
  const common = new Set([...first.value].filter((type) => second.value.has(type)));
  // integer is a kind of number: number & integer is integer.
  if (first.value.has('number') && second.value.has('integer')) common.add('integer');
  if (second.value.has('number') && first.value.has('integer')) common.add('integer');
  const same = common.size === first.value.size && [...common].every((type) => first.value.has(type));
  return same ? first : { value: common, at: second.at };
}

function intersectEnums(first: Shape['enumValues'], second: Shape['enumValues']): Shape['enumValues'] {
  if (first === undefined) return second;
  if (second === undefined) return first;
  const allowed = new Set(second.value.map(canonicalJson));
  return { ...first, value: first.value.filter((value) => allowed.has(canonicalJson(value))) };
}

/** Merges `second` into `shape` when that is exact; returns false (and changes nothing) when it is not. */
export function mergeInto(shape: MutableShape, second: Shape): boolean {
  if (conflicts(shape, second)) return false;
  shape.unsatisfiable ??= second.unsatisfiable;
  shape.types = intersectTypes(shape.types, second.types);
  shape.enumValues = intersectEnums(shape.enumValues, second.enumValues);
  shape.minLength = larger(shape.minLength, second.minLength);
  shape.maxLength = smaller(shape.maxLength, second.maxLength);
  shape.patterns = [...shape.patterns, ...second.patterns];
  shape.format ??= second.format;
  shape.contentEncoding ??= second.contentEncoding;
  shape.contentMediaType ??= second.contentMediaType;
  shape.lower = tighterBound(shape.lower, second.lower, true);
  shape.upper = tighterBound(shape.upper, second.upper, false);
  if (shape.multipleOf === undefined || (second.multipleOf !== undefined && second.multipleOf.value > shape.multipleOf.value)) {
    shape.multipleOf = second.multipleOf ?? shape.multipleOf;
  }
  shape.properties = mergeSlots(shape.properties, second.properties);
  shape.patternProperties = mergeSlots(shape.patternProperties, second.patternProperties);
  shape.additional ??= second.additional;
  shape.required = mergeNames(shape.required, second.required);
  shape.minProperties = larger(shape.minProperties, second.minProperties);
  shape.maxProperties = smaller(shape.maxProperties, second.maxProperties);
  shape.propertyNames = mergeSlot(shape.propertyNames, second.propertyNames);
  shape.dependentRequired = mergeDependentRequired(shape.dependentRequired, second.dependentRequired);
  shape.dependentSchemas = mergeSlots(shape.dependentSchemas, second.dependentSchemas);
  shape.prefixItems ??= second.prefixItems;
  shape.restItems = mergeSlot(shape.restItems, second.restItems);
  shape.minItems = larger(shape.minItems, second.minItems);
  shape.maxItems = smaller(shape.maxItems, second.maxItems);
  shape.uniqueItems ??= second.uniqueItems;
  shape.contains ??= second.contains;
  shape.minContains ??= second.minContains;
  shape.maxContains ??= second.maxContains;
  shape.conditional ??= second.conditional;
  shape.groups = [...shape.groups, ...second.groups];
  shape.nots = [...shape.nots, ...second.nots];
  shape.extras = [...shape.extras, ...second.extras];
  shape.opaqueRefs = [...shape.opaqueRefs, ...second.opaqueRefs];
  shape.annotations = mergeNames(shape.annotations, second.annotations);
  return true;
}
