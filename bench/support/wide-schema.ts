import type { Prng } from './prng.js';
import { createPrng } from './prng.js';

/**
 * Wide record schemas, like the feed of a big warehouse table: thousands of top-level fields of
 * mixed types and constraints, and an edited copy in which a few percent of the fields changed
 * the way real releases change them.
 */

export type SchemaObject = { [key: string]: unknown };

export type PropertyChange = 'removed' | 'added' | 'tightened' | 'loosened' | 'type-changed' | 'enum-edited';

export const PROPERTY_CHANGES: readonly PropertyChange[] = Object.freeze([
  'removed',
  'added',
  'tightened',
  'loosened',
  'type-changed',
  'enum-edited',
]);

export interface WidePair {
  readonly before: SchemaObject;
  readonly after: SchemaObject;
  /** The top-level properties the edit touched, and how: the truth both engines are held to. */
  readonly changed: ReadonlyMap<string, PropertyChange>;
}

export interface WidePairOptions {
  /** Top-level properties of the schema before the edit. Default 2,000. */
  readonly properties?: number;
  /** Share of properties the edit changes. Default 0.03. */
  readonly changeShare?: number;
  /** Seed of the generator. Default 1. */
  readonly seed?: number;
}

type FieldKind = 'text' | 'code' | 'date' | 'slug' | 'count' | 'amount' | 'flag' | 'note' | 'tags' | 'address';

const FIELD_KINDS: readonly FieldKind[] = ['text', 'code', 'date', 'slug', 'count', 'amount', 'flag', 'note', 'tags', 'address'];
const NOUNS = ['customer', 'order', 'item', 'payment', 'shipment', 'invoice', 'account', 'store', 'campaign', 'device'];
const CODES = ['new', 'open', 'paid', 'shipped', 'returned', 'closed', 'eu', 'us', 'apac', 'web', 'app', 'pos'];

/** Which edits make sense for a field kind, beside removal. */
const EDITS_BY_KIND: Readonly<Record<FieldKind, readonly PropertyChange[]>> = {
  text: ['tightened', 'loosened', 'type-changed'],
  code: ['enum-edited', 'type-changed'],
  date: ['type-changed'],
  slug: ['tightened', 'loosened'],
  count: ['tightened', 'loosened', 'type-changed'],
  amount: ['tightened', 'loosened'],
  flag: ['type-changed'],
  note: ['tightened', 'loosened'],
  tags: ['tightened', 'loosened'],
  address: [],
};

function fieldSchema(kind: FieldKind, prng: Prng): SchemaObject {
  switch (kind) {
    case 'text':
      return { type: 'string', minLength: 1, maxLength: prng.int(2, 20) * 10 };
    case 'code':
      return { type: 'string', enum: [...new Set(Array.from({ length: prng.int(3, 6) }, () => prng.pick(CODES)))] };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'slug':
      return { type: 'string', pattern: '^[a-z0-9-]+$', maxLength: 64 };
    case 'count':
      return { type: 'integer', minimum: 0, maximum: prng.int(1, 1000) * 1000 };
    case 'amount':
      return { type: 'number', minimum: 0, exclusiveMaximum: 1_000_000 };
    case 'flag':
      return { type: 'boolean' };
    case 'note':
      return { type: ['string', 'null'], maxLength: 500 };
    case 'tags':
      return { type: 'array', items: { type: 'string', maxLength: 32 }, maxItems: 10 };
    case 'address':
      return {
        type: 'object',
        properties: { street: { type: 'string' }, city: { type: 'string', minLength: 1 }, postcode: { type: 'string', maxLength: 10 } },
        required: ['city'],
      };
  }
}

function edited(schema: SchemaObject, kind: FieldKind, change: PropertyChange, prng: Prng): SchemaObject {
  const copy: SchemaObject = JSON.parse(JSON.stringify(schema)) as SchemaObject;
  const factor = change === 'tightened' ? 0.5 : 2;
  if (change === 'type-changed') return kind === 'count' ? { type: 'string' } : { type: 'integer' };
  if (change === 'enum-edited') {
    const values = copy['enum'] as string[];
    return { ...copy, enum: prng.chance(0.5) && values.length > 1 ? values.slice(1) : [...values, 'archived'] };
  }
  if (kind === 'count') copy['maximum'] = (copy['maximum'] as number) * factor;
  else if (kind === 'amount') copy['exclusiveMaximum'] = (copy['exclusiveMaximum'] as number) * factor;
  else if (kind === 'tags') copy['maxItems'] = Math.round((copy['maxItems'] as number) * factor);
  else copy['maxLength'] = Math.round((copy['maxLength'] as number) * factor);
  return copy;
}

/** A pair of closed wide schemas and the truth of what changed between them. */
export function buildWidePair(options: WidePairOptions = {}): WidePair {
  const count = options.properties ?? 2000;
  const prng = createPrng(options.seed ?? 1);
  const kinds = new Map<string, FieldKind>();
  const beforeProperties: SchemaObject = {};
  const required: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const kind = FIELD_KINDS[index % FIELD_KINDS.length] as FieldKind;
    const name = `${prng.pick(NOUNS)}_${kind}_${index}`;
    kinds.set(name, kind);
    beforeProperties[name] = fieldSchema(kind, prng);
    if (prng.chance(0.3)) required.push(name);
  }
  const afterProperties: SchemaObject = { ...beforeProperties };
  const changed = new Map<string, PropertyChange>();
  const names = prng.shuffle([...kinds.keys()]);
  const target = Math.round(count * (options.changeShare ?? 0.03));
  for (let step = 0; changed.size < target && step < names.length; step += 1) {
    const change = PROPERTY_CHANGES[changed.size % PROPERTY_CHANGES.length] as PropertyChange;
    if (change === 'added') {
      const name = `added_${prng.pick(NOUNS)}_${changed.size}`;
      afterProperties[name] = fieldSchema(prng.pick(FIELD_KINDS), prng);
      changed.set(name, change);
      continue;
    }
    const name = names.find((candidate) => !changed.has(candidate) && (change === 'removed' || EDITS_BY_KIND[kinds.get(candidate) as FieldKind].includes(change)));
    if (name === undefined) break;
    if (change === 'removed') delete afterProperties[name];
    else afterProperties[name] = edited(beforeProperties[name] as SchemaObject, kinds.get(name) as FieldKind, change, prng);
    changed.set(name, change);
  }
  const schema = (properties: SchemaObject): SchemaObject => ({
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties,
    required: required.filter((name) => name in properties),
    additionalProperties: false,
  });
  return { before: schema(beforeProperties), after: schema(afterProperties), changed };
}
