import fc from 'fast-check';
import type { SchemaObject } from './schema-node.js';
import { numberOf } from './schema-node.js';

/**
 * Numbers and integers a numeric schema admits, biased to its bounds: the bounds themselves when
 * inclusive, the nearest admitted value when exclusive, and whole numbers inside a `number` range
 * (they are what an `integer` narrowing rejects last).
 */

/** Stand-in bound for an unbounded side: far past any bound the generators or mutations write. */
const DEFAULT_BOUND = 1_000_000_000;
/** A multipleOf of an integer field is scaled by at most this to reach a whole step (0.25 needs 4). */
const MAX_STEP_SCALE = 8;

interface Range {
  readonly low: number;
  readonly high: number;
  readonly lowExcluded: boolean;
  readonly highExcluded: boolean;
}

function rangeOf(node: SchemaObject): Range {
  const minimum = numberOf(node, 'minimum');
  const exclusiveMinimum = numberOf(node, 'exclusiveMinimum');
  const maximum = numberOf(node, 'maximum');
  const exclusiveMaximum = numberOf(node, 'exclusiveMaximum');
  const lowExcluded = exclusiveMinimum !== undefined && (minimum === undefined || exclusiveMinimum >= minimum);
  const highExcluded = exclusiveMaximum !== undefined && (maximum === undefined || exclusiveMaximum <= maximum);
  return {
    low: (lowExcluded ? exclusiveMinimum : minimum) ?? -DEFAULT_BOUND,
    high: (highExcluded ? exclusiveMaximum : maximum) ?? DEFAULT_BOUND,
    lowExcluded,
    highExcluded,
  };
}

/** The admitted multiples `k * step` for k in [first, last]; `first > last` when there are none. */
function multiplesIn(range: Range, step: number): { readonly first: number; readonly last: number } {
  let first = Math.ceil(range.low / step);
  if (range.lowExcluded && first * step <= range.low) first += 1;
  let last = Math.floor(range.high / step);
  if (range.highExcluded && last * step >= range.high) last -= 1;
  return { first, last };
}

function multiplesArbitrary(range: Range, step: number): fc.Arbitrary<number> {
  const { first, last } = multiplesIn(range, step);
  // No admitted multiple: give one just outside, so the caller's validity check drops the record.
  if (first > last) return fc.constant(first * step);
  return fc
    .oneof(fc.constant(first), fc.constant(last), fc.integer({ min: first, max: last }))
    .map((k) => k * step);
}

/** The smallest whole multiple of `multipleOf`, the step between admitted integers. */
function integerStep(multipleOf: number): number {
  for (let scale = 1; scale <= MAX_STEP_SCALE; scale += 1) {
    if (Number.isInteger(multipleOf * scale)) return multipleOf * scale;
  }
  return multipleOf * MAX_STEP_SCALE;
}

/** Integers admitted by `node`'s bounds and multipleOf, biased to the bounds. */
export function integerArbitrary(node: SchemaObject): fc.Arbitrary<number> {
  const multipleOf = numberOf(node, 'multipleOf');
  return multiplesArbitrary(rangeOf(node), multipleOf === undefined ? 1 : integerStep(multipleOf));
}

/** Numbers admitted by `node`'s bounds and multipleOf, biased to the bounds and to whole numbers. */
export function numberArbitrary(node: SchemaObject): fc.Arbitrary<number> {
  const range = rangeOf(node);
  const multipleOf = numberOf(node, 'multipleOf');
  if (multipleOf !== undefined) return multiplesArbitrary(range, multipleOf);
  if (range.low > range.high || (range.low === range.high && (range.lowExcluded || range.highExcluded))) {
    return fc.constant(range.low);
  }
  const doubles = fc.double({
    min: range.low,
    max: range.high,
    minExcluded: range.lowExcluded,
    maxExcluded: range.highExcluded,
    noNaN: true,
    noDefaultInfinity: true,
  });
  const edges = [range.lowExcluded ? undefined : range.low, range.highExcluded ? undefined : range.high].filter(
    (value): value is number => value !== undefined,
  );
  return fc.oneof(
    ...(edges.length > 0 ? [fc.constantFrom(...edges)] : []),
    multiplesArbitrary(range, 1),
    doubles,
  );
}

/** Whether a numeric schema node admits at least one value of its numeric type(s). */
export function admitsSomeNumber(node: SchemaObject, type: 'integer' | 'number'): boolean {
  const range = rangeOf(node);
  const multipleOf = numberOf(node, 'multipleOf');
  if (type === 'integer' || multipleOf !== undefined) {
    const step = type === 'integer' ? integerStep(multipleOf ?? 1) : (multipleOf ?? 1);
    const { first, last } = multiplesIn(range, step);
    return first <= last;
  }
  return range.low < range.high || (range.low === range.high && !range.lowExcluded && !range.highExcluded);
}
