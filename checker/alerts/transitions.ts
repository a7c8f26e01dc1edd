import { fingerprint } from '../../contracts/index.js';
import type { CheckFinding, CheckReport, Verdict } from '../model.js';
import type { Alert, AlertFinding, AlertKind } from './alert.js';

/**
 * Most new findings one alert lists. An alert is read by a person in a chat or an inbox: the
 * first 20 say what broke, and the count of the rest says how much more there is.
 */
export const MAX_ALERT_FINDINGS = 20;

/** Findings that count for alerts: the drift findings (one per fact; violation groups are their evidence), and never info ones. */
function problems(report: CheckReport): readonly CheckFinding[] {
  return report.drift.filter((finding) => finding.severity !== 'info');
}

function kindOf(previous: Verdict | null, current: Verdict, hasNew: boolean): AlertKind | undefined {
  if (current === 'breaking') return previous === 'breaking' ? (hasNew ? 'new-findings' : undefined) : 'breaking';
  if (previous === 'breaking') return 'recovered';
  if (current === 'warn') return previous === 'warn' ? (hasNew ? 'new-findings' : undefined) : 'warn';
  return previous === 'warn' ? 'cleared' : undefined;
}

function alertFinding(finding: CheckFinding): AlertFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    path: finding.path,
    ...(finding.field === undefined ? {} : { field: finding.field }),
    message: finding.message,
    fingerprint: finding.fingerprint,
  };
}

function summaryOf(kind: AlertKind, report: CheckReport, newFindings: readonly AlertFinding[], more: number): string {
  const where = `${report.contract} ${report.version} on ${report.sourceName ?? report.source}`;
  const first = newFindings[0];
  const lead = first === undefined ? '' : `: ${first.field ?? first.path} ${first.rule}${newFindings.length + more > 1 ? ` and ${newFindings.length + more - 1} more` : ''}`;
  switch (kind) {
    case 'breaking':
      return `${where} is breaking its contract${lead}. Fix the feed or publish a contract version that matches it before consumers ingest it.`;
    case 'new-findings':
      return `${where} has new problems${lead}. Look at the run report and fix the feed or the contract.`;
    case 'warn':
      return `${where} drifted (warning)${lead}. Check whether the change is intended.`;
    case 'recovered':
      return `${where} no longer breaks its contract (now ${report.verdict}). Consumers can ingest it again.`;
    case 'cleared':
      return `${where} passes again; the earlier warnings are gone.`;
  }
}

/**
 * The alert one run causes, or undefined when nothing changed that anyone needs to hear:
 * alerts go out on verdict transitions and on new problem fingerprints only, never on every run.
 * `previous` is the last recorded run of the same contract and source (undefined for the first
 * run, which alerts only if it is not a pass). Pure: the same two reports give the same alert.
 */
export function alertFor(previous: CheckReport | undefined, current: CheckReport): Alert | undefined {
  const before = previous === undefined ? [] : problems(previous);
  const seen = new Set(before.map((finding) => finding.fingerprint));
  const now = problems(current);
  const nowSeen = new Set(now.map((finding) => finding.fingerprint));
  const fresh = now
    .filter((finding) => !seen.has(finding.fingerprint))
    .sort((a, b) => Number(b.severity === 'breaking') - Number(a.severity === 'breaking') || a.fingerprint.localeCompare(b.fingerprint));
  const previousVerdict = previous?.verdict ?? null;
  const kind = kindOf(previousVerdict, current.verdict, fresh.length > 0);
  if (kind === undefined) return undefined;
  const newFindings = fresh.slice(0, MAX_ALERT_FINDINGS).map(alertFinding);
  const resolved = [...seen].filter((each) => !nowSeen.has(each)).sort();
  const id = fingerprint(['alert', current.contract, current.sourceName ?? current.source, kind, previous?.startedAt ?? null, ...fresh.map((finding) => finding.fingerprint)]);
  return {
    id,
    kind,
    contract: current.contract,
    version: current.version,
    source: current.source,
    ...(current.sourceName === undefined ? {} : { sourceName: current.sourceName }),
    verdict: current.verdict,
    previousVerdict,
    startedAt: current.startedAt,
    newFindings,
    open: { breaking: now.filter((finding) => finding.severity === 'breaking').length, warning: now.filter((finding) => finding.severity === 'warning').length },
    resolved,
    summary: summaryOf(kind, current, newFindings, fresh.length - newFindings.length),
  };
}
