import type { DiffSession } from './diff-session.js';
import { subject } from './field-path.js';
import type { FieldPath } from './field-path.js';
import type { Bound, Shape } from './schema-shape.js';
import { isMultipleOf } from './shape-merge.js';
import type { ChangeRuleId } from '../rules/catalog.js';

function describeBound(bound: Bound, lower: boolean): string {
  return `${lower ? '>' : '<'}${bound.exclusive ? '' : '='} ${bound.value}`;
}

/** A bound as a change reports it, without its pointer. */
function plain(bound: Bound): { value: number; exclusive: boolean } {
  return { value: bound.value, exclusive: bound.exclusive };
}

/** A lower (`minimum`/`exclusiveMinimum`) or upper bound, in either the draft-04 or the later form. */
function diffBound(session: DiffSession, before: Bound | undefined, after: Bound | undefined, lower: boolean, field: FieldPath): void {
  if (before === undefined && after === undefined) return;
  const name = lower ? 'minimum' : 'maximum';
  const who = subject(field);
  if (before === undefined && after !== undefined) {
    session.emit({ rule: `${name}-added`, path: after.at, field, message: `${who} now must be ${describeBound(after, lower)}`, after: plain(after) });
    return;
  }
  if (after === undefined && before !== undefined) {
    session.emit({ rule: `${name}-removed`, path: before.at, field, message: `${who} no longer must be ${describeBound(before, lower)}`, before: plain(before) });
    return;
  }
  if (before === undefined || after === undefined) return;
  let rule: ChangeRuleId | undefined;
  if (after.value !== before.value) rule = `${name}-${after.value > before.value ? 'increased' : 'decreased'}`;
  else if (after.exclusive !== before.exclusive) rule = `${name}-became-${after.exclusive ? 'exclusive' : 'inclusive'}`;
  if (rule === undefined) return;
  session.emit({
    rule,
    path: after.at,
    field,
    message: `${name} of ${who} changed from ${describeBound(before, lower)} to ${describeBound(after, lower)}`,
    before: plain(before),
    after: plain(after),
  });
}

/** `multipleOf`: the new value may divide the old one (widening), be a multiple of it (narrowing), or neither. */
function diffMultipleOf(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  const old = before.multipleOf;
  const now = after.multipleOf;
  const who = subject(field);
  if (old === undefined && now !== undefined) {
    session.emit({ rule: 'multiple-of-added', path: now.at, field, message: `${who} now must be a multiple of ${now.value}`, after: now.value });
    return;
  }
  if (now === undefined && old !== undefined) {
    session.emit({ rule: 'multiple-of-removed', path: old.at, field, message: `${who} no longer must be a multiple of ${old.value}`, before: old.value });
    return;
  }
  if (old === undefined || now === undefined || old.value === now.value) return;
  const rule = isMultipleOf(old.value, now.value)
    ? 'multiple-of-relaxed'
    : isMultipleOf(now.value, old.value)
      ? 'multiple-of-tightened'
      : 'multiple-of-changed';
  session.emit({ rule, path: now.at, field, message: `multipleOf of ${who} changed from ${old.value} to ${now.value}`, before: old.value, after: now.value });
}

/** Number keywords: lower and upper bounds, and `multipleOf`. */
export function diffNumbers(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  diffBound(session, before.lower, after.lower, true, field);
  diffBound(session, before.upper, after.upper, false, field);
  diffMultipleOf(session, before, after, field);
}
