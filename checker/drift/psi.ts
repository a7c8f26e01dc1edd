import type { FieldProfile, NumericProfile } from '../model.js';

/**
 * Smallest share a bin counts with. PSI takes a logarithm of each bin's ratio, which an empty
 * bin would make infinite; 0.0001 (one in ten thousand) is the usual floor, small enough not to
 * hide a real bin appearing or vanishing and large enough to bound one bin's term at about 0.9
 * when the other side holds 10% of the values there.
 */
export const PSI_EMPTY_BIN_SHARE = 0.0001;

/**
 * Population stability index of two distributions over the same bins (shares, each summing to
 * about 1): sum of (actual - expected) x ln(actual / expected), with empty bins floored at
 * PSI_EMPTY_BIN_SHARE. 0 for identical distributions; grows with the shift.
 */
export function psi(expected: readonly number[], actual: readonly number[]): number {
  let total = 0;
  for (let index = 0; index < expected.length; index += 1) {
    const e = Math.max(expected[index]!, PSI_EMPTY_BIN_SHARE);
    const a = Math.max(actual[index] ?? 0, PSI_EMPTY_BIN_SHARE);
    total += (a - e) * Math.log(a / e);
  }
  return total;
}

/** Categorical values compare by their JSON text, so `1` and `"1"` stay apart. */
function valueKey(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * Bins of a categorical field: the baseline's top values, plus "other" for everything else,
 * filled from each profile's top values and its count of non-null values. Returns undefined when
 * the baseline has no top values (pii fields, or no values).
 */
export function categoricalBins(baseline: FieldProfile, current: FieldProfile): { expected: number[]; actual: number[]; labels: string[] } | undefined {
  const baseTop = baseline.top ?? [];
  if (baseTop.length === 0) return undefined;
  const baseTotal = baseline.present - baseline.nulls;
  const currentTotal = current.present - current.nulls;
  if (baseTotal <= 0 || currentTotal <= 0) return undefined;
  const currentCounts = new Map((current.top ?? []).map((entry) => [valueKey(entry.value), entry.count]));
  const labels = baseTop.map((entry) => valueKey(entry.value));
  const expected = baseTop.map((entry) => entry.count / baseTotal);
  const actual = labels.map((label) => (currentCounts.get(label) ?? 0) / currentTotal);
  expected.push(Math.max(0, 1 - expected.reduce((sum, share) => sum + share, 0)));
  actual.push(Math.max(0, 1 - actual.reduce((sum, share) => sum + share, 0)));
  labels.push('other');
  return { expected, actual, labels };
}

/** The quantiles a NumericProfile carries, with the share of values below each. */
const QUANTILE_KEYS: readonly (readonly [string, number])[] = [
  ['p01', 0.01],
  ['p25', 0.25],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p99', 0.99],
];

/** The profile's distribution as (value, share below) knots from min to max, in order. */
function knots(profile: NumericProfile): [number, number][] {
  const points: [number, number][] = [[profile.min, 0]];
  for (const [key, share] of QUANTILE_KEYS) {
    const value = profile.quantiles[key];
    if (value !== undefined && Number.isFinite(value)) points.push([value, share]);
  }
  points.push([profile.max, 1]);
  // Sketch quantiles can be off by a little; keep the knots monotone so the estimate is a distribution.
  for (let index = 1; index < points.length; index += 1) points[index]![0] = Math.max(points[index]![0], points[index - 1]![0]);
  return points;
}

/**
 * Estimated share of values strictly below `x`, interpolated linearly between the knots. Both
 * sides of a comparison are estimated the same way from the same kind of summary, so two
 * profiles of one distribution give (nearly) the same shares even for discrete values.
 */
function shareBelow(points: readonly [number, number][], x: number): number {
  if (x <= points[0]![0]) return 0;
  const last = points[points.length - 1]!;
  if (x > last[0]) return 1;
  let below = 0;
  while (below + 1 < points.length && points[below + 1]![0] < x) below += 1;
  const [x0, s0] = points[below]!;
  const [x1, s1] = points[below + 1] ?? last;
  return x1 === x0 ? s0 : s0 + ((s1 - s0) * (x - x0)) / (x1 - x0);
}

/**
 * Estimated share of a numeric profile's values strictly below `value`, read off its quantile
 * summary the same way the PSI bins are: 0 at or below the minimum, 1 above the maximum.
 */
export function estimatedShareBelow(profile: NumericProfile, value: number): number {
  return shareBelow(knots(profile), value);
}

/**
 * Bins of a numeric field: cut at the baseline's distinct quantiles (p01, p25, p50, p75, p99), so
 * each bin holds a known share of the baseline; both shares come from the profiles' quantile
 * summaries, as the baseline keeps no raw values.
 */
export function numericBins(baseline: NumericProfile, current: NumericProfile): { expected: number[]; actual: number[]; cuts: number[] } {
  const cuts = [...new Set(QUANTILE_KEYS.map(([key]) => baseline.quantiles[key]).filter((value): value is number => value !== undefined && Number.isFinite(value)))].sort(
    (a, b) => a - b,
  );
  const basePoints = knots(baseline);
  const currentPoints = knots(current);
  const shares = (points: readonly [number, number][]): number[] => {
    const below = [0, ...cuts.map((cut) => shareBelow(points, cut)), 1];
    return below.slice(1).map((share, index) => Math.max(0, share - below[index]!));
  };
  return { expected: shares(basePoints), actual: shares(currentPoints), cuts };
}
