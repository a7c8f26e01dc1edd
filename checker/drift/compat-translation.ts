/**
 * How the compatibility engine's changes between the contract's schema and the observed schema
 * become drift. The observed schema states only what a profile can prove of every record: types
 * (with null), the properties seen, the properties present in every record (`required`) and
 * formats every value had. So only the engine's rules about those are drift here; the rules about
 * values the observed schema does not state (`pattern-removed`, `enum-removed`, `minimum-removed`,
 * combinators, conditions, ...) would fire on every clean feed. Breaches of those are what the
 * validator counts, and their violation groups become drift instead (see violation-drift.ts).
 */
export type CompatFact = 'type' | 'nullable' | 'added-open' | 'added-closed' | 'removed' | 'required' | 'forbidden';

export const COMPAT_FACTS: ReadonlyMap<string, CompatFact> = new Map<string, CompatFact>([
  ['type-widened', 'type'],
  ['type-changed', 'type'],
  ['type-removed', 'type'],
  ['nullable-added', 'nullable'],
  ['property-added-to-open-model', 'added-open'],
  ['property-added-to-closed-model', 'added-closed'],
  ['property-removed-from-open-model', 'removed'],
  ['property-removed-from-closed-model', 'removed'],
  ['property-removed-covered', 'removed'],
  ['required-removed', 'required'],
  // The contract allows no value here (a `false` schema), yet records carry one.
  ['false-schema-replaced', 'forbidden'],
]);
