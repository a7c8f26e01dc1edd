/**
 * Turns what database drivers and Parquet readers hand back into plain JSON values, so the
 * validator sees what a JSON feed would have carried:
 * - `bigint` -> number when it is a safe integer, else its decimal string (no silent rounding);
 * - `Date` -> ISO 8601 string (invalid dates -> null);
 * - bytes (`Buffer`, `Uint8Array`) -> base64 string;
 * - nested arrays and plain objects are converted recursively.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  switch (typeof value) {
    case 'bigint':
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    default:
      return value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) return value.map(toJsonValue);
  // `fromEntries` defines members, so a column named `__proto__` stays a member, as JSON.parse keeps it.
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined).map(([key, inner]) => [key, toJsonValue(inner)]));
}
