import type { DiffReport } from './diff/contract-diff.js';
import { SEVERITIES, type Finding, type Severity } from './findings.js';
import type { VersionCheck } from './semver-policy.js';

const HEADINGS: Readonly<Record<Severity, string>> = { breaking: 'Breaking', warning: 'Warnings', info: 'Other changes' };
const MARKS: Readonly<Record<Severity, string>> = { breaking: '✗', warning: '!', info: '·' };

/** Findings grouped breaking first, then warnings, then the rest; document order within a group. */
export function groupBySeverity(findings: readonly Finding[]): ReadonlyArray<readonly [Severity, readonly Finding[]]> {
  return SEVERITIES.map((severity) => [severity, findings.filter((f) => f.severity === severity)] as const).filter(
    ([, group]) => group.length > 0,
  );
}

function title(report: DiffReport): string {
  const subject = report.contract ?? 'schema';
  const range = report.from !== undefined && report.to !== undefined ? ` ${report.from} → ${report.to}` : '';
  return `${subject}${range}`;
}

function verdict(report: DiffReport): string {
  const breaking = report.changes.filter((f) => f.severity === 'breaking').length;
  if (report.changes.length === 0) return 'no changes';
  if (breaking === 0) return `compatible (${report.mode}, ${report.policy}); required bump: ${report.requiredBump}`;
  const noun = breaking === 1 ? 'breaking change' : 'breaking changes';
  return `INCOMPATIBLE under ${report.mode} (${report.policy}): ${breaking} ${noun}; required bump: ${report.requiredBump}`;
}

function location(finding: Finding): string {
  const where = finding.path === '' ? '/' : finding.path;
  return finding.field !== undefined ? `${where} (field ${finding.field})` : where;
}

/** How a report says a finding was accepted in `.concord/rules.yaml`: the severity it had, until when, and why. */
export function acceptedNote(finding: Finding): string | undefined {
  const accepted = finding.accepted;
  return accepted === undefined ? undefined : `accepted (${accepted.severity}) until ${accepted.expires}: ${accepted.reason}`;
}

/** A readable changelog for terminals: verdict line, then breaking changes first. */
export function renderChangelogText(report: DiffReport, versionCheck?: VersionCheck): string {
  const lines = [`${title(report)}: ${verdict(report)}`];
  if (versionCheck !== undefined && !versionCheck.ok) lines.push(versionCheck.message);
  for (const [severity, group] of groupBySeverity(report.changes)) {
    lines.push('', `${HEADINGS[severity]} (${group.length})`);
    for (const finding of group) {
      lines.push(`  ${MARKS[severity]} ${finding.message}`);
      lines.push(`    ${finding.rule} at ${location(finding)}${finding.fingerprint !== undefined ? `, fingerprint ${finding.fingerprint}` : ''}`);
      const note = acceptedNote(finding);
      if (note !== undefined) lines.push(`    ${note}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown changelog (for pull requests and release notes): one table per severity. */
export function renderChangelogMarkdown(report: DiffReport, versionCheck?: VersionCheck): string {
  const lines = [`## ${markdownCell(title(report))}`, '', `**${markdownCell(verdict(report))}**`];
  if (versionCheck !== undefined && !versionCheck.ok) lines.push('', `> ${markdownCell(versionCheck.message)}`);
  for (const [severity, group] of groupBySeverity(report.changes)) {
    lines.push('', `### ${HEADINGS[severity]} (${group.length})`, '', '| change | rule | path | field |', '|---|---|---|---|');
    for (const finding of group) {
      const note = acceptedNote(finding);
      const cells = [note !== undefined ? `${finding.message} (${note})` : finding.message, `\`${finding.rule}\``, `\`${finding.path === '' ? '/' : finding.path}\``, finding.field ?? ''];
      lines.push(`| ${cells.map(markdownCell).join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The JSON of a diff report: what `concord diff --format json` prints and the registry's changelog answers. */
export type ChangelogJson = Pick<DiffReport, 'compatible' | 'mode' | 'policy' | 'requiredBump'> &
  Partial<Pick<DiffReport, 'contract' | 'from' | 'to'>> & { readonly versionCheck?: VersionCheck; readonly changes: readonly Finding[] };

/** The JSON shape of `concord diff --format json`; stable for scripts. Absent befores and afters are null. */
export function changelogJson(report: DiffReport, versionCheck?: VersionCheck): ChangelogJson {
  return {
    compatible: report.compatible,
    mode: report.mode,
    policy: report.policy,
    requiredBump: report.requiredBump,
    ...(report.contract !== undefined ? { contract: report.contract, from: report.from, to: report.to } : {}),
    ...(versionCheck !== undefined ? { versionCheck } : {}),
    changes: report.changes.map((finding) => ({
      rule: finding.rule,
      severity: finding.severity,
      path: finding.path,
      ...(finding.field !== undefined ? { field: finding.field } : {}),
      message: finding.message,
      before: finding.before ?? null,
      after: finding.after ?? null,
      ...(finding.fingerprint !== undefined ? { fingerprint: finding.fingerprint } : {}),
      ...(finding.accepted !== undefined ? { accepted: finding.accepted } : {}),
    })),
  };
}
