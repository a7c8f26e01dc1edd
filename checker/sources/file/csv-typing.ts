import type { JsonSchema } from '../../../contracts/index.js';

/** JSON types a column may hold, from the contract schema; undefined when the schema says nothing. */
export type ColumnTypes = ReadonlySet<string> | undefined;

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN: Readonly<Record<string, boolean>> = { true: true, false: false };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a local `#/...` ref of the bundled schema; other refs are left unresolved. */
function resolveLocal(root: JsonSchema, node: unknown, hops = 0): unknown {
  if (!isObject(node) || typeof node.$ref !== 'string' || !node.$ref.startsWith('#/') || hops > 16) return node;
  let at: unknown = root;
  for (const raw of node.$ref.slice(2).split('/')) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    at = isObject(at) ? at[token] : undefined;
  }
  return resolveLocal(root, at, hops + 1);
}

function typesOf(root: JsonSchema, node: unknown): Set<string> | undefined {
  const schema = resolveLocal(root, node);
  if (!isObject(schema)) return undefined;
  const found = new Set<string>();
  if (typeof schema.type === 'string') found.add(schema.type);
  if (Array.isArray(schema.type)) for (const t of schema.type) if (typeof t === 'string') found.add(t);
  if (schema.nullable === true) found.add('null');
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const branch of branches) for (const t of typesOf(root, branch) ?? []) found.add(t);
  }
  if (Array.isArray(schema.enum)) for (const value of schema.enum) found.add(value === null ? 'null' : typeof value);
  return found.size === 0 ? undefined : found;
}

/** The declared JSON types of each top-level property of the record schema, by column name. */
export function columnTypesFromSchema(schema: JsonSchema | undefined): (column: string) => ColumnTypes {
  const root = resolveLocal(schema ?? {}, schema);
  const properties = isObject(root) && isObject(root.properties) ? root.properties : {};
  const cache = new Map<string, ColumnTypes>();
  return (column) => {
    if (!cache.has(column)) cache.set(column, Object.hasOwn(properties, column) ? typesOf(schema ?? {}, properties[column]) : undefined);
    return cache.get(column);
  };
}

/**
 * Types one CSV cell by the column's declared types, trying integer, number, boolean, then
 * object/array (JSON text), and keeping the text when none fits, so a wrongly typed value
 * still reaches the validator and is reported as drift:
 * - an empty cell is `null` when the type allows null, otherwise absent (`undefined`);
 * - `integer`: optional sign and digits, as a number when it is a safe integer;
 * - `number`: decimal or exponent notation;
 * - `boolean`: `true`/`false` in any letter case;
 * - undeclared columns and `string` columns stay text.
 */
export function typeCell(text: string, types: ColumnTypes): unknown {
  if (text === '') return types?.has('null') === true ? null : undefined;
  if (types === undefined) return text;
  if ((types.has('integer') || types.has('number')) && INTEGER.test(text)) {
    const value = Number(text);
    if (Number.isSafeInteger(value)) return value;
  }
  if (types.has('number') && NUMBER.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value)) return value;
  }
  if (types.has('boolean')) {
    const value = BOOLEAN[text.toLowerCase()];
    if (value !== undefined) return value;
  }
  if (types.has('null') && text === 'null' && !types.has('string')) return null;
  if ((types.has('object') && text.startsWith('{')) || (types.has('array') && text.startsWith('['))) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
