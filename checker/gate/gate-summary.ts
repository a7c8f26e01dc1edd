import type { GateReadHealth } from './gate-read-health.js';
import type { GateSummary } from './run-gate.js';

/**
 * What the gate says on stderr when it is done: the counts (in = valid + dead-lettered + blank),
 * the read verdict (the one `concord check` gives the same input), where the rejects went, and the
 * commonest errors.
 */
export function renderGateSummary(summary: GateSummary, health: GateReadHealth, subject: string, deadLetterPath: string): string {
  const blank = summary.blank === 0 ? '' : `, ${summary.blank} blank skipped`;
  const lines = [
    `concord gate ${subject}: ${summary.lines} lines in, ${summary.valid} valid out, ${summary.deadLettered} dead-lettered${blank}`,
    `  read health: ${health.verdict}`,
    ...health.findings.map((finding) => `    ${finding.rule}: ${finding.message}`),
  ];
  if (summary.deadLettered > 0) {
    lines.push(
      `  ${summary.invalid} invalid, ${summary.malformed} malformed, ${summary.oversized} oversized; appended to ${deadLetterPath} with their errors`,
      '  most frequent errors:',
      ...summary.topErrors.map((group) => `    ${group.count} × ${group.keyword} at ${group.path === '' ? '/' : group.path}: ${group.message}`),
      `  next: fix the producer or the records in ${deadLetterPath} and feed them through the gate again`,
    );
  }
  return `${lines.join('\n')}\n`;
}
