import { splitPointer, valueAtPointer, listFields } from '../../contracts/index.js';
import type { JsonSchema } from '../../contracts/index.js';

/**
 * Most fields one schema tree shows. A thousand rows is already far past what anyone reads on a
 * screen, while a generated schema may list tens of thousands; past this the page stops growing
 * and says how many fields it left out.
 */
export const MAX_TREE_FIELDS = 1_000;

/**
 * Most `$ref` hops followed to gather one field's facets. Refs to refs are rare and short in real
 * schemas; the bound only keeps a ref cycle from looping.
 */
const MAX_REF_HOPS = 8;

/** One record field as the contract page shows it. */
export interface TreeField {
  /** The name under its parent (`sku`), or the whole path for top-level fields. */
  readonly name: string;
  /** Dotted path as consumers declare it (`items[].sku`). */
  readonly path: string;
  /** True when this field sits in each item of an array field (its parent). */
  readonly inArrayItems: boolean;
  /** JSON types; empty when any type is allowed. */
  readonly types: readonly string[];
  readonly required: boolean;
  readonly pii: boolean;
  readonly deprecated: boolean;
  readonly description?: string;
  readonly format?: string;
  readonly enumValues?: readonly unknown[];
  /** Other limits, readable: `minimum 1`, `pattern ^ord_…$`. */
  readonly constraints: readonly string[];
  readonly children: readonly TreeField[];
}

export interface SchemaTree {
  readonly fields: readonly TreeField[];
  /** Fields the schema declares, shown or not. */
  readonly total: number;
  readonly shown: number;
}

type SchemaObject = { readonly [key: string]: unknown };

const isObject = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const CONSTRAINT_KEYS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'const',
  'default',
] as const;

/** The subschema at `pointer` with what its internal `$ref`s and `allOf` parts add, nearest first. */
function partsAt(root: JsonSchema, pointer: string): SchemaObject[] {
  const parts: SchemaObject[] = [];
  let node = valueAtPointer(root, pointer);
  for (let hop = 0; hop <= MAX_REF_HOPS && isObject(node); hop += 1) {
    parts.push(node, ...(Array.isArray(node['allOf']) ? node['allOf'].filter(isObject) : []));
    const ref = node['$ref'];
    node = typeof ref === 'string' && ref.startsWith('#') ? valueAtPointer(root, ref) : undefined;
  }
  return parts;
}

function first(parts: readonly SchemaObject[], key: string): unknown {
  return parts.find((part) => part[key] !== undefined)?.[key];
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/** Where the object holding a property is written, and the property's name, from the property's pointer. */
function ownerOf(pointer: string): { readonly parent: string; readonly name: string } | undefined {
  const segments = splitPointer(pointer);
  if (segments === undefined || segments.length < 2 || segments.at(-2) !== 'properties') return undefined;
  const parent = pointer.slice(0, pointer.lastIndexOf('/', pointer.lastIndexOf('/') - 1));
  return { parent, name: segments.at(-1)! };
}

interface Building extends Omit<TreeField, 'children'> {
  readonly children: Building[];
}

/**
 * The record schema as a tree of fields (from `listFields`, so `$ref`s, `allOf` and array items
 * are followed), each with its types, requiredness, pii mark, description, enum and constraints.
 * At most {@link MAX_TREE_FIELDS} fields, in schema order. Throws what `listFields` throws for
 * schemas past its limits.
 */
export function schemaTree(schema: JsonSchema): SchemaTree {
  const listed = [...listFields(schema)];
  const roots: Building[] = [];
  const open: Building[] = [];
  for (const [path, info] of listed.slice(0, MAX_TREE_FIELDS)) {
    while (open.length > 0 && !path.startsWith(`${open.at(-1)!.path}.`) && !path.startsWith(`${open.at(-1)!.path}[].`)) open.pop();
    const parent = open.at(-1);
    const rest = parent === undefined ? path : path.slice(parent.path.length);
    const inArrayItems = rest.startsWith('[].');
    const owner = ownerOf(info.pointer);
    const parts = partsAt(schema, info.pointer);
    const required = owner !== undefined && partsAt(schema, owner.parent).some((part) => Array.isArray(part['required']) && part['required'].includes(owner.name));
    const description = first(parts, 'description');
    const format = info.format ?? first(parts, 'format');
    const enumValues = first(parts, 'enum');
    const field: Building = {
      name: owner?.name ?? rest.replace(/^(\[\])?\./, ''),
      path,
      inArrayItems,
      types: [...info.types].sort(),
      required,
      pii: info.pii === true,
      deprecated: first(parts, 'deprecated') === true,
      ...(typeof description === 'string' ? { description } : {}),
      ...(typeof format === 'string' ? { format } : {}),
      ...(Array.isArray(enumValues) ? { enumValues } : {}),
      constraints: CONSTRAINT_KEYS.flatMap((key) => {
        const value = first(parts, key);
        return value === undefined ? [] : [`${key} ${describe(value)}`];
      }),
      children: [],
    };
    (parent === undefined ? roots : parent.children).push(field);
    open.push(field);
  }
  return { fields: roots, total: listed.length, shown: Math.min(listed.length, MAX_TREE_FIELDS) };
}
