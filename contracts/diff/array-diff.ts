import { breaksOf } from './diff-session.js';
import type { DiffSession } from './diff-session.js';
import { itemsField, subject, tupleField } from './field-path.js';
import type { FieldPath } from './field-path.js';
import { diffLimit } from './limit-diff.js';
import { shapeOf, slotShape } from './schema-normalize.js';
import type { Located, Shape, Slot } from './schema-shape.js';
import { acceptsEverything, contentModel, isUnsatisfiable } from './shape-relations.js';

function restShape(shape: Shape): Shape {
  return shapeOf(shape.restItems?.nodes ?? [], shape.restItems?.at ?? shape.at);
}

function positionAdded(session: DiffSession, before: Shape, entry: Slot, field: string): void {
  const old = restShape(before);
  const now = slotShape(entry);
  const model = contentModel(old);
  if (model === 'open') {
    if (acceptsEverything(now)) return;
    session.emit({ rule: 'tuple-item-added-to-open-array', path: entry.at, field, message: `item ${field} now has a schema where any item was allowed` });
  } else if (model === 'closed') {
    if (isUnsatisfiable(now)) return;
    session.emit({ rule: 'tuple-item-added-to-closed-array', path: entry.at, field, message: `item ${field} is now allowed where the array ended before` });
  } else {
    const changes = session.probe(old, now, field);
    if (breaksOf(changes) === 'none') session.emit({ rule: 'tuple-item-added-covered', path: entry.at, field, message: `item ${field} was declared with the rules that already applied to it` });
    else session.emitAll(changes);
  }
}

function positionRemoved(session: DiffSession, after: Shape, entry: Slot, field: string): void {
  const old = slotShape(entry);
  const now = restShape(after);
  const model = contentModel(now);
  if (model === 'open') {
    if (acceptsEverything(old)) return;
    session.emit({ rule: 'tuple-item-removed-from-open-array', path: entry.at, field, message: `item ${field} lost its schema and may now be any value` });
  } else if (model === 'closed') {
    if (isUnsatisfiable(old)) return;
    session.emit({ rule: 'tuple-item-removed-from-closed-array', path: entry.at, field, message: `item ${field} is no longer allowed; old arrays that long are rejected` });
  } else {
    const changes = session.probe(old, now, field);
    if (breaksOf(changes) === 'none') session.emit({ rule: 'tuple-item-removed-covered', path: entry.at, field, message: `item ${field} left the tuple, and the rule for further items applies the same schema` });
    else session.emitAll(changes);
  }
}

/** Items as a prefix of positional schemas plus one schema for the rest (absent: any item). */
function diffItems(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  const old = before.prefixItems ?? [];
  const now = after.prefixItems ?? [];
  for (let position = 0; position < Math.max(old.length, now.length); position += 1) {
    const [was, is] = [old[position], now[position]];
    const child = tupleField(field, position);
    if (was !== undefined && is !== undefined) session.diffSlots(was, is, child);
    else if (is !== undefined) positionAdded(session, before, is, child);
    else if (was !== undefined) positionRemoved(session, after, was, child);
  }
  if (before.restItems !== undefined || after.restItems !== undefined) session.diffShapes(restShape(before), restShape(after), itemsField(field));
}

function diffUnique(session: DiffSession, before: Located<boolean> | undefined, after: Located<boolean> | undefined, field: FieldPath): void {
  if ((before === undefined) === (after === undefined)) return;
  const who = subject(field);
  if (after !== undefined) session.emit({ rule: 'unique-items-added', path: after.at, field, message: `items of ${who} must now be unique`, after: true });
  else if (before !== undefined) session.emit({ rule: 'unique-items-removed', path: before.at, field, message: `items of ${who} may now repeat`, before: true });
}

/** `contains` with `minContains` (default 1) and `maxContains` (default unlimited). */
function diffContains(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  const child = itemsField(field);
  const who = subject(field);
  if (before.contains === undefined && after.contains === undefined) return;
  if (before.contains === undefined && after.contains !== undefined) {
    session.emit({ rule: 'contains-added', path: after.contains.at, field: child, message: `${who} must now contain a matching item` });
    return;
  }
  if (after.contains === undefined && before.contains !== undefined) {
    session.emit({ rule: 'contains-removed', path: before.contains.at, field: child, message: `${who} no longer must contain a matching item` });
    return;
  }
  if (before.contains === undefined || after.contains === undefined) return;
  session.diffSlots(before.contains, after.contains, child);
  const [oldMin, nowMin] = [before.minContains?.value ?? 1, after.minContains?.value ?? 1];
  if (oldMin !== nowMin) {
    session.emit({
      rule: nowMin > oldMin ? 'min-contains-increased' : 'min-contains-decreased',
      path: after.minContains?.at ?? before.minContains?.at ?? after.contains.at,
      field: child,
      message: `${who} must contain at least ${nowMin} matching items instead of ${oldMin}`,
      before: oldMin,
      after: nowMin,
    });
  }
  const [oldMax, nowMax] = [before.maxContains?.value ?? Infinity, after.maxContains?.value ?? Infinity];
  if (oldMax !== nowMax) {
    session.emit({
      rule: nowMax < oldMax ? 'max-contains-decreased' : 'max-contains-increased',
      path: after.maxContains?.at ?? before.maxContains?.at ?? after.contains.at,
      field: child,
      message: `${who} may contain at most ${Number.isFinite(nowMax) ? nowMax : 'any number of'} matching items instead of ${Number.isFinite(oldMax) ? oldMax : 'any number'}`,
      before: before.maxContains?.value,
      after: after.maxContains?.value,
    });
  }
}

/** Array keywords: positional and further items, item counts, uniqueness and `contains`. */
export function diffArrays(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  diffItems(session, before, after, field);
  diffLimit(session, before.minItems, after.minItems, {
    keyword: 'minItems', added: 'min-items-added', removed: 'min-items-removed', increased: 'min-items-increased', decreased: 'min-items-decreased',
  }, field);
  diffLimit(session, before.maxItems, after.maxItems, {
    keyword: 'maxItems', added: 'max-items-added', removed: 'max-items-removed', increased: 'max-items-increased', decreased: 'max-items-decreased',
  }, field);
  diffUnique(session, before.uniqueItems, after.uniqueItems, field);
  diffContains(session, before, after, field);
}
