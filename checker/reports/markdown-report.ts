import { formatDuration, acceptedNote } from '../../contracts/index.js';
import type { CheckFinding, CheckReport, FieldProfile } from '../model.js';
import { SEVERITY_HEADINGS, approx, beforeAfter, itemsBySeverity, nextStep, percent, sourceOf, subjectOf } from './report-findings.js';

const VERDICT_BADGES: Readonly<Record<CheckReport['verdict'], string>> = { pass: '✅ pass', warn: '⚠️ warn', breaking: '❌ breaking' };

/** Field rows in the profile table; a wide feed's full profile belongs in the JSON report. */
export const MAX_MARKDOWN_PROFILE_FIELDS = 50;

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, "'").replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${cell(text)}\``;
}

function itemRow(finding: CheckFinding): string {
  const where = finding.path === '' ? '/' : finding.path;
  const detail = beforeAfter(finding) ?? '';
  const note = acceptedNote(finding);
  const message = note !== undefined ? `${finding.message} (${note})` : finding.message;
  return `| ${[cell(message), code(finding.rule), code(where), cell(finding.field ?? ''), cell(detail)].join(' | ')} |`;
}

function typesOf(field: FieldProfile): string {
  return Object.entries(field.types)
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
}

function profileRow(field: FieldProfile): string {
  const cells = [code(field.field), field.declared ? 'yes' : '**no**', percent(field.presenceRate), percent(field.nullRate), cell(typesOf(field)), approx(String(field.distinct), field.approximate?.includes('distinct') === true)];
  return `| ${cells.join(' | ')} |`;
}

/**
 * A Markdown report for pull requests and chat: verdict, what was read, one table per severity
 * (breaking first) and a field profile table of up to {@link MAX_MARKDOWN_PROFILE_FIELDS} rows.
 */
export function renderMarkdownReport(report: CheckReport): string {
  const lines = [
    `## ${cell(subjectOf(report))}: ${VERDICT_BADGES[report.verdict]}`,
    '',
    `Source ${code(sourceOf(report))}: read ${report.read} records, analyzed ${report.sampled} (${cell(report.selection.text)}), ` +
      `${report.readIssues.count} read issues, ${formatDuration(report.durationMs)}.`,
  ];
  for (const [severity, group] of itemsBySeverity(report)) {
    lines.push('', `### ${SEVERITY_HEADINGS[severity]} (${group.length})`, '', '| finding | rule | path | field | expected / observed |', '|---|---|---|---|---|');
    lines.push(...group.map(itemRow));
  }
  if (report.readIssues.count > 0) {
    lines.push('', `### Read issues (${report.readIssues.count})`, '');
    lines.push(...report.readIssues.examples.map((issue) => `- ${cell(issue.kind)} at ${code(issue.location)}: ${cell(issue.message)}`));
  }
  const fields = report.profile.fields;
  if (fields.length > 0) {
    const shown = fields.slice(0, MAX_MARKDOWN_PROFILE_FIELDS);
    lines.push('', `### Profile (${fields.length} fields; ≈ marks estimates)`, '', '| field | declared | present | null | types | distinct |', '|---|---|---|---|---|---|');
    lines.push(...shown.map(profileRow));
    if (shown.length < fields.length) lines.push('', `${fields.length - shown.length} more fields in the JSON report (--format json).`);
  }
  lines.push('', `**Next:** ${cell(nextStep(report))}`);
  return `${lines.join('\n')}\n`;
}
