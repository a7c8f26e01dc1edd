import { describeVerdict } from './agreement.js';
import type { AgreementRow, Outcome } from './agreement.js';

/** Minimum agreement (percent) per suite; a file under its threshold fails the run. */
export interface Thresholds {
  readonly confluent?: number;
  readonly apicurio?: number;
}

export function thresholdFor(row: AgreementRow, thresholds: Thresholds): number | undefined {
  return row.file.startsWith('confluent/') ? thresholds.confluent : thresholds.apicurio;
}

/** Rows under their suite's threshold. */
export function rowsBelow(rows: readonly AgreementRow[], thresholds: Thresholds): AgreementRow[] {
  return rows.filter((row) => {
    const minimum = thresholdFor(row, thresholds);
    return minimum !== undefined && row.percent < minimum;
  });
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The agreement table, then one line per disagreement. */
export function renderText(rows: readonly AgreementRow[], outcomes: readonly Outcome[], thresholds: Thresholds): string {
  const header = ['file', 'policy', 'cases', 'agreed', '%'];
  const body = rows.map((row) => [row.file, row.policy, String(row.cases), String(row.agreed), row.percent.toFixed(1)]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => pad(cell, widths[column] ?? 0, column >= 2)).join('  ');
  const out = [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)];
  const below = rowsBelow(rows, thresholds);
  if (below.length > 0) out.push('', `below the minimum agreement: ${below.map((row) => `${row.file} (${row.policy}) ${row.percent.toFixed(1)}%`).join(', ')}`);
  const disagreements = outcomes.filter((outcome) => !outcome.agreed);
  out.push('', `disagreements: ${disagreements.length}`);
  for (const outcome of disagreements) {
    const { check } = outcome;
    const rules = outcome.rules.length > 0 ? outcome.rules.join(',') : '-';
    out.push(`${check.file} [${check.policy}] ${check.label}: expected ${describeVerdict(check.expected)}, got ${describeVerdict(outcome.got)}; rules ${rules}; ${outcome.reason}`);
  }
  return `${out.join('\n')}\n`;
}

export function renderJson(rows: readonly AgreementRow[], outcomes: readonly Outcome[], thresholds: Thresholds): string {
  return `${JSON.stringify(
    {
      rows,
      thresholds,
      below: rowsBelow(rows, thresholds),
      disagreements: outcomes
        .filter((outcome) => !outcome.agreed)
        .map((outcome) => ({
          file: outcome.check.file,
          policy: outcome.check.policy,
          case: outcome.check.label,
          expected: describeVerdict(outcome.check.expected),
          got: describeVerdict(outcome.got),
          rules: outcome.rules,
          breakingRules: outcome.breakingRules,
          reason: outcome.reason,
        })),
    },
    null,
    2,
  )}\n`;
}
