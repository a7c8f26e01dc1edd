import type { DiffSession } from './diff-session.js';
import { propertyField, subject } from './field-path.js';
import type { FieldPath } from './field-path.js';
import { diffLimit } from './limit-diff.js';
import { shapeOf, slotShape } from './schema-normalize.js';
import type { Shape } from './schema-shape.js';
import { acceptsEverything } from './shape-relations.js';
import type { ChangeRuleId } from '../rules/catalog.js';

/** Emits `rule` for each (k, n) constraint of `from` that `to` lacks. */
function reportDependentRequired(session: DiffSession, from: Shape, to: Shape, field: FieldPath, rule: ChangeRuleId, verb: string): void {
  for (const [key, names] of from.dependentRequired) {
    for (const [name, at] of names) {
      if (to.dependentRequired.get(key)?.has(name) === true) continue;
      const child = propertyField(field, key);
      session.emit({ rule, path: at, field: child, message: `when ${child} is present, ${propertyField(field, name)} ${verb}`, after: name });
    }
  }
}

/** "If property k is present, property n is required": each (k, n) pair is one constraint. */
function diffDependentRequired(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  reportDependentRequired(session, after, before, field, 'dependent-required-added', 'is now required too');
  reportDependentRequired(session, before, after, field, 'dependent-required-removed', 'is no longer required too');
}

function diffDependentSchemas(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  for (const [key, entry] of after.dependentSchemas) {
    const old = before.dependentSchemas.get(key);
    const child = propertyField(field, key);
    if (old !== undefined) session.diffSlots(old, entry, field);
    else if (!acceptsEverything(slotShape(entry))) {
      session.emit({ rule: 'dependent-schema-added', path: entry.at, field: child, message: `when ${child} is present, ${subject(field)} must now also match a dependent schema` });
    }
  }
  for (const [key, entry] of before.dependentSchemas) {
    if (after.dependentSchemas.has(key) || acceptsEverything(slotShape(entry))) continue;
    const child = propertyField(field, key);
    session.emit({ rule: 'dependent-schema-removed', path: entry.at, field: child, message: `when ${child} is present, ${subject(field)} no longer must match a dependent schema` });
  }
}

/** Object-wide limits: property counts, `propertyNames` and property dependencies. */
export function diffObjectConstraints(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  diffLimit(session, before.minProperties, after.minProperties, {
    keyword: 'minProperties', added: 'min-properties-added', removed: 'min-properties-removed', increased: 'min-properties-increased', decreased: 'min-properties-decreased',
  }, field);
  diffLimit(session, before.maxProperties, after.maxProperties, {
    keyword: 'maxProperties', added: 'max-properties-added', removed: 'max-properties-removed', increased: 'max-properties-increased', decreased: 'max-properties-decreased',
  }, field);
  if (before.propertyNames !== undefined || after.propertyNames !== undefined) {
    const at = (after.propertyNames ?? before.propertyNames)?.at ?? after.at;
    session.diffShapes(shapeOf(before.propertyNames?.nodes ?? [], at), shapeOf(after.propertyNames?.nodes ?? [], at), field);
  }
  diffDependentRequired(session, before, after, field);
  diffDependentSchemas(session, before, after, field);
}
