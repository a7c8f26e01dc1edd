import { applyRuleOverrides, utcDay } from '../../contracts/index.js';
import type { Contract, RuleOverrides } from '../../contracts/index.js';
import { resolveThresholds } from '../drift/drift-thresholds.js';
import { detectReadHealth } from '../drift/read-health.js';
import { verdictOf } from '../drift/verdict.js';
import type { CheckFinding, Verdict } from '../model.js';
import type { GateSummary } from './run-gate.js';

/** The read health of a gate run: the findings and verdict `concord check` would give the same input. */
export interface GateReadHealth {
  readonly verdict: Verdict;
  readonly findings: readonly CheckFinding[];
}

/**
 * Judges a gate run's input with the check's own read-health rules (detectReadHealth) and the
 * contract's thresholds: lines parsed as JSON are the records read, lines not JSON, not UTF-8 or
 * over the limit the unreadable input. Schema-invalid records are read fine: the dead-letter file
 * holds them, they are not a read problem. `overrides` (`.concord/rules.yaml`; default none) apply
 * as in `concord check`, acceptances judged on `today` (YYYY-MM-DD, UTC; default today).
 */
export function gateReadHealth(summary: GateSummary, contract: Contract, overrides?: RuleOverrides, today: string = utcDay(new Date())): GateReadHealth {
  const read = summary.valid + summary.invalid;
  const findings = detectReadHealth({
    ref: { contract: contract.id, version: contract.version },
    read,
    analysed: read,
    issues: { malformed: summary.malformed - summary.undecodable, decode: summary.undecodable, oversized: summary.oversized },
    thresholds: resolveThresholds(contract),
    unit: 'lines',
  });
  const overridden = applyRuleOverrides(findings, overrides, today).findings;
  return { verdict: verdictOf(overridden), findings: overridden };
}
