import semver, { SemVer } from 'semver';
import { judge } from '../../contracts/compat-mode.js';
import type { ChangeSource, HistoryComparison } from '../../contracts/diff/contract-diff.js';
import { checkHistoryVerdicts } from '../../contracts/diff/history-verdicts.js';
import type { HistoryVerdict, VerdictSource } from '../../contracts/diff/history-verdicts.js';
import type { Finding } from '../../contracts/findings.js';
import type { CompatibilityMode, CompatibilityPolicy, Contract } from '../../contracts/model.js';
import { bumpAllowed, checkVersionBump } from '../../contracts/semver-policy.js';
import type { Bump, VersionCheck } from '../../contracts/semver-policy.js';
import type { HistoryEntry } from './history.js';
import { RefusalError } from './refusal-error.js';

/** How a candidate version stands against the versions already published. */
export interface Evaluation {
  readonly mode: CompatibilityMode;
  readonly policy: CompatibilityPolicy;
  /** The version compared with: the highest non-yanked version below the candidate. */
  readonly previous?: string;
  /** True when the mode finds no breaking change against any version it compares with. */
  readonly compatible: boolean;
  /** Findings against `previous`, judged in the candidate's mode; empty for a first version. */
  readonly changes: readonly Finding[];
  readonly requiredBump: Bump;
  /** The version check that decides: the first failing one, else the one against `previous`. */
  readonly versionCheck?: VersionCheck;
  /** Why the candidate may not be published; undefined when it may. */
  readonly refusal?: RefusalError;
}

/**
 * Most breaking fields named in a refusal's message; the rest are counted. Five fit on a terminal
 * line; every finding is still listed in `findings`.
 */
export const MAX_FIELDS_IN_MESSAGE = 5;

function release(versions: readonly HistoryEntry[], versionOf: (entry: HistoryEntry) => SemVer): HistoryEntry | undefined {
  const releases = versions.filter((entry) => versionOf(entry).prerelease.length === 0);
  return (releases.length > 0 ? releases : versions).at(-1);
}

function whatToKeep(findings: readonly Finding[], from: string): string {
  const places = [...new Set(findings.filter((f) => f.severity === 'breaking').map((f) => f.field ?? f.path))];
  if (places.length === 0) return '';
  const named = places.slice(0, MAX_FIELDS_IN_MESSAGE).join(', ');
  const more = places.length > MAX_FIELDS_IN_MESSAGE ? ` and ${places.length - MAX_FIELDS_IN_MESSAGE} more` : '';
  return `, or keep ${named}${more} as in ${from}`;
}

type CheckedComparison = readonly [HistoryComparison, VersionCheck];

/** The refusal for failing version checks: the newest one's message, every failing comparison's findings. */
function refusalFor(newest: CheckedComparison, failing: readonly CheckedComparison[]): RefusalError {
  const [comparison, check] = newest;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const [each] of failing) {
    for (const finding of each.report.changes) {
      const key = `${finding.rule} ${finding.path} ${finding.severity}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding);
    }
  }
  const breaking = findings.some((finding) => finding.severity === 'breaking');
  const message = `${check.message}${whatToKeep(comparison.report.changes, comparison.version)}`;
  return new RefusalError(breaking ? 'breaking-change' : 'conflict', message, findings);
}

/**
 * Evaluates `candidate` against the published `history` (any order): its version must be above
 * the latest non-yanked release, and its changes must fit its version bump against every version
 * its compatibility mode compares with (the previous one, or all earlier ones when transitive),
 * each compared separately so a major bump past an old version covers what broke since then.
 * Yanked versions are left out: they were withdrawn and nobody resolves to them. Older versions
 * are judged by verdict (`verdicts`, see checkHistoryVerdicts); their findings are computed
 * only for a refusal, which lists them.
 */
export function evaluateCandidate(candidate: Contract, history: readonly HistoryEntry[], changes: ChangeSource, verdicts?: VerdictSource): Evaluation {
  const id = candidate.contract;
  const { mode, policy } = candidate.compatibility;
  // Each version is parsed once: sorting and filtering hundreds of them by text would parse them thousands of times.
  const parsed = new Map(history.map((entry) => [entry, new SemVer(entry.header.version)] as const));
  const versionOf = (entry: HistoryEntry): SemVer => parsed.get(entry) ?? new SemVer(entry.header.version);
  const candidateVersion = new SemVer(candidate.version);
  const live = history.filter((entry) => entry.header.yanked === undefined).sort((a, b) => versionOf(a).compare(versionOf(b)));
  const latest = release(live, versionOf);
  if (latest !== undefined && candidateVersion.compare(versionOf(latest)) <= 0) {
    const next = semver.inc(latest.header.version, 'patch') ?? latest.header.version;
    const message = `${id} ${candidate.version} is not above the latest version ${latest.header.version}: publish it as ${next} or higher`;
    return { mode, policy, compatible: true, changes: [], requiredBump: 'none', refusal: new RefusalError('conflict', message, []) };
  }
  const earlier = live.filter((entry) => versionOf(entry).compare(candidateVersion) < 0);
  const previous = earlier.at(-1);
  if (previous === undefined) return { mode, policy, compatible: true, changes: [], requiredBump: 'none' };

  const check = checkHistoryVerdicts(
    candidate,
    earlier.map((entry) => entry.contract),
    { changes, ...(verdicts !== undefined ? { verdicts } : {}) },
  );
  const comparisonOf = (entry: HistoryVerdict): HistoryComparison => ({ version: entry.version, report: entry.report() });
  const latestVerdict = check.verdicts.at(-1);
  const againstPrevious = latestVerdict?.version === previous.header.version ? comparisonOf(latestVerdict) : undefined;
  const findings = againstPrevious?.report.changes ?? judge(changes(previous.contract, candidate), mode, policy);
  // Mode `none` compares nothing, so its changes are shown but ask for no bump.
  const bump: Bump = againstPrevious?.report.requiredBump ?? 'none';
  const parsedVersions = new Map(earlier.map((entry) => [entry.header.version, versionOf(entry)] as const));
  const earlierVersion = (version: string): SemVer => parsedVersions.get(version) ?? new SemVer(version);
  const versionCheckOf = (comparison: HistoryComparison): VersionCheck =>
    checkVersionBump(earlierVersion(comparison.version), candidateVersion, comparison.report.requiredBump, id);
  // Newest first. Only failures are explained, and only their findings are computed: a full
  // check per earlier version would build hundreds of messages nobody reads.
  const failing = [...check.verdicts]
    .reverse()
    .filter((entry) => !bumpAllowed(earlierVersion(entry.version), candidateVersion, entry.verdict.requiredBump))
    .map((entry) => comparisonOf(entry))
    .map((comparison) => [comparison, versionCheckOf(comparison)] as const);
  const newestFailing = failing[0];
  const versionCheck =
    newestFailing?.[1] ??
    (againstPrevious === undefined ? checkVersionBump(versionOf(previous), candidateVersion, 'none', id) : versionCheckOf(againstPrevious));
  return {
    mode,
    policy,
    previous: previous.header.version,
    compatible: check.compatible,
    changes: findings,
    requiredBump: bump,
    versionCheck,
    ...(newestFailing !== undefined ? { refusal: refusalFor(newestFailing, failing) } : {}),
  };
}
