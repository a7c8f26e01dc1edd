import { listFields } from '../contracts/index.js';
import type { JsonSchema } from '../contracts/index.js';

/** One record field as a model should read it: what it holds, whether it is always there, whether it is personal data. */
export interface FieldDescription {
  /** Dotted path: `customer.id`, `lines[].sku`. */
  readonly path: string;
  /** JSON types the field may have; empty when the schema leaves it open. */
  readonly types: readonly string[];
  readonly required: boolean;
  readonly pii: boolean;
  readonly format?: string;
  readonly description?: string;
  /** The schema's `examples` and `enum` of the field; never present for pii fields (see pii-redaction.ts). */
  readonly examples?: readonly unknown[];
  readonly allowed?: readonly unknown[];
}

type SchemaNode = { readonly [key: string]: unknown };

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function segmentsOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function nodeAt(root: JsonSchema, segments: readonly string[]): SchemaNode | undefined {
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isNode(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return isNode(node) ? node : undefined;
}

/** A keyword of the field's node, else of the definition its `$ref` points at (where a shared field keeps its description). */
function keywordOf(root: JsonSchema, node: SchemaNode | undefined, keyword: string): unknown {
  if (node === undefined) return undefined;
  if (node[keyword] !== undefined) return node[keyword];
  const ref = node['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  return nodeAt(root, segmentsOf(decodeURIComponent(ref.slice(1))))?.[keyword];
}

/** Whether the object schema holding the field (`.../properties/<name>`) lists it in `required`. */
function isRequired(root: JsonSchema, segments: readonly string[]): boolean {
  const name = segments.at(-1);
  if (name === undefined || segments.at(-2) !== 'properties') return false;
  const parent = nodeAt(root, segments.slice(0, -2));
  const required = parent?.['required'];
  return Array.isArray(required) && required.includes(name);
}

/**
 * The fields a record schema declares, in schema order, with their types, pii marks, formats,
 * descriptions, examples and allowed values, and whether the enclosing object requires them.
 * Pass a schema whose pii values are already redacted (redactPiiValues). `required` reads the `required`
 * list next to the field's `properties`; one added by an `allOf` branch elsewhere is not seen.
 * Throws ConcordError `too-large` for schemas past listFields' bounds.
 */
export function describeFields(schema: JsonSchema): FieldDescription[] {
  const described: FieldDescription[] = [];
  for (const [path, info] of listFields(schema)) {
    const segments = segmentsOf(info.pointer);
    const node = nodeAt(schema, segments);
    const description = keywordOf(schema, node, 'description');
    const examples = keywordOf(schema, node, 'examples');
    const allowed = keywordOf(schema, node, 'enum');
    described.push({
      path,
      types: [...info.types].sort(),
      required: isRequired(schema, segments),
      pii: info.pii === true,
      ...(info.format !== undefined ? { format: info.format } : {}),
      ...(typeof description === 'string' ? { description } : {}),
      // Checked again here: a pii mark can reach a field through combinators the redaction walked past.
      ...(Array.isArray(examples) && info.pii !== true ? { examples } : {}),
      ...(Array.isArray(allowed) && info.pii !== true ? { allowed } : {}),
    });
  }
  return described;
}
