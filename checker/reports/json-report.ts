import type { CheckReport } from '../model.js';

/**
 * The report as scripts read it: exactly the CheckReport shape, keys in a fixed order (verdict,
 * contract, version, source first) so the text is stable across runs and easy to diff.
 */
export function checkReportJson(report: CheckReport): CheckReport {
  return {
    verdict: report.verdict,
    contract: report.contract,
    version: report.version,
    ...(report.nextVersion !== undefined ? { nextVersion: report.nextVersion } : {}),
    source: report.source,
    ...(report.sourceName !== undefined ? { sourceName: report.sourceName } : {}),
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    read: report.read,
    sampled: report.sampled,
    sampler: report.sampler,
    selection: report.selection,
    readIssues: report.readIssues,
    violations: report.violations,
    drift: report.drift,
    profile: report.profile,
  };
}

/** `checkReportJson` as indented JSON text with a final newline. */
export function renderJsonReport(report: CheckReport): string {
  return `${JSON.stringify(checkReportJson(report), null, 2)}\n`;
}
