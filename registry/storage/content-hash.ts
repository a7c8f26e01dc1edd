import { canonicalJson, sha256Hex, type MetricDefinition } from '../../contracts/index.js';

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
