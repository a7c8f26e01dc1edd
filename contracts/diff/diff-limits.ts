/**
 * Limits of the schema compatibility engine. Schemas reach the engine bundled and size-checked
 * (contracts/document/limits.ts); these bound what the engine's own recursion may do on top.
 */

/**
 * Deepest chain of nested sub-schema comparisons (each `properties/x`, `items`, `$ref` hop,
 * `allOf` branch is one level). Twice MAX_NESTING_DEPTH, because `$ref` chains between
 * definitions add levels that JSON nesting does not show; at a dozen stack frames per level this
 * stays far below Node's default stack. Recursive `$ref`s do not count: they stop at the first repeat.
 */
export const MAX_DIFF_DEPTH = 128;

/**
 * How many levels into properties the engine looks for proof that two `oneOf` branches never
 * match the same value (a required property with different `const`s, say). Discriminators sit at
 * the first or second level in practice; 4 keeps the check cheap, and stopping early only makes
 * the engine more cautious (it reports the `oneOf` change as breaking both ways).
 */
export const MAX_DISJOINTNESS_DEPTH = 4;

/**
 * How many levels into sub-schemas the engine looks to prove that a schema accepts anything
 * (`{}`, `true`, or only empty sub-schemas), say before reporting a property added to an open
 * object. Real "anything" schemas are flat; 3 is generous, and stopping early only reports more.
 */
export const MAX_TRIVIALITY_DEPTH = 3;

/**
 * Most pairwise branch comparisons one diff may make: likeness scores between `anyOf`/`oneOf`/
 * `allOf` branches that are not identical, proofs that a `oneOf` branch never overlaps another,
 * subset checks for an added or removed group. Identical branches are paired by their canonical
 * text first, at no pairwise cost, so a union of 10,000 branches with a few changed needs tens of
 * thousands; 200,000 comparisons take well under a second, and a hostile schema (thousands of
 * branches all rewritten) hits the cap instead of running for minutes. Past it the engine takes
 * the cautious answer: unpaired branches are reported as removed and added under
 * `combinator-too-large-to-compare` (breaking both ways), and overlap not proven is assumed.
 */
export const MAX_BRANCH_COMPARISONS = 200_000;
