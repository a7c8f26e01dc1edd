import { appendPointer } from './schema-document.js';
import { breaksOf } from './diff-session.js';
import type { DiffSession } from './diff-session.js';
import { otherPropertiesField, propertyField, subject } from './field-path.js';
import type { FieldPath } from './field-path.js';
import { slotShape } from './schema-normalize.js';
import type { Shape, Slot } from './schema-shape.js';
import { acceptsEverything, contentModel, isUnsatisfiable, patternMayMatch } from './shape-relations.js';

/**
 * The object content model: `properties`, `patternProperties`, `additionalProperties` (or
 * `unevaluatedProperties`) and `required`. A property name is governed by its declaration plus
 * every matching pattern; an undeclared name by the matching patterns, or else by the additional
 * schema (absent: open, anything goes; `false`: closed).
 */

function matchingPatterns(shape: Shape, name: string): Slot[] {
  return [...shape.patternProperties].filter(([pattern]) => patternMayMatch(pattern, name)).map(([, entry]) => entry);
}

function additionalSlot(shape: Shape): Slot {
  return shape.additional ?? { nodes: [], at: appendPointer(shape.at, 'additionalProperties') };
}

/** What applies to `name` when the shape does not declare it. */
function undeclared(shape: Shape, name: string): Slot {
  const patterns = matchingPatterns(shape, name);
  const [first] = patterns;
  if (first === undefined) return additionalSlot(shape);
  return { nodes: patterns.flatMap((entry) => entry.nodes), at: first.at };
}

/** What applies to the declared `name`: its own schema, joined by any matching patterns. */
function declared(shape: Shape, name: string, entry: Slot): Slot {
  // The entry itself when no pattern applies, so its memoized shape is reused.
  if (shape.patternProperties.size === 0) return entry;
  const patterns = matchingPatterns(shape, name);
  return patterns.length === 0 ? entry : { nodes: [...entry.nodes, ...patterns.flatMap((pattern) => pattern.nodes)], at: entry.at };
}

/** Whether any undeclared property may hold anything: no patterns and no additional schema. */
function plainlyOpen(shape: Shape): boolean {
  return shape.patternProperties.size === 0 && shape.additional === undefined;
}

function propertyAdded(session: DiffSession, before: Shape, after: Shape, name: string, entry: Slot, field: string): void {
  const now = slotShape(declared(after, name, entry));
  // The common case, an open object gaining a property, needs no shape for the old side.
  if (plainlyOpen(before)) {
    if (!acceptsEverything(now)) session.emit({ rule: 'property-added-to-open-model', path: entry.at, field, message: `property ${field} was declared; old records may hold other values under that name, since the object allowed any property` });
    return;
  }
  const old = slotShape(undeclared(before, name));
  const model = contentModel(old);
  if (model === 'open') {
    if (acceptsEverything(now)) return;
    session.emit({ rule: 'property-added-to-open-model', path: entry.at, field, message: `property ${field} was declared; old records may hold other values under that name, since the object allowed any property` });
  } else if (model === 'closed') {
    if (isUnsatisfiable(now)) return;
    session.emit({ rule: 'property-added-to-closed-model', path: entry.at, field, message: `property ${field} was added to a closed object; readers of the old version reject records that carry it` });
  } else {
    const changes = session.probe(old, now, field);
    if (breaksOf(changes) === 'none') {
      session.emit({ rule: 'property-added-covered', path: entry.at, field, message: `property ${field} was declared with the rules that already applied to it` });
    } else {
      session.emitAll(changes);
    }
  }
}

function propertyRemoved(session: DiffSession, before: Shape, after: Shape, name: string, entry: Slot, field: string): void {
  const old = slotShape(declared(before, name, entry));
  if (plainlyOpen(after)) {
    if (!acceptsEverything(old)) session.emit({ rule: 'property-removed-from-open-model', path: entry.at, field, message: `property ${field} was removed; the object is open, so new records may hold any value under that name` });
    return;
  }
  const now = slotShape(undeclared(after, name));
  const model = contentModel(now);
  if (model === 'open') {
    if (acceptsEverything(old)) return;
    session.emit({ rule: 'property-removed-from-open-model', path: entry.at, field, message: `property ${field} was removed; the object is open, so new records may hold any value under that name` });
  } else if (model === 'closed') {
    if (isUnsatisfiable(old)) return;
    session.emit({ rule: 'property-removed-from-closed-model', path: entry.at, field, message: `property ${field} was removed from a closed object; old records that carry it are rejected` });
  } else {
    const changes = session.probe(old, now, field);
    if (breaksOf(changes) === 'none') {
      session.emit({ rule: 'property-removed-covered', path: entry.at, field, message: `property ${field} was removed, and the same rules still apply to it through additionalProperties or patternProperties` });
    } else {
      session.emitAll(changes);
    }
  }
}

function diffDeclared(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  // forEach rather than for-of over entries: no [name, entry] pair is allocated per property,
  // which a transitive check pays for every property of every earlier version.
  after.properties.forEach((entry, name) => {
    const old = before.properties.get(name);
    const child = propertyField(field, name);
    if (old !== undefined) session.diffSlots(old, entry, child);
    else propertyAdded(session, before, after, name, entry, child);
  });
  before.properties.forEach((entry, name) => {
    if (!after.properties.has(name)) propertyRemoved(session, before, after, name, entry, propertyField(field, name));
  });
}

function diffRequired(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  for (const [name, at] of after.required) {
    if (before.required.has(name)) continue;
    const child = propertyField(field, name);
    session.emit({ rule: 'required-added', path: at, field: child, message: `field ${child} is now required: old records without it are rejected` });
  }
  for (const [name, at] of before.required) {
    if (after.required.has(name)) continue;
    const child = propertyField(field, name);
    session.emit({ rule: 'required-removed', path: at, field: child, message: `field ${child} is no longer required: new records may lack it` });
  }
}

function diffAdditional(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  if (before.additional === undefined && after.additional === undefined) return;
  const oldSlot = additionalSlot(before);
  const nowSlot = additionalSlot(after);
  const old = slotShape(oldSlot);
  const now = slotShape(nowSlot);
  const [from, to] = [contentModel(old), contentModel(now)];
  const child = otherPropertiesField(field);
  const who = subject(field);
  if (from === to && from !== 'schema') return;
  if (from === 'open') {
    const rule = to === 'closed' ? 'additional-properties-disallowed' : 'additional-properties-narrowed';
    const how = to === 'closed' ? 'no longer allows undeclared properties' : 'now limits undeclared properties to a schema';
    session.emit({ rule, path: nowSlot.at, field: child, message: `${who} ${how}; old records with other properties may be rejected` });
  } else if (from === 'closed') {
    session.emit({ rule: 'additional-properties-allowed', path: nowSlot.at, field: child, message: `${who} now allows undeclared properties, which readers of the old version reject` });
  } else {
    session.diffShapes(old, now, child);
  }
}

/** Names declared in both versions that the pattern may match: a pattern change applies to them too. */
function overlapsDeclared(before: Shape, after: Shape, pattern: string): boolean {
  return [...after.properties.keys()].some((name) => before.properties.has(name) && patternMayMatch(pattern, name));
}

function patternAdded(session: DiffSession, before: Shape, after: Shape, pattern: string, entry: Slot, parent: FieldPath): void {
  const field = otherPropertiesField(parent);
  const schema = slotShape(entry);
  const additional = slotShape(additionalSlot(before));
  const model = contentModel(additional);
  if (model === 'open' && !acceptsEverything(schema)) {
    session.emit({ rule: 'pattern-property-added-to-open-model', path: entry.at, field, message: `properties of ${subject(parent)} matching /${pattern}/ are now limited by a schema` });
  } else if (model === 'closed' && !isUnsatisfiable(schema)) {
    session.emit({ rule: 'pattern-property-added-to-closed-model', path: entry.at, field, message: `properties of ${subject(parent)} matching /${pattern}/ are now allowed, though the object is closed` });
  } else if (model === 'schema') {
    session.emitAll(session.probe(additional, schema, field));
  }
  const others = before.patternProperties.size > (before.patternProperties.has(pattern) ? 1 : 0);
  if (!acceptsEverything(schema) && (others || overlapsDeclared(before, after, pattern))) {
    session.emit({ rule: 'pattern-property-overlap-added', path: entry.at, field, message: `pattern property /${pattern}/ may also constrain properties that other rules covered before` });
  }
}

function patternRemoved(session: DiffSession, before: Shape, after: Shape, pattern: string, entry: Slot, parent: FieldPath): void {
  const field = otherPropertiesField(parent);
  const schema = slotShape(entry);
  const additional = slotShape(additionalSlot(after));
  const model = contentModel(additional);
  if (model === 'open' && !acceptsEverything(schema)) {
    session.emit({ rule: 'pattern-property-removed-from-open-model', path: entry.at, field, message: `properties of ${subject(parent)} matching /${pattern}/ may now hold any value` });
  } else if (model === 'closed' && !isUnsatisfiable(schema)) {
    session.emit({ rule: 'pattern-property-removed-from-closed-model', path: entry.at, field, message: `properties of ${subject(parent)} matching /${pattern}/ are no longer allowed in a closed object` });
  } else if (model === 'schema') {
    session.emitAll(session.probe(schema, additional, field));
  }
  if (!acceptsEverything(schema) && (after.patternProperties.size > 0 || overlapsDeclared(before, after, pattern))) {
    session.emit({ rule: 'pattern-property-overlap-removed', path: entry.at, field, message: `pattern property /${pattern}/ no longer constrains properties that other rules still cover` });
  }
}

function diffPatternProperties(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  const child = otherPropertiesField(field);
  for (const [pattern, entry] of after.patternProperties) {
    const old = before.patternProperties.get(pattern);
    if (old !== undefined) session.diffSlots(old, entry, child);
    else patternAdded(session, before, after, pattern, entry, field);
  }
  for (const [pattern, entry] of before.patternProperties) {
    if (!after.patternProperties.has(pattern)) patternRemoved(session, before, after, pattern, entry, field);
  }
}

/** Declared, pattern and additional properties, and `required`. */
export function diffObjectModel(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  diffDeclared(session, before, after, field);
  diffRequired(session, before, after, field);
  diffPatternProperties(session, before, after, field);
  diffAdditional(session, before, after, field);
}
