import type { Compatibility, Contract, JsonSchema } from '../../contracts/model.js';
import type { Prng } from './prng.js';
import { createPrng } from './prng.js';
import type { SchemaObject } from './wide-schema.js';

/**
 * The version history of a busy contract: an orders feed whose schema grows one release at a
 * time the way compatible releases do. Most releases add an optional field to the open record
 * model; the rest reword a field's description or mark a field deprecated. Under `full` with the
 * lenient policy every release is compatible with every earlier one: a new optional field of an
 * open model breaks nothing in either direction once unknown properties are tolerated.
 */

export const HISTORY_COMPATIBILITY: Compatibility = Object.freeze({ mode: 'full_transitive', policy: 'lenient' });

const BASE_PROPERTIES: SchemaObject = {
  order_id: { type: 'string', pattern: '^ord_[0-9a-z]+$', description: 'Order id.' },
  customer_id: { type: 'string', minLength: 1, description: 'Customer who placed the order.' },
  status: { type: 'string', enum: ['new', 'paid', 'shipped', 'returned', 'cancelled'] },
  created_at: { type: 'string', format: 'date-time' },
  amount: { type: 'number', minimum: 0 },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  channel: { type: ['string', 'null'], enum: ['web', 'app', 'pos', null] },
  items: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 }, price: { type: 'number', minimum: 0 } },
      required: ['sku', 'quantity'],
    },
  },
  shipping_address: {
    type: 'object',
    properties: { city: { type: 'string' }, country: { type: 'string', pattern: '^[A-Z]{2}$' }, postcode: { type: 'string', maxLength: 10 } },
    required: ['country'],
  },
};

const NEW_FIELDS: readonly SchemaObject[] = [
  { type: 'string', maxLength: 200 },
  { type: ['integer', 'null'], minimum: 0 },
  { type: 'boolean' },
  { type: 'string', format: 'date' },
  { type: 'number', minimum: 0, maximum: 1 },
  { type: 'array', items: { type: 'string' }, maxItems: 20 },
  { type: 'object', properties: { code: { type: 'string' }, source: { type: 'string' } } },
];

function release(schema: SchemaObject, index: number, prng: Prng): SchemaObject {
  const properties = { ...(schema['properties'] as SchemaObject) };
  const roll = prng.next();
  const names = Object.keys(properties);
  if (roll < 0.7) {
    properties[`attribute_${index}`] = { ...prng.pick(NEW_FIELDS), description: `Added in release ${index}.` };
  } else {
    const name = prng.pick(names);
    const field = { ...(properties[name] as SchemaObject) };
    if (roll < 0.9) field['description'] = `Reworded in release ${index}.`;
    else field['deprecated'] = true;
    properties[name] = field;
  }
  return { ...schema, properties };
}

function contractAt(version: string, schema: JsonSchema): Contract {
  return {
    id: 'commerce.orders',
    version,
    title: 'Orders feed',
    owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
    team: 'commerce-data',
    status: 'active',
    compatibility: HISTORY_COMPATIBILITY,
    schema,
    metrics: [],
    features: [],
    sources: [],
    tags: ['orders'],
  };
}

export interface ContractHistory {
  /** Versions 1.0.0 to 1.<count-1>.0, oldest first. */
  readonly history: readonly Contract[];
  /** The next release, to check against the history. */
  readonly candidate: Contract;
}

/** `count` earlier versions (default 500) and one candidate, from seed `seed` (default 7). */
export function buildContractHistory(count = 500, seed = 7): ContractHistory {
  const prng = createPrng(seed);
  let schema: SchemaObject = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: BASE_PROPERTIES,
    required: ['order_id', 'customer_id', 'status', 'created_at', 'amount', 'currency'],
  };
  const history: Contract[] = [];
  for (let index = 0; index < count; index += 1) {
    if (index > 0) schema = release(schema, index, prng);
    history.push(contractAt(`1.${index}.0`, schema));
  }
  return { history, candidate: contractAt(`1.${count}.0`, release(schema, count, prng)) };
}
