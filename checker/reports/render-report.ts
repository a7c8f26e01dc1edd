import type { CheckReport } from '../model.js';
import { renderJsonReport } from './json-report.js';
import { renderJunitReport } from './junit-report.js';
import { renderMarkdownReport } from './markdown-report.js';
import { renderTextReport } from './text-report.js';

export const REPORT_FORMATS = ['text', 'json', 'junit', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const RENDERERS: Readonly<Record<ReportFormat, (report: CheckReport) => string>> = Object.freeze({
  text: renderTextReport,
  json: renderJsonReport,
  junit: renderJunitReport,
  markdown: renderMarkdownReport,
});

/** A check report in one of {@link REPORT_FORMATS}. */
export function renderReport(report: CheckReport, format: ReportFormat): string {
  return RENDERERS[format](report);
}
