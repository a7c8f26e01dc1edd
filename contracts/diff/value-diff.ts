import { canonicalJson } from './canonical-json.js';
import type { DiffSession } from './diff-session.js';
import { subject } from './field-path.js';
import type { FieldPath } from './field-path.js';
import type { JsonType, Shape } from './schema-shape.js';
import { allowsAllTypes } from './shape-relations.js';
import type { ChangeRuleId } from '../rules/catalog.js';

function covers(types: ReadonlySet<JsonType>, type: JsonType): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'));
}

function listed(types: ReadonlySet<JsonType>): string[] {
  return [...types].sort();
}

/** Whether `types` has a type `others` does not cover; a loop, since every leaf of every comparison asks. */
function someNotCovered(types: ReadonlySet<JsonType>, others: ReadonlySet<JsonType>): boolean {
  for (const type of types) if (!covers(others, type)) return true;
  return false;
}

/** Whether going from `from` to `to` only drops `null`. */
function onlyNull(from: ReadonlySet<JsonType>, to: ReadonlySet<JsonType>): boolean {
  return [...from].filter((type) => !to.has(type)).every((type) => type === 'null') && [...to].every((type) => from.has(type));
}

function typeRule(before: ReadonlySet<JsonType>, after: ReadonlySet<JsonType>): ChangeRuleId | undefined {
  const narrowed = someNotCovered(before, after);
  const widened = someNotCovered(after, before);
  if (narrowed && widened) return 'type-changed';
  if (narrowed) return onlyNull(before, after) ? 'nullable-removed' : 'type-narrowed';
  if (widened) return onlyNull(after, before) ? 'nullable-added' : 'type-widened';
  return undefined;
}

/** `type` keyword: integer counts as a kind of number; a missing `type` allows every type. */
export function diffTypes(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  const old = before.types;
  const now = after.types;
  const who = subject(field);
  if (old === undefined && now !== undefined) {
    if (allowsAllTypes(now.value)) return;
    session.emit({ rule: 'type-added', path: now.at, field, message: `${who} is now limited to type ${listed(now.value).join(' or ')}`, after: listed(now.value) });
    return;
  }
  if (now === undefined && old !== undefined) {
    if (allowsAllTypes(old.value)) return;
    session.emit({ rule: 'type-removed', path: old.at, field, message: `${who} is no longer limited to type ${listed(old.value).join(' or ')}`, before: listed(old.value) });
    return;
  }
  if (old === undefined || now === undefined) return;
  const rule = typeRule(old.value, now.value);
  if (rule === undefined) return;
  session.emit({
    rule,
    path: now.at,
    field,
    message: `type of ${who} changed from ${listed(old.value).join(' or ')} to ${listed(now.value).join(' or ')}`,
    before: listed(old.value),
    after: listed(now.value),
  });
}

function valuesText(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

/** `enum` and `const` (a one-value enum) compared as sets of JSON values. */
export function diffEnums(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  const old = before.enumValues;
  const now = after.enumValues;
  const who = subject(field);
  if (old === undefined && now === undefined) return;
  if (old === undefined && now !== undefined) {
    session.emit({ rule: 'enum-added', path: now.at, field, message: `${who} is now limited to the values ${valuesText(now.value)}`, after: now.value });
    return;
  }
  if (now === undefined && old !== undefined) {
    session.emit({ rule: 'enum-removed', path: old.at, field, message: `${who} is no longer limited to the values ${valuesText(old.value)}`, before: old.value });
    return;
  }
  if (old === undefined || now === undefined) return;
  const oldTexts = new Set(old.value.map(canonicalJson));
  const nowTexts = new Set(now.value.map(canonicalJson));
  const added = now.value.filter((value) => !oldTexts.has(canonicalJson(value)));
  const removed = old.value.filter((value) => !nowTexts.has(canonicalJson(value)));
  if (added.length === 0 && removed.length === 0) return;
  const rule = added.length > 0 && removed.length > 0 ? 'enum-changed' : added.length > 0 ? 'enum-values-added' : 'enum-values-removed';
  const parts = [added.length > 0 ? `gained ${valuesText(added)}` : '', removed.length > 0 ? `lost ${valuesText(removed)}` : ''].filter(Boolean);
  session.emit({ rule, path: now.at, field, message: `allowed values of ${who} ${parts.join(' and ')}`, before: old.value, after: now.value });
}
