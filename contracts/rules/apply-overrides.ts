import type { Finding } from '../findings.js';
import type { RuleOverrides } from './rule-overrides.js';

/** What applying overrides to findings gives: the findings as reports show them, and warnings for people. */
export interface OverrideResult<F extends Finding> {
  readonly findings: F[];
  /** One sentence per acceptance that has expired (it no longer applies), naming rule, fingerprint and day. */
  readonly warnings: string[];
}

/**
 * Applies `.concord/rules.yaml` overrides to findings of any kind. A rule set to `off` drops its
 * findings; another severity replaces the finding's. An acceptance whose fingerprint matches and
 * whose `expires` is `today` or later keeps the finding but makes it `info`, recording the reason
 * and the severity it had in `accepted`, so it no longer decides a verdict or a version bump. An
 * expired acceptance applies to nothing and gives a warning. `fingerprintOf` defaults to the
 * finding's own `fingerprint`; `today` is YYYY-MM-DD (UTC).
 */
export function applyRuleOverrides<F extends Finding>(
  findings: readonly F[],
  overrides: RuleOverrides | undefined,
  today: string,
  fingerprintOf: (finding: F) => string | undefined = (finding) => finding.fingerprint,
): OverrideResult<F> {
  if (overrides === undefined) return { findings: [...findings], warnings: [] };
  const out: F[] = [];
  for (const finding of findings) {
    const override = overrides.rules[finding.rule];
    if (override === undefined) {
      out.push(finding);
      continue;
    }
    if (override.severity === 'off') continue;
    const severity = override.severity ?? finding.severity;
    const print = fingerprintOf(finding);
    const acceptance = override.accept?.find((entry) => entry.fingerprint === print && entry.expires >= today);
    if (acceptance !== undefined) {
      out.push({ ...finding, severity: 'info', accepted: { reason: acceptance.reason, expires: acceptance.expires, severity } });
    } else out.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return { findings: out, warnings: expiredAcceptances(overrides, today) };
}

/** One warning per acceptance that expired before `today` (YYYY-MM-DD): it no longer applies. */
export function expiredAcceptances(overrides: RuleOverrides, today: string): string[] {
  const warnings: string[] = [];
  for (const [rule, override] of Object.entries(overrides.rules)) {
    for (const entry of override.accept ?? []) {
      if (entry.expires < today) {
        warnings.push(`the acceptance of ${rule} finding ${entry.fingerprint} ("${entry.reason}") expired on ${entry.expires} and no longer applies: fix the finding, or accept it again with a later expires`);
      }
    }
  }
  return warnings;
}

/** Today as YYYY-MM-DD in UTC, the form `expires` is written in. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
