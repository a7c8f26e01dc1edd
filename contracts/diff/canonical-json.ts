/**
 * Canonical JSON text: what `JSON.stringify` writes, with object keys sorted at every level, so
 * two values that mean the same JSON have the same text whatever order their keys were written
 * in. Members JSON has no text for (`undefined`, functions) are left out, as `JSON.stringify`
 * leaves them out; a top-level value without text is `null`. Every own key counts, `__proto__`
 * included: a key missing from the text would let two different versions share a content hash.
 * Keys named like array indexes come first, in numeric order, then the rest in code-unit order:
 * that is the order JavaScript gives an object's keys, in which the content hashes of stored
 * versions were computed, so it must stay.
 */
export function canonicalJson(value: unknown): string {
  return textOf(value) ?? 'null';
}

/** The canonical text of `value`, or undefined when JSON has none for it (an object then leaves the member out). */
function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return `[${value.map((entry) => textOf(entry) ?? 'null').join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) as string | undefined;
  // Own keys read straight off the value: nothing is copied onto a `{}`, where `__proto__` would set the prototype.
  const record = value as Readonly<Record<string, unknown>>;
  let text = '';
  for (const key of Object.keys(record).sort(compareKeys)) {
    const member = textOf(record[key]);
    if (member === undefined) continue;
    text += `${text === '' ? '' : ','}${JSON.stringify(key)}:${member}`;
  }
  return `{${text}}`;
}

/** The largest array index, 2^32 - 2: JavaScript orders keys up to it by number. */
const MAX_ARRAY_INDEX = 4294967294;

function arrayIndexOf(key: string): number {
  if (!/^(?:0|[1-9]\d{0,9})$/.test(key)) return -1;
  const index = Number(key);
  return index <= MAX_ARRAY_INDEX ? index : -1;
}

function compareKeys(a: string, b: string): number {
  const first = arrayIndexOf(a);
  const second = arrayIndexOf(b);
  if (first !== -1 || second !== -1) {
    if (first === -1) return 1;
    if (second === -1) return -1;
    return first - second;
  }
  return a < b ? -1 : a > b ? 1 : 0;
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
