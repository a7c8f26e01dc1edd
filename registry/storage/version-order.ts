import semver from 'semver';
import { ConcordError } from '../../contracts/index.js';

/** A version split into the columns that store it. */
export interface VersionParts {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Dot-joined prerelease identifiers, e.g. `rc.1`; null for a release. */
  readonly prerelease: string | null;
}

/**
 * Splits a publishable version. Build metadata (`+build.5`) is refused: semver gives it no
 * precedence, so `1.0.0+a` and `1.0.0+b` would be two versions nobody could order or pin apart.
 */
export function versionParts(contractId: string, version: string): VersionParts {
  const parsed = semver.parse(version);
  if (parsed === null || parsed.version !== version) {
    const hint = parsed === null ? 'use MAJOR.MINOR.PATCH such as 1.2.0' : `publish it as ${parsed.version}`;
    throw new ConcordError('invalid-argument', `${contractId} version "${version}" is not a plain semantic version: ${hint}`, {
      pointer: '/version',
    });
  }
  return {
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    prerelease: parsed.prerelease.length === 0 ? null : parsed.prerelease.join('.'),
  };
}

/** Semver precedence of two valid versions: negative, zero or positive like a sort comparator. */
export function compareVersions(a: string, b: string): number {
  return semver.compare(a, b);
}

/** Whether `version` carries prerelease identifiers. */
export function isPrerelease(version: string): boolean {
  return semver.prerelease(version) !== null;
}

/**
 * `items` sorted by semver precedence of their `version`, oldest first. Each version is parsed
 * once: a comparator that parses both sides would parse a 500-version history some 9,000 times.
 */
export function sortByVersion<T extends { readonly version: string }>(items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, parsed: new semver.SemVer(item.version) }))
    .sort((a, b) => a.parsed.compare(b.parsed))
    .map(({ item }) => item);
}
