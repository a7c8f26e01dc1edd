import { judge } from '../../contracts/compat-mode.js';
import type { Change } from '../../contracts/findings.js';
import type { JsonSchema } from '../../contracts/model.js';
import type { ConformanceCheck, Expected } from './conformance-cases.js';
import { reasonFor } from './known-differences.js';

export type SchemaDiff = (before: JsonSchema, after: JsonSchema) => Change[];

export interface Outcome {
  readonly check: ConformanceCheck;
  readonly got: Expected;
  readonly agreed: boolean;
  /** Rule ids that made a direction fail (for disagreements: why we said "incompatible"). */
  readonly breakingRules: readonly string[];
  /** Every rule id the diff produced. */
  readonly rules: readonly string[];
  /** One line on why the verdicts differ; empty when they agree. */
  readonly reason: string;
}

function breakingRules(changes: readonly Change[], direction: 'backward' | 'forward', check: ConformanceCheck): string[] {
  return judge(changes, direction, check.policy).filter((finding) => finding.severity === 'breaking').map((finding) => finding.rule);
}

/** Runs one check: our verdict is "compatible in a direction" when no change is breaking in it under the check's policy. */
export function evaluate(check: ConformanceCheck, diff: SchemaDiff): Outcome {
  let changes: Change[];
  try {
    changes = diff(check.before, check.after);
  } catch (error) {
    const got = { backward: false, ...(check.expected.forward !== undefined ? { forward: false } : {}) };
    return { check, got, agreed: false, breakingRules: [], rules: [], reason: `the diff failed: ${(error as Error).message}` };
  }
  const backward = breakingRules(changes, 'backward', check);
  const forward = check.expected.forward === undefined ? [] : breakingRules(changes, 'forward', check);
  const got: Expected = { backward: backward.length === 0, ...(check.expected.forward !== undefined ? { forward: forward.length === 0 } : {}) };
  const agreed = got.backward === check.expected.backward && got.forward === check.expected.forward;
  const failing = [
    ...(got.backward !== check.expected.backward ? backward : []),
    ...(got.forward !== check.expected.forward ? forward : []),
  ];
  const distinct = [...new Set(failing)];
  return {
    check,
    got,
    agreed,
    breakingRules: distinct,
    rules: [...new Set(changes.map((change) => change.rule))],
    reason: agreed ? '' : reasonFor(check, got, distinct),
  };
}

/** Words for a verdict: `compatible`/`incompatible` for backward-only checks, else Apicurio's `backward`/`both`/`none`/`forward`. */
export function describeVerdict(verdict: Expected): string {
  if (verdict.forward === undefined) return verdict.backward ? 'compatible' : 'incompatible';
  if (verdict.backward && verdict.forward) return 'both';
  if (verdict.backward) return 'backward';
  return verdict.forward ? 'forward' : 'none';
}

export interface AgreementRow {
  readonly file: string;
  readonly policy: string;
  readonly cases: number;
  readonly agreed: number;
  /** Percentage of agreeing cases, one decimal. */
  readonly percent: number;
}

/** One row per file and policy, in the order the checks came. */
export function summarize(outcomes: readonly Outcome[]): AgreementRow[] {
  const rows = new Map<string, { file: string; policy: string; cases: number; agreed: number }>();
  for (const outcome of outcomes) {
    const key = `${outcome.check.file}\u0000${outcome.check.policy}`;
    const row = rows.get(key) ?? { file: outcome.check.file, policy: outcome.check.policy, cases: 0, agreed: 0 };
    row.cases += 1;
    if (outcome.agreed) row.agreed += 1;
    rows.set(key, row);
  }
  return [...rows.values()].map((row) => ({ ...row, percent: row.cases === 0 ? 100 : Math.round((1000 * row.agreed) / row.cases) / 10 }));
}
