import type { CheckFinding, Verdict } from '../model.js';

/**
 * The verdict of a run from its findings: `breaking` when any finding is breaking, `warn` when
 * any is a warning, else `pass` (info findings never change it). Pass the violation groups and
 * the drift findings together: both are findings of the same run.
 */
export function verdictOf(findings: Iterable<Pick<CheckFinding, 'severity'>>): Verdict {
  let verdict: Verdict = 'pass';
  for (const finding of findings) {
    if (finding.severity === 'breaking') return 'breaking';
    if (finding.severity === 'warning') verdict = 'warn';
  }
  return verdict;
}
