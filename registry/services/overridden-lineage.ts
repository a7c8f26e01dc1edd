import { SemVer } from 'semver';
import { checkVersionBump, overriddenReport, requiredBump } from '../../contracts/index.js';
import type { Contract, Finding, RuleOverrides } from '../../contracts/index.js';
import type { Evaluation } from './evaluate.js';
import { RefusalError } from './refusal-error.js';

/**
 * A comparison with the history with `.concord/rules.yaml` overrides applied (see
 * `overriddenReport`): the findings against the previous version and the ones a refusal lists are
 * re-judged, and so are `compatible`, `requiredBump`, the version check and the refusal. A
 * refusal for the version's order stays. The bump the re-judged findings need is checked against
 * the previous version: every older version is lower, so a bump enough for it is enough for
 * them. A lineage no override names a rule of comes back as it is. `today` is YYYY-MM-DD (UTC).
 */
export function overriddenLineage(lineage: Evaluation, candidate: Contract, overrides: RuleOverrides | undefined, today: string): Evaluation {
  if (overrides === undefined || lineage.previous === undefined) return lineage;
  const named = (finding: Finding): boolean => overrides.rules[finding.rule] !== undefined;
  const refused = lineage.refusalCode === 'breaking-change' || lineage.refusalCode === 'insufficient-bump' ? (lineage.refusal?.findings ?? []) : [];
  if (!lineage.changes.some(named) && !refused.some(named)) return lineage;

  const id = candidate.id;
  const { mode, policy } = lineage;
  const against = overriddenReport({ contract: id, mode, policy, compatible: lineage.compatible, requiredBump: lineage.requiredBump, changes: lineage.changes }, overrides, today).report;
  const changes = against.changes;
  // Mode `none` compares nothing: its changes are shown but ask for no bump.
  if (mode === 'none') return { ...lineage, changes };
  const older = overriddenReport({ contract: id, mode, policy, compatible: false, requiredBump: 'major', changes: refused }, overrides, today).report.changes;
  const all = [...changes, ...older];
  const bump = requiredBump(all);
  const versionCheck = checkVersionBump(new SemVer(lineage.previous), new SemVer(candidate.version), bump, id);
  const breaking = all.some((finding) => finding.severity === 'breaking');
  const accepted: Evaluation = {
    mode,
    policy,
    line: lineage.line,
    ...(lineage.lineLatest === undefined ? {} : { lineLatest: lineage.lineLatest }),
    previous: lineage.previous,
    compatible: !breaking,
    changes,
    requiredBump: against.requiredBump,
    versionCheck,
  };
  // The order of versions is not a finding: no override lifts it.
  if (lineage.refusalCode === 'version-order' && lineage.refusal !== undefined) return { ...accepted, refusal: lineage.refusal, refusalCode: 'version-order' };
  if (versionCheck.ok) return accepted;
  const findings = all.filter((finding) => finding.accepted === undefined);
  const refusal = new RefusalError(breaking ? 'breaking-change' : 'conflict', versionCheck.message, findings);
  return { ...accepted, refusal, refusalCode: breaking ? 'breaking-change' : 'insufficient-bump' };
}

/** Findings against another version (one a pinned consumer resolves to), with the same overrides applied. */
export function overriddenFindings(findings: readonly Finding[], candidate: Contract, overrides: RuleOverrides | undefined, today: string): readonly Finding[] {
  if (overrides === undefined || !findings.some((finding) => overrides.rules[finding.rule] !== undefined)) return findings;
  const { mode, policy } = candidate.compatibility;
  return overriddenReport({ contract: candidate.id, mode, policy, compatible: false, requiredBump: 'none', changes: findings }, overrides, today).report.changes;
}
