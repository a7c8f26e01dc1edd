/**
 * Epoch numbers below this are seconds, above it milliseconds: 1e11 seconds is the year 5138 and
 * 1e11 milliseconds is March 1973, so real timestamps of either kind fall on the right side.
 */
export const EPOCH_MILLIS_THRESHOLD = 1e11;

/** Epoch milliseconds of a timestamp value: ISO 8601 text, or epoch seconds or milliseconds; undefined otherwise. */
export function instantOf(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return Math.abs(value) < EPOCH_MILLIS_THRESHOLD ? value * 1000 : value;
  return undefined;
}

/** The timestamp at a dotted path (already split) of a record, in epoch milliseconds. */
export function timestampOf(record: unknown, path: readonly string[]): number | undefined {
  let value = record;
  for (const name of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Readonly<Record<string, unknown>>)[name];
  }
  return instantOf(value);
}
