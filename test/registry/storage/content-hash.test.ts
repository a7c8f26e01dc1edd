import { describe, expect, test } from 'vitest';
import type { MetricDefinition } from '../../../contracts/model.js';
import { contractContentHash, sha256Hex } from '../../../contracts/content-hash.js';
import { canonicalJson } from '../../../contracts/diff/canonical-json.js';
import { metricMeaningHash } from '../../../registry/storage/content-hash.js';
import { sampleContract } from './storage-targets.js';

const BASE: MetricDefinition = { name: 'net_revenue', type: 'simple', aggregation: 'sum', expression: 'amount', dimensions: ['currency', 'channel'] };

describe('content hashes', () => {
  test('canonical JSON sorts keys at every level, keeps array order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  test('sha256Hex is lowercase hex sha-256 of UTF-8', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('the content hash ignores key order but not content, including the bundled schema', () => {
    const contract = sampleContract('1.0.0');
    const reordered = Object.fromEntries(Object.entries(contract).reverse()) as typeof contract;
    expect(contractContentHash(reordered)).toBe(contractContentHash(contract));
    expect(contractContentHash({ ...contract, schema: { type: 'object' } })).not.toBe(contractContentHash(contract));
  });

  test.each<[string, MetricDefinition, boolean]>([
    ['a new description', { ...BASE, description: 'Revenue after refunds' }, true],
    ['another name', { ...BASE, name: 'revenue_net' }, true],
    ['dimensions in another order', { ...BASE, dimensions: ['channel', 'currency'] }, true],
    ['new tags and owner', { ...BASE, tags: ['finance'], owner: { name: 'A', email: 'a@example.com' } }, true],
    ['another expression', { ...BASE, expression: 'amount - refunded_amount' }, false],
    ['another aggregation', { ...BASE, aggregation: 'avg' }, false],
    ['a filter', { ...BASE, filter: "status = 'paid'" }, false],
    ['another unit', { ...BASE, unit: 'USD' }, false],
    ['a dimension fewer', { ...BASE, dimensions: ['currency'] }, false],
  ])('a metric with %s keeps its meaning hash: %s', (_, changed, same) => {
    expect(metricMeaningHash(changed) === metricMeaningHash(BASE)).toBe(same);
  });
});
