import type { Timing } from './timing.js';
import { formatMs, formatRatio } from './timing.js';

/** One line of the summary table `npm run bench` prints. */
export interface BenchRow {
  readonly benchmark: string;
  readonly concord: Timing;
  /** What the row compares against: another tool, or a smaller run of ours. */
  readonly baseline?: {
    readonly label: string;
    readonly timing: Timing;
    /** The baseline was stopped at a time limit: its median is a lower bound. */
    readonly atLeast?: boolean;
  };
  /**
   * Which ratio the row prints: `baseline/concord` (default) says how many times faster concord
   * is; `concord/baseline` how many times the baseline a bigger run of ours costs.
   */
  readonly ratio?: 'baseline/concord' | 'concord/baseline';
  readonly note?: string;
}

function ratioCell(row: BenchRow): string {
  if (row.baseline === undefined) return '-';
  const bound = row.baseline.atLeast === true ? '> ' : '';
  if (row.ratio === 'concord/baseline') return `${formatRatio(row.concord.medianMs, row.baseline.timing.medianMs)} (concord/baseline)`;
  return `${bound}${formatRatio(row.baseline.timing.medianMs, row.concord.medianMs)} (baseline/concord)`;
}

/** The rows as an aligned text table: concord's median time, the baseline's, and their ratio. */
export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['benchmark', 'concord (median)', 'baseline', 'baseline (median)', 'ratio', 'note'];
  const lines = rows.map((row) => [
    row.benchmark,
    formatMs(row.concord.medianMs),
    row.baseline?.label ?? '-',
    row.baseline === undefined ? '-' : `${row.baseline.atLeast === true ? '> ' : ''}${formatMs(row.baseline.timing.medianMs)}`,
    ratioCell(row),
    row.note ?? '',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const render = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...lines.map(render)].join('\n');
}
