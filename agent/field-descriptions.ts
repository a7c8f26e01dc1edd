import { splitPointer, listFields } from '../contracts/index.js';
import type { JsonSchema } from '../contracts/index.js';

/** One record field as an agent (or the LLM driving it) reads it. */
export interface FieldDescription {
  /** Dotted path, `[]` for array items (`items[].sku`). */
  readonly field: string;
  /** JSON types allowed; empty when the schema does not constrain the type. */
  readonly type: readonly string[];
  readonly required: boolean;
  readonly pii: boolean;
  readonly description?: string;
  readonly format?: string;
}

function at(schema: JsonSchema, pointer: string | undefined): Readonly<Record<string, unknown>> | undefined {
  if (pointer === undefined) return undefined;
  let node: unknown = schema;
  for (const segment of splitPointer(pointer) ?? []) {
    node = node !== null && typeof node === 'object' ? (node as Readonly<Record<string, unknown>>)[segment] : undefined;
  }
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Readonly<Record<string, unknown>>) : undefined;
}

/** The parent field of `items[].sku` is `items[]`, of `customer.id` is `customer`, of a top-level field the record. */
function parentOf(field: string): { readonly parent: string; readonly name: string } {
  const dot = field.lastIndexOf('.');
  return dot === -1 ? { parent: '', name: field } : { parent: field.slice(0, dot), name: field.slice(dot + 1) };
}

/** Where the object declaring a parent's members is written; `lines[]` means the items of `lines`. */
function containerPointer(fields: ReturnType<typeof listFields>, parent: string): string | undefined {
  if (!parent.endsWith('[]')) return fields.get(parent)?.pointer;
  const array = fields.get(parent.slice(0, -2))?.pointer;
  return array === undefined ? undefined : `${array}/items`;
}

/**
 * The fields of a record schema with type, required, pii, description and format. Fields come
 * from the same listing the registry's impact analysis uses (listFields); `required` reads the
 * `required` list of the object that declares the field, so a field made required only inside an
 * `allOf` branch counts as optional here.
 */
export function describeFields(schema: JsonSchema): FieldDescription[] {
  const fields = listFields(schema);
  const described: FieldDescription[] = [];
  for (const [field, info] of fields) {
    if (field.endsWith('[]')) continue;
    const own = at(schema, info.pointer);
    const { parent, name } = parentOf(field);
    const container = parent === '' ? at(schema, '') : at(schema, containerPointer(fields, parent));
    const required = Array.isArray(container?.['required']) && (container['required'] as readonly unknown[]).includes(name);
    const description = typeof own?.['description'] === 'string' ? own['description'] : undefined;
    described.push({
      field,
      type: [...info.types],
      required,
      pii: info.pii === true,
      ...(description === undefined ? {} : { description }),
      ...(info.format === undefined ? {} : { format: info.format }),
    });
  }
  return described;
}
