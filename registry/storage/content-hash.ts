import { createHash } from 'node:crypto';
import type { Contract, MetricDefinition } from '../../contracts/model.js';

/**
 * JSON with object keys sorted at every level and `undefined` members dropped, so two values
 * that mean the same serialise to the same bytes whatever order their keys were written in.
 * Every key counts, `__proto__` included: a key missing from the hash would let two different
 * versions share a content hash and a diff-cache key.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // No prototype: on a plain `{}`, assigning `__proto__` would set the prototype, not a member.
  const sorted = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = sortKeys(member);
  }
  return sorted;
}

/** Lowercase hex sha-256 of UTF-8 text. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The content hash of a published version: sha-256 of the canonical parsed contract with its
 * schema bundled. It covers the bundled schema rather than the source text, so a re-publish is
 * recognised as identical when only formatting changed, and as different when a referenced schema
 * file changed under an unchanged document. The id is hashed under the document's own field name,
 * `contract`, so hashes stay those of versions stored before the model called it `id`.
 */
export function contractContentHash(contract: Contract): string {
  const { id, ...rest } = contract;
  return sha256Hex(canonicalJson({ ...rest, contract: id }));
}

/**
 * The parts of a metric definition that decide what its numbers mean. Name, description, owner,
 * tags and references are left out: renaming or documenting a metric does not change its meaning.
 */
const MEANING_KEYS = [
  'type',
  'aggregation',
  'expression',
  'numerator',
  'denominator',
  'filter',
  'unit',
  'grain',
  'dimensions',
  'window',
] as const satisfies readonly (keyof MetricDefinition)[];

/**
 * Hash of what a metric means, so the registry can tell two contracts that define a metric of the
 * same name the same way from two that define it differently. Dimension order does not count.
 */
export function metricMeaningHash(metric: MetricDefinition): string {
  const meaning: Record<string, unknown> = {};
  for (const key of MEANING_KEYS) meaning[key] = metric[key];
  if (metric.dimensions !== undefined) meaning.dimensions = [...metric.dimensions].sort();
  return sha256Hex(canonicalJson(meaning));
}
