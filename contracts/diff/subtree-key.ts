import { jsonEqual } from './canonical-json.js';

/**
 * Canonical keys of frozen JSON subtrees, computed once per object: two subtrees with the same
 * key are the same JSON (object key order aside), so the engine skips comparing them in O(1)
 * instead of walking both. Keys are exact text, never a hash, so equal keys cannot hide a
 * difference. Only subtrees frozen all the way down get keys: they cannot change, so a key once
 * taken stays true for as long as the object lives. Unfrozen values are compared by walking them.
 */

/** What the engine needs to know about a frozen subtree to skip it. */
export interface SubtreeKey {
  /** Canonical text: sorted object keys; `undefined` and non-finite numbers get tokens JSON cannot produce. */
  readonly text: string;
  /** Holds a `$ref`, `$recursiveRef` or `$dynamicRef`: the same text may point elsewhere in another document. */
  readonly hasRef: boolean;
  /** Holds a value no JSON text gives (NaN, a function, ...): such subtrees are compared by walking, as before. */
  readonly exotic: boolean;
}

const REF_KEYS = new Set(['$ref', '$recursiveRef', '$dynamicRef']);

const KEYS = new WeakMap<object, SubtreeKey>();
/** Frozen objects with an unfrozen object inside, found once so they are not walked again for nothing. */
const PARTLY_FROZEN = new WeakSet<object>();

const UNDEFINED_KEY: SubtreeKey = { text: '~undefined', hasRef: false, exotic: false };
const EXOTIC_KEY: SubtreeKey = { text: '~exotic', hasRef: false, exotic: true };

function primitiveKey(value: unknown): SubtreeKey {
  if (value === undefined) return UNDEFINED_KEY;
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return { text: JSON.stringify(value), hasRef: false, exotic: false };
  if (typeof value === 'number' && Number.isFinite(value)) return { text: JSON.stringify(value), hasRef: false, exotic: false };
  // Infinity is no JSON but equals itself; NaN never does, and bigints, symbols and functions are no JSON at all.
  if (typeof value === 'number' && !Number.isNaN(value)) return { text: `~${String(value)}`, hasRef: false, exotic: false };
  return EXOTIC_KEY;
}

/** The key of a value that is a primitive or frozen all the way down; `undefined` for anything else. */
export function frozenKey(value: unknown): SubtreeKey | undefined {
  if (value === null || typeof value !== 'object') return primitiveKey(value);
  const known = KEYS.get(value);
  if (known !== undefined) return known;
  if (!Object.isFrozen(value) || PARTLY_FROZEN.has(value)) return undefined;
  const key = Array.isArray(value) ? arrayKey(value) : objectKey(value as Readonly<Record<string, unknown>>);
  if (key === undefined) PARTLY_FROZEN.add(value);
  else KEYS.set(value, key);
  return key;
}

function arrayKey(value: readonly unknown[]): SubtreeKey | undefined {
  const parts: string[] = [];
  let [hasRef, exotic] = [false, false];
  // A plain loop, not `map`: holes must be keyed as `undefined`, the way `jsonEqual` reads them.
  for (let index = 0; index < value.length; index += 1) {
    const entry = frozenKey(value[index]);
    if (entry === undefined) return undefined;
    parts.push(entry.text);
    hasRef ||= entry.hasRef;
    exotic ||= entry.exotic;
  }
  return { text: `[${parts.join(',')}]`, hasRef, exotic };
}

function objectKey(value: Readonly<Record<string, unknown>>): SubtreeKey | undefined {
  const names = Object.keys(value).sort();
  const parts: string[] = [];
  let [hasRef, exotic] = [false, false];
  for (const name of names) {
    const entry = frozenKey(value[name]);
    if (entry === undefined) return undefined;
    parts.push(`${JSON.stringify(name)}:${entry.text}`);
    hasRef ||= entry.hasRef || REF_KEYS.has(name);
    exotic ||= entry.exotic;
  }
  return { text: `{${parts.join(',')}}`, hasRef, exotic };
}

/**
 * Whether two values are the same JSON, exactly as `jsonEqual` answers (with `refsDiffer`,
 * default false, any reference makes them differ): in O(1) after the first time when both are
 * frozen all the way down, by walking them otherwise.
 */
export function sameJson(first: unknown, second: unknown, refsDiffer = false): boolean {
  if (first === second && refsDiffer) {
    const key = frozenKey(first);
    if (key !== undefined && !key.exotic) return !key.hasRef;
  }
  if (first === second || typeof first !== 'object' || typeof second !== 'object' || first === null || second === null) {
    return jsonEqual(first, second, refsDiffer);
  }
  const [a, b] = [frozenKey(first), frozenKey(second)];
  if (a === undefined || b === undefined || a.exotic || b.exotic) return jsonEqual(first, second, refsDiffer);
  if (refsDiffer && (a.hasRef || b.hasRef)) return false;
  return a.text === b.text;
}
