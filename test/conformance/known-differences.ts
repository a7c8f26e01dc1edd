import type { JsonSchema } from '../../contracts/model.js';
import type { ConformanceCheck, Expected } from './conformance-cases.js';

/**
 * Where Concord deliberately gives another verdict than the third-party data, keyed by the
 * semantics (the rule that decided), with the one-line reason. Concord's verdicts are sound for
 * records: "compatible" must hold for every record, so where the data says "compatible" for a
 * change that can reject real records, Concord keeps its stricter verdict.
 */
export interface KnownDifference {
  /** Rule ids whose breaking verdict the difference is about (where Concord is stricter). */
  readonly rules?: readonly string[];
  /** The schemas have the feature the difference is about (where Concord finds nothing to break). */
  readonly applies?: (before: JsonSchema, after: JsonSchema) => boolean;
  readonly reason: string;
}

function hasIgnoredAdditionalItems(schema: JsonSchema): boolean {
  if (typeof schema === 'boolean') return false;
  const own = schema['additionalItems'] !== undefined && !Array.isArray(schema['items']);
  return own || Object.values(schema).some((value) => value !== null && typeof value === 'object' && !Array.isArray(value) && hasIgnoredAdditionalItems(value as JsonSchema));
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = Object.freeze([
  {
    rules: ['required-added'],
    reason: 'a name newly listed in required must be present even when properties does not declare it, so old records without it are rejected',
  },
  {
    rules: ['one-of-overlapping-branch-added', 'one-of-overlapping-branch-removed', 'one-of-overlapping-branch-changed'],
    reason: 'oneOf rejects a value that matches two branches, so adding, dropping or widening a branch that overlaps another can reject old records',
  },
  {
    applies: (before, after) => hasIgnoredAdditionalItems(before) || hasIgnoredAdditionalItems(after),
    reason: 'additionalItems without an items list has no effect on any record, so changing it breaks nothing',
  },
]);

/** The reason for a disagreement: a known difference when one matches the deciding rules, else a plain description. */
export function reasonFor(check: ConformanceCheck, got: Expected, breakingRules: readonly string[]): string {
  const known = KNOWN_DIFFERENCES.find(
    (difference) =>
      difference.rules?.some((rule) => breakingRules.includes(rule)) === true ||
      (breakingRules.length === 0 && difference.applies?.(check.before, check.after) === true),
  );
  if (known !== undefined) return `deliberate: ${known.reason}`;
  const stricter = got.backward !== check.expected.backward ? !got.backward : got.forward === false;
  return stricter ? 'unexplained: Concord found a breaking change the data does not expect' : 'unexplained: Concord found no breaking change where the data expects one';
}
