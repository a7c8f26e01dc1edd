import semver, { type SemVer } from 'semver';
import { ConcordError } from './errors.js';
import type { Finding } from './findings.js';
import { ruleById } from './rules/catalog.js';

/** The version bump a set of changes needs. */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

/** The bump a new version number declares relative to the previous one. */
export type DeclaredBump = Bump | 'prerelease' | 'downgrade';

export interface VersionCheck {
  readonly ok: boolean;
  readonly required: Bump;
  readonly declared: DeclaredBump;
  /** The version to publish: `next` when it is fine, else the smallest version that satisfies `required`. */
  readonly suggested: string;
  /** One sentence naming the contract and version, and what to do when not ok. */
  readonly message: string;
}

const RANK: Readonly<Record<Bump, number>> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * The bump findings need: `major` for any breaking finding, else `minor` when any finding's
 * catalog rule asks for a minor bump, else `patch` for any finding at all, else `none`.
 */
export function requiredBump(findings: readonly Finding[]): Bump {
  if (findings.length === 0) return 'none';
  if (findings.some((finding) => finding.severity === 'breaking')) return 'major';
  return findings.some((finding) => ruleById(finding.rule).bump === 'minor') ? 'minor' : 'patch';
}

function parseVersion(text: string | SemVer, role: string): SemVer {
  if (typeof text !== 'string') return text;
  const parsed = semver.parse(text);
  if (parsed === null) {
    throw new ConcordError('invalid-argument', `the ${role} version "${text}" is not a semantic version: write it as MAJOR.MINOR.PATCH, e.g. 1.4.0`);
  }
  return parsed;
}

function coreBump(previous: SemVer, next: SemVer): Bump {
  if (next.major !== previous.major) return 'major';
  if (next.minor !== previous.minor) return 'minor';
  if (next.patch !== previous.patch) return 'patch';
  return 'none';
}

/**
 * What the step from `previous` to `next` declares. Moving on from a prerelease within its own
 * release (`3.0.0-rc.1` to `3.0.0-rc.2` or `3.0.0`) is `prerelease`; otherwise the highest
 * part of MAJOR.MINOR.PATCH that changed, so `3.0.0-rc.1` after `2.4.0` declares `major`.
 */
function declaredBump(previous: SemVer, next: SemVer): DeclaredBump {
  const order = semver.compare(next, previous);
  if (order < 0) return 'downgrade';
  if (order === 0) return 'none';
  const bump = coreBump(previous, next);
  return bump === 'none' ? 'prerelease' : bump;
}

/** The lowest version above `previous` whose step declares `required`; in 0.x a breaking change needs only a minor step. */
function smallestVersion(previous: SemVer, required: Bump): string {
  const release = required === 'major' && previous.major === 0 ? 'minor' : required === 'none' ? 'patch' : required;
  return semver.inc(previous.version, release)!;
}

const NEEDS: Readonly<Record<Exclude<Bump, 'none'>, string>> = {
  major: 'has breaking changes',
  minor: 'adds to the contract or loosens a promise',
  patch: 'changes the contract',
};

/** How a step from one version to the next stands against the bump its changes need. */
type StepVerdict = 'downgrade' | 'unchanged' | 'kept-version' | 'prerelease' | 'initial-development' | 'too-small' | 'covered';

const PASSING: ReadonlySet<StepVerdict> = new Set(['unchanged', 'prerelease', 'initial-development', 'covered']);

function verdictOf(before: SemVer, declared: DeclaredBump, required: Bump): StepVerdict {
  if (declared === 'downgrade') return 'downgrade';
  if (declared === 'none') return required === 'none' ? 'unchanged' : 'kept-version';
  if (declared === 'prerelease') return 'prerelease';
  if (required === 'major' && before.major === 0 && declared === 'minor') return 'initial-development';
  if (required !== 'none' && RANK[declared] < RANK[required]) return 'too-small';
  return 'covered';
}

/**
 * Whether `next` may follow `previous` for changes that need `required`: the `ok` of
 * {@link checkVersionBump} without its message and suggestion, for callers that check one
 * version against hundreds of earlier ones and explain only the failures.
 */
export function bumpAllowed(previous: SemVer, next: SemVer, required: Bump): boolean {
  return PASSING.has(verdictOf(previous, declaredBump(previous, next), required));
}

/**
 * Checks that `next` is a valid successor of `previous` for changes that need `required`.
 * `next` must be greater than `previous` (or equal, when nothing changed), and declare at least
 * the required bump. Steps between prereleases of one release and onto that release are allowed
 * whatever changed, since prereleases promise no compatibility. While the major version is 0, a
 * minor bump is enough for breaking changes (semver's initial-development rule) and the message
 * says so. `contract` (optional) names the contract in the message. Versions may be given parsed.
 * Throws ConcordError `invalid-argument` for a version that is not semver.
 */
export function checkVersionBump(previous: string | SemVer, next: string | SemVer, required: Bump, contract?: string): VersionCheck {
  const before = parseVersion(previous, 'previous');
  const after = parseVersion(next, 'new');
  const declared = declaredBump(before, after);
  const verdict = verdictOf(before, declared, required);
  const subject = contract !== undefined ? `${contract} ${after.version}` : `version ${after.version}`;
  if (PASSING.has(verdict)) {
    return { ok: true, required, declared, suggested: after.version, message: passMessage(verdict, subject, before, declared, required) };
  }
  const suggested = smallestVersion(before, required);
  return { ok: false, required, declared, suggested, message: `${subject} ${failReason(verdict, before, required)}: publish it as ${suggested}` };
}

function failReason(verdict: StepVerdict, before: SemVer, required: Bump): string {
  if (verdict === 'downgrade') return `is lower than the previous version ${before.version}`;
  // Only a downgrade fails when no bump is needed; the fallback keeps the sentence whole all the same.
  const needs = required === 'none' ? 'changes the contract' : NEEDS[required];
  return verdict === 'kept-version' ? `${needs} but keeps the version of the previous release` : needs;
}

function passMessage(verdict: StepVerdict, subject: string, before: SemVer, declared: DeclaredBump, required: Bump): string {
  switch (verdict) {
    case 'unchanged':
      return `${subject} has no changes and keeps its version`;
    case 'prerelease':
      return `${subject} follows the prerelease ${before.version}; prereleases promise no compatibility, so any change is allowed`;
    case 'initial-development':
      return `${subject} has breaking changes; a minor bump is enough while the major version is 0 (initial development), so publish 1.0.0 once the contract is stable`;
    default:
      return `${subject} is a ${declared} release after ${before.version}, which covers its changes (they need ${required === 'none' ? 'no bump' : `a ${required} bump`})`;
  }
}
