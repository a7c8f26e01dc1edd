import semver, { SemVer } from 'semver';
import { judge, checkHistoryVerdicts, bumpAllowed, checkVersionBump } from '../../contracts/index.js';
import type {
  ChangeSource,
  HistoryComparison,
  HistoryVerdict,
  VerdictSource,
  Finding,
  CompatibilityMode,
  CompatibilityPolicy,
  Contract,
  Bump,
  VersionCheck,
} from '../../contracts/index.js';
import type { HistoryEntry } from './history.js';
import { RefusalError } from './refusal-error.js';

/** Why a comparison with the history refuses a candidate: a stable code for each kind. */
export type LineageRefusal = 'version-order' | 'breaking-change' | 'insufficient-bump';

/** How a candidate version stands against the versions already published. */
export interface Evaluation {
  readonly mode: CompatibilityMode;
  readonly policy: CompatibilityPolicy;
  /** The line the candidate belongs to, as a caret range covers it: `1.x` for 1.4.2, `0.3.x` for 0.3.1. */
  readonly line: string;
  /** The highest non-yanked version of that line already published (a release when the line has one). */
  readonly lineLatest?: string;
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
  /** The kind of `refusal`, as a stable code. */
  readonly refusalCode?: LineageRefusal;
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

/**
 * The line a version belongs to: the versions a caret range on it covers, `1.x` for 1.4.2 and,
 * in initial development where every minor may break, `0.3.x` for 0.3.1.
 */
export function lineOf(version: SemVer): string {
  return version.major > 0 ? `${version.major}.x` : `0.${version.minor}.x`;
}

function whatToKeep(findings: readonly Finding[], from: string): string {
  const places = [...new Set(findings.filter((f) => f.severity === 'breaking').map((f) => f.field ?? f.path))];
  if (places.length === 0) return '';
  const named = places.slice(0, MAX_FIELDS_IN_MESSAGE).join(', ');
  const more = places.length > MAX_FIELDS_IN_MESSAGE ? ` and ${places.length - MAX_FIELDS_IN_MESSAGE} more` : '';
  return `, or keep ${named}${more} as in ${from}`;
}

type CheckedComparison = readonly [HistoryComparison, VersionCheck];

/**
 * The version check's advice, unless the version it suggests would itself be refused because its
 * line already holds that version or a higher one (a maintenance release that breaks: 1.2.0 after
 * 1.1.1 when 2.0.0 exists). Then the advice names the first free line above.
 */
function adviceOf(check: VersionCheck, lineHighest: (line: string) => SemVer | undefined): string {
  if (check.ok) return check.message;
  let suggested = new SemVer(check.suggested);
  const taken = (version: SemVer): boolean => {
    const highest = lineHighest(lineOf(version));
    return highest !== undefined && version.compare(highest) <= 0;
  };
  if (!taken(suggested)) return check.message;
  const blocked = lineOf(suggested);
  // Lines are finite in any real history; the bound only keeps a corrupt one from looping.
  for (let step = 0; step < 10_000 && taken(suggested); step += 1) {
    suggested = new SemVer(semver.inc(suggested, suggested.major === 0 ? 'minor' : 'major') ?? suggested.version);
  }
  const cut = check.message.lastIndexOf(': publish it as ');
  const reason = cut === -1 ? check.message : check.message.slice(0, cut);
  return `${reason}, and the ${blocked} line it would need is already published: publish it as ${suggested.version}`;
}

/** The refusal for failing version checks: the newest one's message, every failing comparison's findings. */
function refusalFor(newest: CheckedComparison, failing: readonly CheckedComparison[], lineHighest: (line: string) => SemVer | undefined): RefusalError {
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
  const message = `${adviceOf(check, lineHighest)}${whatToKeep(comparison.report.changes, comparison.version)}`;
  return new RefusalError(breaking ? 'breaking-change' : 'conflict', message, findings);
}

/**
 * Evaluates `candidate` against the published `history` (any order). Its version must be the
 * newest of its line (see {@link lineOf}): above every non-yanked version of that line, while
 * versions of later lines may exist (a maintenance release 1.1.2 after 2.0.0); a line below the
 * latest release must already have a version (lines are maintained there, not started). It is compared
 * with the versions below it: the highest one (its predecessor, in its own line when the line has
 * earlier versions), or all of them when transitive, and its changes must fit its version bump
 * against each, compared separately so a major bump past an old version covers what broke since
 * then. A version already in `history` (a re-publish) is compared with the versions below it and
 * not refused for its number; whether its content is the same is the caller's question.
 * Yanked versions are left out: they were withdrawn and nobody resolves to them. The predecessor
 * is compared in full; older versions are judged by verdict (`verdicts`, see checkHistoryVerdicts),
 * and their findings are computed only for a refusal, which lists them.
 */
export function evaluateCandidate(candidate: Contract, history: readonly HistoryEntry[], changes: ChangeSource, verdicts?: VerdictSource): Evaluation {
  const id = candidate.id;
  const { mode, policy } = candidate.compatibility;
  // Each version is parsed once: sorting and filtering hundreds of them by text would parse them thousands of times.
  const parsed = new Map(history.map((entry) => [entry, new SemVer(entry.header.version)] as const));
  const versionOf = (entry: HistoryEntry): SemVer => parsed.get(entry) ?? new SemVer(entry.header.version);
  const candidateVersion = new SemVer(candidate.version);
  const line = lineOf(candidateVersion);
  const republished = history.some((entry) => entry.header.version === candidate.version);
  const live = history.filter((entry) => entry.header.yanked === undefined && entry.header.version !== candidate.version).sort((a, b) => versionOf(a).compare(versionOf(b)));
  const lines = new Map<string, HistoryEntry[]>();
  for (const entry of live) {
    const key = lineOf(versionOf(entry));
    const members = lines.get(key);
    if (members === undefined) lines.set(key, [entry]);
    else members.push(entry);
  }
  const highestOf = (key: string): HistoryEntry | undefined => {
    const members = lines.get(key);
    return members === undefined ? undefined : release(members, versionOf);
  };
  const lineHighest = (key: string): SemVer | undefined => {
    const found = highestOf(key);
    return found === undefined ? undefined : versionOf(found);
  };
  const lineLatest = highestOf(line);
  const base = { mode, policy, line, ...(lineLatest === undefined ? {} : { lineLatest: lineLatest.header.version }) };

  let orderRefusal: RefusalError | undefined;
  const latest = release(live, versionOf);
  if (!republished && lineLatest === undefined && latest !== undefined && candidateVersion.compare(versionOf(latest)) < 0) {
    // A line below the latest is maintained, never started: a new one would have no predecessor to keep faith with.
    const next = semver.inc(latest.header.version, 'patch') ?? latest.header.version;
    const message =
      `${id} ${candidate.version} is not above the latest version ${latest.header.version}, and its line ${line} has no published version to maintain: ` +
      `publish it as ${next} or higher`;
    orderRefusal = new RefusalError('conflict', message, []);
  } else if (!republished && lineLatest !== undefined && candidateVersion.compare(versionOf(lineLatest)) <= 0) {
    const next = semver.inc(lineLatest.header.version, 'patch') ?? lineLatest.header.version;
    const message =
      `${id} ${candidate.version} is not above ${lineLatest.header.version}, the highest version of its line ${line}: ` +
      `a line only grows, so publish it as ${next} or higher`;
    orderRefusal = new RefusalError('conflict', message, []);
  }
  const earlier = live.filter((entry) => versionOf(entry).compare(candidateVersion) < 0);
  const previous = earlier.at(-1);
  const refusedFor = orderRefusal === undefined ? {} : { refusal: orderRefusal, refusalCode: 'version-order' as const };
  if (previous === undefined) return { ...base, compatible: true, changes: [], requiredBump: 'none', ...refusedFor };

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
  const bumpRefusal = newestFailing === undefined ? undefined : refusalFor(newestFailing, failing, lineHighest);
  const refusal =
    orderRefusal !== undefined
      ? refusedFor
      : bumpRefusal === undefined
        ? {}
        : { refusal: bumpRefusal, refusalCode: bumpRefusal.code === 'breaking-change' ? ('breaking-change' as const) : ('insufficient-bump' as const) };
  return {
    ...base,
    previous: previous.header.version,
    compatible: check.compatible,
    changes: findings,
    requiredBump: bump,
    versionCheck,
    ...refusal,
  };
}
