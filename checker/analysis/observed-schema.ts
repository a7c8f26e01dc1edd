import type { JsonSchema } from '../../contracts/index.js';
import { listFields } from '../../contracts/index.js';
import type { FeedProfile, FieldProfile, ViolationGroup } from '../model.js';
import { constraintsAt } from './contract-constraints.js';
import { EPOCH_MILLIS, EPOCH_SECONDS } from './format-tests.js';

export interface ObservedSchemaOptions {
  /**
   * The contract's record schema. When given, each declared field also carries the contract's
   * value keywords (enum, pattern, bounds, format, ...) that no analyzed record failed (by
   * `violations`), so comparing the two shows drift only where the data really differs.
   */
  readonly contractSchema?: JsonSchema;
  readonly violations?: readonly ViolationGroup[];
  /** Objects (by field, `''` for the record) whose fields were not all profiled: they stay open. */
  readonly openFields?: ReadonlySet<string>;
}

interface Node {
  readonly profile: FieldProfile | undefined;
  readonly children: Map<string, Node>;
  items: Node | undefined;
}

/** Type order in emitted schemas, so the same profile always gives the same text. */
const TYPE_ORDER = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'] as const;

/** Probed formats by preference when several matched every string (`date` strings are never `date-time`, but a uuid may be a uri). */
const FORMAT_PREFERENCE = ['date-time', 'date', 'uuid', 'email', 'uri'];

function buildTree(fields: readonly FieldProfile[]): Node {
  const root: Node = { profile: undefined, children: new Map(), items: undefined };
  const byField = new Map<string, Node>([['', root]]);
  for (const profile of fields) {
    if (profile.present === 0) continue;
    const node: Node = { profile, children: new Map(), items: undefined };
    const field = profile.field;
    if (field.endsWith('[]')) {
      const parent = byField.get(field.slice(0, -2));
      if (parent === undefined) continue;
      parent.items = node;
    } else {
      const dot = field.lastIndexOf('.');
      const parent = dot < 0 ? root : byField.get(field.slice(0, dot));
      // A name that itself holds a dot has no parent by that split: it belongs to the record.
      if (parent === undefined) root.children.set(field, node);
      else parent.children.set(field.slice(dot + 1), node);
    }
    byField.set(field, node);
  }
  return root;
}

function typesOf(profile: FieldProfile): string[] {
  const seen = new Set(Object.keys(profile.types).filter((type) => (profile.types[type] ?? 0) > 0));
  // Every integer is a number: one `number` says both.
  if (seen.has('number')) seen.delete('integer');
  return TYPE_ORDER.filter((type) => seen.has(type));
}

function observedFormat(profile: FieldProfile): string | undefined {
  const strings = profile.types['string'] ?? 0;
  if (strings === 0 || profile.formats === undefined) return undefined;
  const full = Object.entries(profile.formats)
    .filter(([name, counts]) => name !== EPOCH_SECONDS && name !== EPOCH_MILLIS && counts.tested === strings && counts.matched === strings)
    .map(([name]) => name);
  return FORMAT_PREFERENCE.find((name) => full.includes(name)) ?? full[0];
}

interface Context {
  readonly options: ObservedSchemaOptions;
  readonly pointers: ReadonlyMap<string, string>;
  readonly violated: ReadonlySet<string>;
}

function objectPart(node: Node, field: string, objects: number, context: Context): Record<string, unknown> {
  const properties: [string, JsonSchema][] = [];
  const required: string[] = [];
  for (const [name, child] of node.children) {
    const childField = child.profile!.field;
    properties.push([name, schemaOf(child, childField, context)]);
    if (child.profile!.present === objects) required.push(name);
  }
  return {
    // `fromEntries` defines members: a field named `__proto__` is assigned as a property, not a prototype.
    properties: Object.fromEntries(properties),
    ...(required.length > 0 ? { required } : {}),
    // Every property the records used is listed, so undeclared ones were never seen: closed is the truth.
    ...(context.options.openFields?.has(field) === true ? {} : { additionalProperties: false }),
  };
}

function carried(field: string, context: Context): Record<string, unknown> {
  const schema = context.options.contractSchema;
  const pointer = field === '' ? '' : context.pointers.get(field);
  if (schema === undefined || pointer === undefined) return {};
  return Object.fromEntries([...constraintsAt(schema, pointer)].filter(([keyword]) => !context.violated.has(`${field}\u0000${keyword}`)));
}

function schemaOf(node: Node, field: string, context: Context): JsonSchema {
  const profile = node.profile!;
  const types = typesOf(profile);
  const schema: Record<string, unknown> = { type: types.length === 1 ? types[0] : types };
  if (types.includes('object')) Object.assign(schema, objectPart(node, field, profile.types['object'] ?? 0, context));
  if (types.includes('array')) schema['items'] = node.items !== undefined ? schemaOf(node.items, `${field}[]`, context) : false;
  const format = observedFormat(profile);
  if (format !== undefined) schema['format'] = format;
  return { ...schema, ...carried(field, context) };
}

/**
 * A JSON Schema the analyzed records satisfy, from their profile: per field the JSON types seen
 * (`integer` alone when no fractional number was seen; `null` when nulls were), objects with the
 * properties seen, `required` for those present in every object, closed with
 * `additionalProperties: false` (unless listed in `openFields`), array items (`false` when every
 * array was empty), and a `format` only when every string matched it. No `enum` from the values
 * seen: a value not seen yet is not a value refused. With `contractSchema`, the contract's value
 * keywords that held are carried over (see ObservedSchemaOptions).
 *
 * Compare it as the new version against the contract as the old one in `forward` direction:
 * breaking changes are ways the data is not what the contract's consumers accept. Field names
 * holding `.` or ending in `[]` are read as nesting, as everywhere field paths are used.
 */
export function observedSchema(profile: Pick<FeedProfile, 'records' | 'fields'>, options: ObservedSchemaOptions = {}): JsonSchema {
  const pointers = new Map<string, string>();
  if (options.contractSchema !== undefined) {
    for (const [field, info] of listFields(options.contractSchema)) pointers.set(field, info.pointer);
  }
  const violated = new Set((options.violations ?? []).map((group) => `${group.field ?? ''}\u0000${group.keyword}`));
  const context: Context = { options, pointers, violated };
  const root = buildTree(profile.fields);
  const dialect = typeof options.contractSchema === 'object' ? options.contractSchema['$schema'] : undefined;
  return {
    ...(dialect !== undefined ? { $schema: dialect } : {}),
    type: 'object',
    ...objectPart(root, '', profile.records, context),
    ...carried('', context),
  };
}
