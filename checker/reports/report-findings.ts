import semver from 'semver';
import { SEVERITIES, type Severity } from '../../contracts/index.js';
import type { CheckFinding, CheckReport } from '../model.js';

export const SEVERITY_HEADINGS: Readonly<Record<Severity, string>> = Object.freeze({
  breaking: 'Breaking',
  warning: 'Warnings',
  info: 'Notes',
});

/**
 * Characters of one example value shown in text, Markdown and JUnit reports: enough for an id, a
 * timestamp or a short object, short enough that a line stays readable. The JSON report keeps
 * examples whole.
 */
export const MAX_EXAMPLE_CHARS = 60;

/**
 * The findings of a report grouped by severity, breaking first; report order within a group, empty
 * groups left out. These are the drift findings, which say each fact once per field and cause; the
 * violation groups are their evidence (counts and examples in the findings' `after`), not listed again.
 */
export function itemsBySeverity(report: CheckReport): ReadonlyArray<readonly [Severity, readonly CheckFinding[]]> {
  return SEVERITIES.map((severity) => [severity, report.drift.filter((finding) => finding.severity === severity)] as const).filter(([, group]) => group.length > 0);
}

/** `/properties/customer_id (field customer_id)`; `/` for the record itself. */
export function locationOf(finding: CheckFinding): string {
  const where = finding.path === '' ? '/' : finding.path;
  return finding.field !== undefined ? `${where} (field ${finding.field})` : where;
}

/** One example value as short JSON text, cut at {@link MAX_EXAMPLE_CHARS} with an ellipsis. */
export function exampleText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > MAX_EXAMPLE_CHARS ? `${text.slice(0, MAX_EXAMPLE_CHARS)}…` : text;
}

/** Marks an estimate for reports: `≈412` when `approximate`, else `412`. */
export function approx(text: string, approximate: boolean): string {
  return approximate ? `≈${text}` : text;
}

/** A rate as a percentage with at most two decimals: `1.25%`, `100%`. */
export function percent(rate: number): string {
  return `${Math.round(rate * 10_000) / 100}%`;
}

/** `commerce.orders 2.1.0` */
export function subjectOf(report: CheckReport): string {
  return `${report.contract} ${report.version}`;
}

/** `file orders.jsonl (source prod)` */
export function sourceOf(report: CheckReport): string {
  return report.sourceName !== undefined ? `${report.source} (source ${report.sourceName})` : report.source;
}

/** The version a breaking change needs after `version` (semver's 0.x rule: a minor step): `2.1.0` -> `3.0.0`, `0.4.1` -> `0.5.0`. */
export function nextBreakingVersion(version: string): string {
  const parsed = semver.parse(version);
  if (parsed === null) return 'a new major version';
  return semver.inc(parsed, parsed.major === 0 ? 'minor' : 'major') ?? 'a new major version';
}

/**
 * The first breaking step after `version` that no published version already holds: `2.0.0` after
 * `1.1.1` when 2.x is free; `3.0.0` when the registry already has 2.0.0 (a 0.x version steps its
 * minor the same way). A published version of that major (or 0.x minor) takes it, yanked or not,
 * since a version can never be published twice.
 */
export function nextFreeVersion(version: string, published: readonly string[]): string {
  const next = semver.parse(nextBreakingVersion(version));
  if (next === null) return nextBreakingVersion(version);
  const taken = published.map((each) => semver.parse(each)).filter((each): each is semver.SemVer => each !== null);
  if (next.major === 0) {
    const minors = taken.filter((each) => each.major === 0).map((each) => each.minor);
    if (taken.some((each) => each.major > 0)) return `${Math.max(...taken.map((each) => each.major)) + 1}.0.0`;
    return minors.some((minor) => minor >= next.minor) ? `0.${Math.max(...minors) + 1}.0` : next.version;
  }
  const majors = taken.map((each) => each.major);
  return majors.some((major) => major >= next.major) ? `${Math.max(...majors) + 1}.0.0` : next.version;
}

/** What to publish for a breaking change: `2.0.0`, or `3.0.0 (2.0.0 is already published; ...)` when the obvious step is taken. */
function publishAdvice(report: CheckReport): string {
  const obvious = nextBreakingVersion(report.version);
  const next = report.nextVersion ?? obvious;
  if (next === obvious) return `${next} for a breaking change`;
  const major = semver.parse(report.version)?.major;
  const pin = major === undefined ? '' : `; consumers pinned to ^${major === 0 ? report.version : major} keep ${report.version}`;
  return `${next} for a breaking change, since ${obvious} is already published${pin}`;
}

/** What the reader should do next, by verdict; names the contract, version and source. */
export function nextStep(report: CheckReport): string {
  const subject = subjectOf(report);
  if (report.verdict === 'breaking') {
    return (
      `the feed ${report.source} does not keep the promise of ${subject}: fix the producer so its records match, ` +
      `or publish a contract version that describes what it sends (${publishAdvice(report)}) and tell the pinned consumers`
    );
  }
  if (report.verdict === 'warn') {
    return `review the warnings for ${subject} before they become breaking; run with --fail-on warn to make them fail the check`;
  }
  return `the feed ${report.source} keeps the promise of ${subject}`;
}

/**
 * The one finding that decided the verdict, in a line: the first breaking finding, else the first
 * warning, with how many more there are: `field-type-changed at amount: ... (and 2 more)`.
 * Undefined when the run passed without warnings.
 */
export function topReason(report: CheckReport): string | undefined {
  const [first] = itemsBySeverity(report);
  if (first === undefined) return undefined;
  const [severity, group] = first;
  if (severity === 'info') return undefined;
  const finding = group[0]!;
  const more = group.length > 1 ? ` (and ${group.length - 1} more)` : '';
  return `${finding.rule} at ${finding.field ?? (finding.path === '' ? '/' : finding.path)}: ${finding.message}${more}`;
}

/** `expected 0, observed 0.07` for a drift finding; either side left out when unknown; undefined when neither is known. */
export function beforeAfter(finding: CheckFinding): string | undefined {
  const parts = [
    ...(finding.before !== undefined ? [`expected ${exampleText(finding.before)}`] : []),
    ...(finding.after !== undefined ? [`observed ${exampleText(finding.after)}`] : []),
  ];
  return parts.length === 0 ? undefined : parts.join(', ');
}
