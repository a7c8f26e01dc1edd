import { formatDuration, acceptedNote, type Severity } from '../../contracts/index.js';
import type { CheckReport } from '../model.js';
import type { CheckFinding } from '../model.js';
import { SEVERITY_HEADINGS, beforeAfter, itemsBySeverity, locationOf, nextStep, sourceOf, subjectOf } from './report-findings.js';

const MARKS: Readonly<Record<Severity, string>> = { breaking: '✗', warning: '!', info: '·' };
const VERDICT_WORDS: Readonly<Record<CheckReport['verdict'], string>> = { pass: 'PASS', warn: 'WARN', breaking: 'BREAKING' };

/** Read issues listed under the findings; the JSON report carries every example the run kept. */
export const MAX_TEXT_READ_ISSUES = 5;

function itemLines(finding: CheckFinding): string[] {
  const lines = [`  ${MARKS[finding.severity]} ${finding.message}`, `    ${finding.rule} at ${locationOf(finding)}`];
  const observed = beforeAfter(finding);
  if (observed !== undefined) lines.push(`    ${observed}`);
  const note = acceptedNote(finding);
  if (note !== undefined) lines.push(`    ${note}`);
  return lines;
}

function readSummary(report: CheckReport): string {
  const issues = report.readIssues.count;
  const issueText = issues === 0 ? '' : `; ${issues} read ${issues === 1 ? 'issue' : 'issues'}`;
  return `read ${report.read} records, analyzed ${report.sampled} (${report.selection.text}) in ${formatDuration(report.durationMs)}${issueText}`;
}

function profileSummary(report: CheckReport): string {
  const fields = report.profile.fields;
  const undeclared = fields.filter((field) => !field.declared).map((field) => field.field);
  const extra = undeclared.length === 0 ? '' : `; undeclared: ${undeclared.join(', ')}`;
  return `fields seen: ${fields.length}${extra}`;
}

/**
 * The terminal report: a verdict line naming contract, version and source, what was read, every
 * finding breaking first (one per field and cause, with expected vs observed),
 * the first read issues, and the next step.
 */
export function renderTextReport(report: CheckReport): string {
  const lines = [`${subjectOf(report)} against ${sourceOf(report)}: ${VERDICT_WORDS[report.verdict]}`, `  ${readSummary(report)}`, `  ${profileSummary(report)}`];
  for (const [severity, group] of itemsBySeverity(report)) {
    lines.push('', `${SEVERITY_HEADINGS[severity]} (${group.length})`);
    for (const finding of group) lines.push(...itemLines(finding));
  }
  if (report.readIssues.count > 0) {
    const shown = report.readIssues.examples.slice(0, MAX_TEXT_READ_ISSUES);
    lines.push('', `Read issues (${report.readIssues.count}, first ${shown.length} shown)`);
    for (const issue of shown) lines.push(`  ${issue.kind} at ${issue.location}: ${issue.message}`);
  }
  lines.push('', `Next: ${nextStep(report)}`);
  return `${lines.join('\n')}\n`;
}
