import semver from 'semver';
import { ConcordError } from '../../contracts/index.js';
import type { VersionHeader } from '../storage/contract-records.js';

/**
 * Longest semver range accepted from a caller. Real ranges (`^2`, `>=1.4 <3`) are a few
 * characters; 256 leaves room for long `||` unions while keeping range parsing trivially cheap.
 */
export const MAX_RANGE_LENGTH = 256;

/** Parses a caller's semver range; throws ConcordError `invalid-argument` naming what to write instead. */
export function checkRange(range: string, subject: string): string {
  if (range.length > MAX_RANGE_LENGTH) {
    throw new ConcordError('invalid-argument', `the range for ${subject} is longer than ${MAX_RANGE_LENGTH} characters: write a shorter semver range like ^2 or >=1.4 <3`);
  }
  if (range.trim() === '' || semver.validRange(range) === null) {
    throw new ConcordError('invalid-argument', `"${range}" is not a semver range for ${subject}: write one like ^2, ~1.4 or >=1.4 <3`);
  }
  return range;
}

/**
 * The highest published, non-yanked version of `versions` that satisfies `range`, or undefined.
 * Prereleases match only ranges that name a prerelease of the same release, as in npm.
 */
export function highestInRange(versions: readonly VersionHeader[], range: string): VersionHeader | undefined {
  const eligible = versions.filter((header) => header.yanked === undefined);
  const best = semver.maxSatisfying(
    eligible.map((header) => header.version),
    range,
  );
  return best === null ? undefined : eligible.find((header) => header.version === best);
}

/** Whether `version` satisfies `range` (prereleases as in {@link highestInRange}). */
export function inRange(version: string, range: string): boolean {
  return semver.satisfies(version, range);
}
