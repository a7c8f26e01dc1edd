/**
 * Record field paths as users read them: `customer.id`, `lines[].sku`, `pair[0]`, `attributes.*`.
 * `undefined` is the record itself.
 */
export type FieldPath = string | undefined;

/** The field of property `name` of `field`. */
export function propertyField(field: FieldPath, name: string): string {
  return field === undefined ? name : `${field}.${name}`;
}

/** The items of the array at `field`. */
export function itemsField(field: FieldPath): string {
  return `${field ?? ''}[]`;
}

/** One position of the tuple at `field`. */
export function tupleField(field: FieldPath, position: number): string {
  return `${field ?? ''}[${position}]`;
}

/** Properties the schema does not name (additional or pattern properties). */
export function otherPropertiesField(field: FieldPath): string {
  return propertyField(field, '*');
}

/** "field customer.id", or "the record" at the root: the subject of a change message. */
export function subject(field: FieldPath): string {
  return field === undefined ? 'the record' : `field ${field}`;
}
