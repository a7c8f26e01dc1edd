import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { diffSchemaDocuments } from '../../../contracts/diff/contract-diff.js';
import { fcSeed } from '../../support/fc-seed.js';
import type { VerdictSource } from '../../support/soundness-property.js';
import { DIRECTIONS, emptyStats, soundnessProperty } from '../../support/soundness-property.js';
import { createValidatorCache } from '../../support/validator-cache.js';

/**
 * Soundness of the schema engine under the strict policy: when it calls a pair compatible, no
 * record can tell otherwise. Backward: every record valid under the old schema is valid under the
 * new one. Forward: every record valid under the new schema is valid under the old one. Records
 * are drawn from the side that must be accepted, biased to boundary values; ajv is the judge.
 * Replay a failure with CONCORD_FC_SEED=<seed> (fast-check prints the seed and path).
 */

/** Pairs per direction: every mutation gets applied many times, and the file stays near 10 s. */
const RUNS_PER_DIRECTION = 400;
/** Share of drawn records their own schema may reject before the generator counts as wrong. */
const MAX_INVALID_SHARE = 0.05;
/** Share of pairs that must be judged compatible, so the property is not vacuously true. */
const MIN_COMPATIBLE_SHARE = 0.15;
/** Runs allowed to find the flaw of an engine that calls everything compatible; a few suffice. */
const RUNS_TO_CATCH_A_BROKEN_ENGINE = 50;

const engine: VerdictSource = (before, after, mode) => diffSchemaDocuments(before, after, { mode, policy: 'strict' });

describe.each(DIRECTIONS)('soundness under $mode strict', (direction) => {
  test(`every record valid under the ${direction.source} schema validates under the ${direction.target} one when the engine says compatible`, () => {
    const stats = emptyStats();
    fc.assert(soundnessProperty(direction, engine, createValidatorCache(), stats), {
      seed: fcSeed(),
      numRuns: RUNS_PER_DIRECTION,
    });
    expect(stats.invalid / Math.max(1, stats.invalid + stats.records)).toBeLessThan(MAX_INVALID_SHARE);
    expect(stats.compatible / stats.pairs).toBeGreaterThan(MIN_COMPATIBLE_SHARE);
  });

  test('the same check catches an engine that calls every pair compatible', () => {
    const alwaysCompatible: VerdictSource = () => ({ compatible: true, changes: [] });
    const result = fc.check(soundnessProperty(direction, alwaysCompatible, createValidatorCache(), emptyStats()), {
      seed: fcSeed(),
      numRuns: RUNS_TO_CATCH_A_BROKEN_ENGINE,
      endOnFailure: true,
    });
    expect(result.failed).toBe(true);
  });
});
