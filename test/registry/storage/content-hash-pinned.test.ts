import { describe, expect, test } from 'vitest';
import type { Contract } from '../../../contracts/model.js';
import { diffKey } from '../../../registry/services/history.js';
import { contractContentHash } from '../../../contracts/content-hash.js';
import { metricMeaningHash } from '../../../registry/storage/content-hash.js';

/** An own member named `key`: an object literal would set the prototype for `__proto__`. */
function withMember(base: Readonly<Record<string, unknown>>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, key, { value, writable: true, enumerable: true, configurable: true });
  return copy;
}

/**
 * A fixed contract with what canonical JSON must get right: keys out of order, an `undefined`
 * member, a member named `__proto__`, members named like array indexes (which JavaScript orders
 * first, by number), nested arrays and non-ASCII text.
 */
const PINNED: Contract = {
  version: '2.1.0',
  id: 'commerce.orders',
  title: 'Orders feed \u00e9',
  owner: { email: 'dana.fischer@example.com', name: 'Dana Fischer' },
  team: 'commerce-data',
  description: undefined,
  status: 'active',
  compatibility: { policy: 'strict', mode: 'forward' },
  schema: {
    type: 'object',
    properties: withMember({ order_id: { type: 'string' }, amount: { type: 'number', enum: [1, 2.5, null] }, '10': { type: 'integer' }, '9': { type: 'integer' } }, '__proto__', { type: 'string' }),
    required: ['order_id'],
  },
  metrics: [{ name: 'net_revenue', type: 'simple', aggregation: 'sum', expression: 'amount', unit: 'EUR', dimensions: ['currency', 'channel'] }],
  features: [],
  sources: [],
  tags: ['orders', 'commerce'],
};

/*
 * Content hashes are stored with every published version and compared on re-publish: these
 * values were computed before canonical JSON had one definition, and must never change.
 */
describe('pinned content hashes', () => {
  test.each<[string, () => string, string]>([
    ['the contract content hash', () => contractContentHash(PINNED), 'da684641053d6217fb3d044258f3ac525fcd643d4b2c700b7735037be43e870d'],
    ['the metric meaning hash', () => metricMeaningHash(PINNED.metrics[0]!), 'ab7e4c7ffaa123bad3c22304b4db2b6a22172d0cffe0dd4b65166129ccd8c2ae'],
    ['the diff cache key', () => diffKey(PINNED), '42c9d662b300a9dd1bc28463abe369eaed994fc6c56bec06d7a0508e55b9defe'],
  ])('%s of a fixed contract is what it was', (_, hash, expected) => {
    expect(hash()).toBe(expected);
  });
});
