import { sameDuration } from '../durations.js';
import type { MetricDefinition, Person } from '../model.js';
import { definitionPath, describeValue, diffDefinitions, sameExpression, type DefinitionKind } from './definition-diff.js';
import type { RuleChange } from '../rules/catalog.js';

const METRIC: DefinitionKind = { singular: 'metric', area: 'metrics', readers: 'queries' };

type MeaningKey = 'type' | 'aggregation' | 'expression' | 'filter' | 'unit' | 'grain' | 'window' | 'numerator' | 'denominator' | 'references';
type Same = (a: string | undefined, b: string | undefined) => boolean;

const sameText: Same = (a, b) => a === b;

/** The keys that decide what a metric's numbers mean, and how each is compared; a change to key k hits rule metric-k-changed. */
const MEANING: readonly { readonly key: MeaningKey; readonly same: Same }[] = [
  { key: 'type', same: sameText },
  { key: 'aggregation', same: sameText },
  { key: 'expression', same: sameExpression },
  { key: 'filter', same: sameExpression },
  { key: 'unit', same: sameText },
  { key: 'grain', same: sameText },
  { key: 'window', same: sameDuration },
  { key: 'numerator', same: sameExpression },
  { key: 'denominator', same: sameExpression },
  { key: 'references', same: sameText },
];

function sameMetricMeaning(a: MetricDefinition, b: MetricDefinition): boolean {
  return MEANING.every(({ key, same }) => same(a[key], b[key]));
}

function meaningChanges(before: MetricDefinition, after: MetricDefinition): RuleChange[] {
  return MEANING.filter(({ key, same }) => !same(before[key], after[key])).map(({ key }) => ({
    rule: `metric-${key}-changed`,
    path: definitionPath(METRIC, after.name, key),
    message: `metric ${after.name} changes its ${key} from ${describeValue(before[key])} to ${describeValue(after[key])}: its numbers mean something else now; add a metric under a new name instead, or publish a major version`,
    ...(before[key] !== undefined ? { before: before[key] } : {}),
    ...(after[key] !== undefined ? { after: after[key] } : {}),
  }));
}

function dimensionChanges(before: MetricDefinition, after: MetricDefinition): RuleChange[] {
  const [old, now] = [new Set(before.dimensions ?? []), new Set(after.dimensions ?? [])];
  const path = definitionPath(METRIC, after.name, 'dimensions');
  const removed = [...old].filter((dimension) => !now.has(dimension));
  const added = [...now].filter((dimension) => !old.has(dimension));
  return [
    ...removed.map((dimension): RuleChange => ({
      rule: 'metric-dimension-removed',
      path,
      field: dimension,
      message: `metric ${after.name} drops dimension ${dimension}: queries grouped or filtered by it fail; keep the dimension, or publish a major version`,
      before: dimension,
    })),
    ...added.map((dimension): RuleChange => ({
      rule: 'metric-dimension-added',
      path,
      field: dimension,
      message: `metric ${after.name} adds dimension ${dimension}`,
      after: dimension,
    })),
  ];
}

/**
 * The changes between two versions' metric lists, matched by name. Any change to what a metric
 * means (type, aggregation, expression and filter compared by meaning, unit, grain, window,
 * numerator, denominator, references, a removed dimension) and a removed metric hit breaking
 * rules; a removed metric whose definition reappears under a new name is one `metric-renamed`.
 * Added metrics and dimensions, and description, owner and tag edits, are not breaking. A metric
 * without an owner is owned by `ownerDefault` (the contract's owner; none by default).
 */
export function diffMetrics(
  before: readonly MetricDefinition[],
  after: readonly MetricDefinition[],
  ownerDefault?: Person,
): RuleChange[] {
  return diffDefinitions(METRIC, before, after, {
    sameMeaning: sameMetricMeaning,
    details: (old, now) => [...meaningChanges(old, now), ...dimensionChanges(old, now)],
    ...(ownerDefault !== undefined ? { ownerDefault } : {}),
  });
}
