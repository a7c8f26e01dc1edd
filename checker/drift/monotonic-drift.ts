import type { ValueType, JsonSchema } from '../../contracts/index.js';
import { valueTypeOf, listFields } from '../../contracts/index.js';
import type { CheckFinding, FieldProfile } from '../model.js';
import { driftFinding, percent, type ContractRef } from './drift-finding.js';
import { MONOTONIC_BREAKING_SHARE, MONOTONIC_REGRESSED_SHARE } from './drift-thresholds.js';
import { estimatedShareBelow } from './psi.js';

/**
 * The fields the record schema declares monotonic (`x-concord-monotonic: true`), by dotted path,
 * with the value type the schema gives them (`number`, `timestamp` for date and date-time strings,
 * or another type the contract linter warns about). Throws what `listFields` throws.
 */
export function monotonicFields(schema: JsonSchema): ReadonlyMap<string, ValueType> {
  const fields = new Map<string, ValueType>();
  for (const [field, info] of listFields(schema)) {
    if (info.monotonic === true) fields.set(field, valueTypeOf(info));
  }
  return fields;
}

/**
 * Whether a declared-monotonic field is left out of the distribution comparisons. Its values move
 * up on every run by design, so any distribution of them shifts: numbers (ids, counters, epoch
 * timestamps) leave `numeric-shift`, and dates, whose few distinct values in a batch feed look
 * categorical, leave `categorical-shift`. On a field declared with another type (or none) the
 * annotation means nothing (the contract linter says so) and the field keeps its distribution check.
 */
export function exemptFromShift(type: ValueType, field: FieldProfile, before: FieldProfile): boolean {
  if (type === 'timestamp') return true;
  return type === 'number' && field.numeric !== undefined && before.numeric !== undefined;
}

/** Where a field's values lie, as far as its profile tells: the ends, and the share below any point. */
interface ValueRange {
  readonly min: number;
  readonly max: number;
  /** The ends as the records write them (numbers, or the date strings). */
  readonly low: number | string;
  readonly high: number | string;
  readonly shareBelow: (value: number) => number;
}

function numericRange(numeric: NonNullable<FieldProfile['numeric']>): ValueRange {
  return { min: numeric.min, max: numeric.max, low: numeric.min, high: numeric.max, shareBelow: (value) => estimatedShareBelow(numeric, value) };
}

/**
 * The range of a date or date-time field from its top values, when they are all of its values (a
 * batch feed's few dates or snapshot times) and every one parses as a date. The profile keeps no
 * range of strings, so fields with more distinct values have none, and are not judged.
 */
function dateRange(field: FieldProfile): ValueRange | undefined {
  const dates = (field.top ?? []).map((entry) => ({ text: entry.value, time: typeof entry.value === 'string' ? Date.parse(entry.value) : Number.NaN, count: entry.count }));
  const total = dates.reduce((sum, entry) => sum + entry.count, 0);
  if (dates.length === 0 || total !== field.present - field.nulls || dates.some((entry) => Number.isNaN(entry.time))) return undefined;
  dates.sort((a, b) => a.time - b.time);
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  return {
    min: first.time,
    max: last.time,
    low: String(first.text),
    high: String(last.text),
    shareBelow: (value) => dates.reduce((sum, entry) => sum + (entry.time < value ? entry.count : 0), 0) / total,
  };
}

function rangeOf(type: ValueType, field: FieldProfile): ValueRange | undefined {
  if (type === 'number') return field.numeric !== undefined ? numericRange(field.numeric) : undefined;
  return type === 'timestamp' ? dateRange(field) : undefined;
}

/**
 * `monotonic-regressed` for a declared-monotonic field whose run went backwards against the
 * baseline: more than MONOTONIC_REGRESSED_SHARE of the run's values below the smallest value the
 * baseline saw. Breaking when at least MONOTONIC_BREAKING_SHARE of the run is below the baseline's
 * largest value (the feed restarted or replays the past), a warning otherwise (old records mixed
 * into an advancing feed). A run that re-reads exactly the baseline's values (a head sample of a
 * whole-table feed) has gone nowhere and is not reported. Numbers are judged from their quantile
 * summary, dates only where their top values are all their values (see dateRange).
 */
export function monotonicRegression(ref: ContractRef, type: ValueType, field: FieldProfile, before: FieldProfile, key?: string): CheckFinding | undefined {
  const now = rangeOf(type, field);
  const was = rangeOf(type, before);
  if (now === undefined || was === undefined) return undefined;
  const belowMin = now.shareBelow(was.min);
  if (belowMin <= MONOTONIC_REGRESSED_SHARE) return undefined;
  const belowMax = now.shareBelow(was.max);
  const breaking = belowMax >= MONOTONIC_BREAKING_SHARE;
  return driftFinding(ref, {
    rule: 'monotonic-regressed',
    severity: breaking ? 'breaking' : 'warning',
    field: field.field,
    message:
      `field ${field.field} is declared monotonic (x-concord-monotonic) but went backwards: about ${percent(belowMin)} of its values are below the baseline's smallest value ${was.low}` +
      ` (this run's values span ${now.low} to ${now.high}, the baseline's ${was.low} to ${was.high}), ` +
      (breaking ? `and ${percent(belowMax)} are below the baseline's largest value, so the feed restarted its sequence or replays old data` : 'while most are beyond the baseline, so old records are mixed into the feed'),
    before: { min: was.low, max: was.high },
    after: { min: now.low, max: now.high, belowBaselineMin: belowMin, belowBaselineMax: belowMax },
    ...(key !== undefined ? { key } : {}),
  });
}
