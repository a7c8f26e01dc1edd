import { describe, expect, test } from 'vitest';
import type { Contract } from '../../../contracts/model.js';
import { diffKey } from '../../../registry/services/history.js';
import { contractContentHash, metricMeaningHash } from '../../../registry/storage/content-hash.js';

/** An own member named `key`: an object literal would set the prototype for `__proto__`. */
function withMember(base: Readonly<Record<string, unknown>>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, key, { value, writable: true, enumerable: true, configurable: true });
  return copy;
}

/**
 * A fixed contract with what canonical JSON must get right: keys out of order, an `undefined`
 * member, a member named `__proto__`, nested arrays and non-ASCII text.
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
    properties: withMember({ order_id: { type: 'string' }, amount: { type: 'number', enum: [1, 2.5, null] } }, '__proto__', { type: 'string' }),
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
    ['the contract content hash', () => contractContentHash(PINNED), 'd1b8ba9d72b35280b3e0a6c2d4c15b2f93a5067d7795ab600358c33761e9a6d7'],
    ['the metric meaning hash', () => metricMeaningHash(PINNED.metrics[0]!), 'ab7e4c7ffaa123bad3c22304b4db2b6a22172d0cffe0dd4b65166129ccd8c2ae'],
    ['the diff cache key', () => diffKey(PINNED), 'e34be8317da8f8fb1f6ca43fbdf299d67355a7f2fac1ab1a2343f0e0a6976266'],
  ])('%s of a fixed contract is what it was', (_, hash, expected) => {
    expect(hash()).toBe(expected);
  });
});
