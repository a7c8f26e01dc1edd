import { ConcordError } from '../../contracts/index.js';

/**
 * Records a run analyzes when nobody says otherwise. Ten thousand records estimate a violation or
 * null rate to within about one percentage point (95% confidence) and hold a few megabytes of
 * typical records, so a check of any feed stays small and quick.
 */
export const DEFAULT_SAMPLE_SIZE = 10_000;

/**
 * Most records a sampler may keep. Kept records sit in memory until the analysis reads them; a
 * million records of a few hundred bytes is already several hundred megabytes of JavaScript objects.
 */
export const MAX_SAMPLE_SIZE = 1_000_000;

/** Seed of reservoir samples when none is given: a fixed seed makes repeated runs over the same feed keep the same records. */
export const DEFAULT_SAMPLE_SEED = 1;

/** Throws ConcordError `invalid-argument` unless `size` is a whole number from 1 to MAX_SAMPLE_SIZE. */
export function checkSampleSize(size: number): void {
  if (!Number.isInteger(size) || size < 1 || size > MAX_SAMPLE_SIZE) {
    throw new ConcordError(
      'invalid-argument',
      `sample size ${String(size)} is not a whole number from 1 to ${MAX_SAMPLE_SIZE}: pass a smaller --sample (the default is ${DEFAULT_SAMPLE_SIZE})`,
    );
  }
}
