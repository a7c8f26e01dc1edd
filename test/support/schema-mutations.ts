import fc from 'fast-check';
import { COLLECTION_MUTATIONS } from './mutations-collections.js';
import { NUMERIC_MUTATIONS } from './mutations-numeric.js';
import { OBJECT_MUTATIONS } from './mutations-object.js';
import { STRING_MUTATIONS } from './mutations-string.js';
import type { SchemaObject } from './schema-node.js';
import { cloneSchema } from './schema-node.js';
import type { Mutation, Site } from './schema-sites.js';
import { collectSites } from './schema-sites.js';

/** Every mutation the property tests apply, by name. */
export const MUTATIONS: readonly Mutation[] = Object.freeze([
  ...OBJECT_MUTATIONS,
  ...COLLECTION_MUTATIONS,
  ...STRING_MUTATIONS,
  ...NUMERIC_MUTATIONS,
]);

export function mutationNamed(name: string): Mutation | undefined {
  return MUTATIONS.find((mutation) => mutation.name === name);
}

/** One step of a plan: random numbers that pick a site, an applicable mutation and its variant. */
export interface MutationStep {
  readonly site: number;
  readonly mutation: number;
  readonly param: number;
}

/** A schema before and after a plan, with what each applied step did. */
export interface MutatedPair {
  readonly before: SchemaObject;
  readonly after: SchemaObject;
  /** `mutation-name at /json/pointer`, one per applied step. */
  readonly applied: readonly string[];
}

/** Most edits per version: a real release changes a handful of fields at a time. */
export const MAX_PLAN_STEPS = 3;

/**
 * Applies `plan` to a copy of `before`. A step whose site admits no mutation (from `allowed`,
 * default every mutation) is skipped, so a plan may apply fewer steps than it has.
 */
export function applyPlan(
  before: SchemaObject,
  plan: readonly MutationStep[],
  allowed: readonly Mutation[] = MUTATIONS,
): MutatedPair {
  const after = cloneSchema(before);
  const applied: string[] = [];
  for (const step of plan) {
    const sites = collectSites(after);
    const site = sites[step.site % sites.length];
    if (site === undefined) continue;
    const candidates = allowed.filter((mutation) => mutation.applies(site));
    const mutation = candidates[step.mutation % Math.max(1, candidates.length)];
    if (mutation === undefined) continue;
    mutation.apply(site, step.param);
    applied.push(`${mutation.name} at ${site.pointer === '' ? '/' : site.pointer}`);
  }
  return { before, after, applied };
}

const mutationStepArbitrary: fc.Arbitrary<MutationStep> = fc.record({
  site: fc.nat({ max: 1000 }),
  mutation: fc.nat({ max: 1000 }),
  param: fc.nat({ max: 1000 }),
});

/**
 * Pairs of a schema from `schemas` and the schema after 1 to MAX_PLAN_STEPS random edits drawn
 * from `allowed` (default every mutation).
 */
export function mutatedPairArbitrary(
  schemas: fc.Arbitrary<SchemaObject>,
  allowed: readonly Mutation[] = MUTATIONS,
): fc.Arbitrary<MutatedPair> {
  return fc
    .tuple(schemas, fc.array(mutationStepArbitrary, { minLength: 1, maxLength: MAX_PLAN_STEPS }))
    .map(([before, plan]) => applyPlan(before, plan, allowed));
}

/**
 * Applies `mutation` once to a copy of `before`, at the site `siteParam` picks among those where
 * it applies and `where` holds (default: everywhere). Undefined when there is no such site.
 */
export function applyOnce(
  before: SchemaObject,
  mutation: Mutation,
  siteParam: number,
  param: number,
  where: (site: Site) => boolean = () => true,
): MutatedPair | undefined {
  const after = cloneSchema(before);
  const sites = collectSites(after).filter((site) => mutation.applies(site) && where(site));
  const site = sites[siteParam % Math.max(1, sites.length)];
  if (site === undefined) return undefined;
  mutation.apply(site, param);
  return { before, after, applied: [`${mutation.name} at ${site.pointer === '' ? '/' : site.pointer}`] };
}
