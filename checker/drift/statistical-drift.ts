import type { ValueType } from '../../contracts/index.js';
import type { CheckFinding, FeedProfile, FieldProfile } from '../model.js';
import { driftFinding, percent, type ContractRef } from './drift-finding.js';
import type { DriftThresholds } from './drift-thresholds.js';
import { exemptFromShift, monotonicRegression } from './monotonic-drift.js';
import { categoricalBins, numericBins, psi } from './psi.js';

/**
 * Least share of a field's values its baseline top values must hold for the field to count as
 * categorical. Identifiers, timestamps and free text have top values that each hold a sliver, so
 * their "distribution" over top values is noise; status codes, channels and flags hold nearly all.
 */
export const CATEGORICAL_MIN_TOP_COVERAGE = 0.5;

/** Far below one record in a billion, far above the rounding error of a difference of two rates. */
const RATE_TOLERANCE = 1e-12;

export interface StatisticalDriftInput {
  readonly ref: ContractRef;
  readonly profile: FeedProfile;
  readonly baseline: FeedProfile;
  readonly thresholds: DriftThresholds;
  /** Fields schema drift already reported as holding forbidden nulls, missing or renamed; a null-rate jump on them would say the same twice. */
  readonly nullReported: ReadonlySet<string>;
  /** Fields whose values schema drift already reported (a changed type, values outside the enum): comparing their distributions to the baseline's would repeat that finding. */
  readonly valuesReported: ReadonlySet<string>;
  /** Fields the contract declares monotonic (`x-concord-monotonic`), with their declared value type; none by default. */
  readonly monotonic?: ReadonlyMap<string, ValueType>;
  readonly key?: string;
}

/**
 * Share of the field's parent objects (the records, for top-level fields) in which it is null or
 * missing: what a reader of the field sees as "no value".
 */
function emptyRate(field: FieldProfile): number {
  return 1 - field.presenceRate + field.presenceRate * field.nullRate;
}

function values(field: FieldProfile): number {
  return field.present - field.nulls;
}

/** The field and the fields it nests in: `items[].sku` -> `items[].sku`, `items`, `items[]`. */
function selfAndAncestors(field: string): string[] {
  const chain = [field];
  for (let index = 1; index < field.length; index += 1) {
    if (field[index] === '.' || field[index] === '[') chain.push(field.slice(0, index));
  }
  return chain;
}

function nullRateJump(input: StatisticalDriftInput, field: FieldProfile, before: FieldProfile): CheckFinding | undefined {
  // A field inside one reported missing is missing for the same reason.
  if (selfAndAncestors(field.field).some((name) => input.nullReported.has(name))) return undefined;
  const was = emptyRate(before);
  const now = emptyRate(field);
  // Rates are ratios of counts: a jump of exactly the threshold must not miss it by a rounding error.
  if (now - was + RATE_TOLERANCE < input.thresholds.nullRateJump) return undefined;
  return driftFinding(input.ref, {
    rule: 'null-rate-jump',
    field: field.field,
    message: `field ${field.field} is null or missing in ${percent(now)} of the records that could carry it, up from ${percent(was)} in the baseline`,
    before: was,
    after: now,
    ...(input.key !== undefined ? { key: input.key } : {}),
  });
}

function shiftSeverity(score: number, thresholds: DriftThresholds): 'warning' | 'breaking' | undefined {
  if (score >= thresholds.psiBreaking) return 'breaking';
  return score >= thresholds.psiWarn ? 'warning' : undefined;
}

function categoricalShift(input: StatisticalDriftInput, field: FieldProfile, before: FieldProfile): CheckFinding | undefined {
  const covered = (before.top ?? []).reduce((sum, entry) => sum + entry.count, 0);
  if (values(before) <= 0 || covered / values(before) < CATEGORICAL_MIN_TOP_COVERAGE) return undefined;
  const bins = categoricalBins(before, field);
  if (bins === undefined) return undefined;
  const score = psi(bins.expected, bins.actual);
  const severity = shiftSeverity(score, input.thresholds);
  if (severity === undefined) return undefined;
  // The bin that moved most tells the reader where to look, without listing every value.
  let moved = 0;
  bins.actual.forEach((share, index) => {
    if (Math.abs(share - bins.expected[index]!) > Math.abs(bins.actual[moved]! - bins.expected[moved]!)) moved = index;
  });
  return driftFinding(input.ref, {
    rule: 'categorical-shift',
    severity,
    field: field.field,
    message: `the values of field ${field.field} shifted from the baseline (PSI ${score.toFixed(2)}, ${severity} from ${severity === 'breaking' ? input.thresholds.psiBreaking : input.thresholds.psiWarn}); the largest move is ${bins.labels[moved]} from ${percent(bins.expected[moved]!)} to ${percent(bins.actual[moved]!)}`,
    before: Object.fromEntries(bins.labels.map((label, index) => [label, bins.expected[index]])),
    after: Object.fromEntries(bins.labels.map((label, index) => [label, bins.actual[index]])),
    ...(input.key !== undefined ? { key: input.key } : {}),
  });
}

function numericShift(input: StatisticalDriftInput, field: FieldProfile, before: FieldProfile): CheckFinding | undefined {
  if (field.numeric === undefined || before.numeric === undefined) return undefined;
  const bins = numericBins(before.numeric, field.numeric);
  if (bins.cuts.length === 0) return undefined;
  const score = psi(bins.expected, bins.actual);
  const severity = shiftSeverity(score, input.thresholds);
  if (severity === undefined) return undefined;
  // Medians come from a sample of the values once there are more than it holds: say so.
  const was = `${before.approximate?.includes('quantiles') === true ? '≈' : ''}${before.numeric.quantiles['p50']}`;
  const now = `${field.approximate?.includes('quantiles') === true ? '≈' : ''}${field.numeric.quantiles['p50']}`;
  return driftFinding(input.ref, {
    rule: 'numeric-shift',
    severity,
    field: field.field,
    message: `the values of field ${field.field} shifted from the baseline (PSI ${score.toFixed(2)}, ${severity} from ${severity === 'breaking' ? input.thresholds.psiBreaking : input.thresholds.psiWarn}); the median moved from ${was} to ${now} and the mean from ${before.numeric.mean.toPrecision(4)} to ${field.numeric.mean.toPrecision(4)}`,
    before: { ...before.numeric.quantiles, mean: before.numeric.mean },
    after: { ...field.numeric.quantiles, mean: field.numeric.mean },
    ...(input.key !== undefined ? { key: input.key } : {}),
  });
}

/**
 * Statistical drift of a run's profile against the baseline profile of the same source:
 * null-rate jumps, and categorical and numeric distribution shifts by PSI. Fields declared
 * monotonic are judged by `monotonic-regressed` instead of a distribution shift. Fields need at
 * least `minValuesForShift` non-null values on both sides before their values are compared;
 * fields the contract does not declare are left to schema drift.
 */
export function detectStatisticalDrift(input: StatisticalDriftInput): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const baseline = new Map(input.baseline.fields.map((field) => [field.field, field]));
  for (const field of input.profile.fields) {
    const before = baseline.get(field.field);
    if (before === undefined || !field.declared) continue;
    const jump = nullRateJump(input, field, before);
    if (jump !== undefined) findings.push(jump);
    if (input.valuesReported.has(field.field)) continue;
    if (values(field) < input.thresholds.minValuesForShift || values(before) < input.thresholds.minValuesForShift) continue;
    const monotonic = input.monotonic?.get(field.field);
    const shift =
      monotonic !== undefined && exemptFromShift(monotonic, field, before)
        ? monotonicRegression(input.ref, monotonic, field, before, input.key)
        : field.numeric !== undefined && before.numeric !== undefined
        ? numericShift(input, field, before)
        : categoricalShift(input, field, before);
    if (shift !== undefined) findings.push(shift);
  }
  return findings;
}
