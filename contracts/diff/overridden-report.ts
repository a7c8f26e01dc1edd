import { changeFingerprint } from '../fingerprint.js';
import { applyRuleOverrides } from '../rules/apply-overrides.js';
import type { RuleOverrides } from '../rules/rule-overrides.js';
import { requiredBump } from '../semver-policy.js';
import type { DiffReport } from './contract-diff.js';

/**
 * A diff report with `.concord/rules.yaml` overrides applied: every change gets its fingerprint
 * (rule, contract, path), then severities are overridden and known findings accepted (see
 * `applyRuleOverrides`), and `compatible` and `requiredBump` are judged again, so an accepted
 * breaking change no longer asks for a major version. `concord diff` and the registry's publish
 * evaluation (publish and its dry run) both call this. `today` is YYYY-MM-DD (UTC).
 */
export function overriddenReport(report: DiffReport, overrides: RuleOverrides | undefined, today: string): { readonly report: DiffReport; readonly warnings: readonly string[] } {
  const fingerprinted = report.changes.map((finding) => ({ ...finding, fingerprint: changeFingerprint(report.contract, finding) }));
  const { findings, warnings } = applyRuleOverrides(fingerprinted, overrides, today);
  return {
    report: { ...report, changes: findings, compatible: !findings.some((finding) => finding.severity === 'breaking'), requiredBump: requiredBump(findings) },
    warnings,
  };
}
