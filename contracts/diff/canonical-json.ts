/**
 * Canonical JSON text: object keys sorted, so two values that mean the same JSON have the same
 * text. Used to compare `enum` values and to skip identical sub-schemas without walking them.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Readonly<Record<string, unknown>>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const REF_KEYS = new Set(['$ref', '$recursiveRef', '$dynamicRef']);

/**
 * Whether two JSON values are equal (object key order aside). With `refsDiffer` (default false),
 * any `$ref` makes them unequal: the same reference text can point to different targets in two documents.
 */
export function jsonEqual(first: unknown, second: unknown, refsDiffer = false): boolean {
  if (first === second) return !refsDiffer || typeof first !== 'object' || first === null || !containsRef(first);
  if (typeof first !== 'object' || typeof second !== 'object' || first === null || second === null) return false;
  if (Array.isArray(first)) {
    if (!Array.isArray(second) || first.length !== second.length) return false;
    return first.every((entry, index) => jsonEqual(entry, second[index], refsDiffer));
  }
  if (Array.isArray(second)) return false;
  const a = first as Readonly<Record<string, unknown>>;
  const b = second as Readonly<Record<string, unknown>>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && !(refsDiffer && REF_KEYS.has(key)) && jsonEqual(a[key], b[key], refsDiffer));
}

function containsRef(value: object): boolean {
  if (Array.isArray(value)) return value.some((entry) => typeof entry === 'object' && entry !== null && containsRef(entry));
  return Object.entries(value).some(([key, entry]) => REF_KEYS.has(key) || (typeof entry === 'object' && entry !== null && containsRef(entry)));
}
