import { durationChange, sameDuration } from '../durations.js';
import type { FeatureDefinition } from '../model.js';
import { definitionPath, describeValue, diffDefinitions, sameExpression, sameValue, type DefinitionKind } from './definition-diff.js';
import type { ChangeRuleId, RuleChange } from '../rules/catalog.js';

const FEATURE: DefinitionKind = { singular: 'feature', area: 'features', readers: 'lookups' };

interface MeaningAspect {
  readonly keys: readonly string[];
  readonly rule: ChangeRuleId;
  readonly label: string;
  readonly value: (feature: FeatureDefinition) => unknown;
  readonly same: (a: FeatureDefinition, b: FeatureDefinition) => boolean;
}

/** What decides a feature's values; a change to any of these gives models different inputs. */
const MEANING: readonly MeaningAspect[] = [
  { keys: ['dtype'], rule: 'feature-dtype-changed', label: 'dtype', value: (f) => f.dtype, same: (a, b) => a.dtype === b.dtype },
  { keys: ['entity'], rule: 'feature-entity-changed', label: 'entity', value: (f) => f.entity, same: (a, b) => a.entity === b.entity },
  {
    keys: ['source', 'fields'],
    rule: 'feature-source-fields-changed',
    label: 'source fields',
    value: (f) => f.source.fields,
    // Order counts: multi-field features (embeddings, vectors) lay values out in field order.
    same: (a, b) => sameValue(a.source.fields, b.source.fields),
  },
  {
    keys: ['source', 'aggregation'],
    rule: 'feature-source-aggregation-changed',
    label: 'source aggregation',
    value: (f) => f.source.aggregation,
    same: (a, b) => a.source.aggregation === b.source.aggregation,
  },
  {
    keys: ['source', 'window'],
    rule: 'feature-source-window-changed',
    label: 'source window',
    value: (f) => f.source.window,
    same: (a, b) => sameDuration(a.source.window, b.source.window),
  },
  {
    keys: ['source', 'filter'],
    rule: 'feature-source-filter-changed',
    label: 'source filter',
    value: (f) => f.source.filter,
    same: (a, b) => sameExpression(a.source.filter, b.source.filter),
  },
];

function sameFeatureMeaning(a: FeatureDefinition, b: FeatureDefinition): boolean {
  return MEANING.every((aspect) => aspect.same(a, b));
}

function meaningChanges(before: FeatureDefinition, after: FeatureDefinition): RuleChange[] {
  return MEANING.filter((aspect) => !aspect.same(before, after)).map((aspect) => {
    const [old, now] = [aspect.value(before), aspect.value(after)];
    return {
      rule: aspect.rule,
      path: definitionPath(FEATURE, after.name, ...aspect.keys),
      message: `feature ${after.name} changes its ${aspect.label} from ${describeValue(old)} to ${describeValue(now)}: models get different inputs; add a feature under a new name instead, or publish a major version`,
      ...(old !== undefined ? { before: old } : {}),
      ...(now !== undefined ? { after: now } : {}),
    };
  });
}

/** Freshness and ttl: a longer or dropped promise is a warning, a shorter or new one is information. */
function promiseChanges(before: FeatureDefinition, after: FeatureDefinition): RuleChange[] {
  const changes: RuleChange[] = [];
  for (const key of ['freshness', 'ttl'] as const) {
    const [old, now] = [before[key], after[key]];
    const movement = durationChange(old, now);
    if (movement === 'same') continue;
    const loosened = movement === 'longer' || movement === 'removed' || movement === 'incomparable';
    const what =
      movement === 'removed'
        ? `no longer promises a ${key} (was ${old})`
        : movement === 'added'
          ? `now promises a ${key} of ${now}`
          : `changes its ${key} from ${old} to ${now}`;
    const advice = loosened ? `: consumers may get older values than they planned for; tell them, or keep ${old}` : '';
    changes.push({
      rule: `feature-${key}-${loosened ? 'loosened' : 'tightened'}`,
      path: definitionPath(FEATURE, after.name, key),
      message: `feature ${after.name} ${what}${advice}`,
      ...(old !== undefined ? { before: old } : {}),
      ...(now !== undefined ? { after: now } : {}),
    });
  }
  return changes;
}

/**
 * The changes between two versions' ML features, matched by name. Changes to dtype, entity or
 * source (fields, aggregation, window, filter by meaning) and removed features are breaking rules;
 * a removed feature that reappears with the same definition under a new name is one
 * `feature-renamed`. Longer or dropped freshness/ttl promises are warnings, shorter or new ones,
 * added features, and description, owner and tag edits are information.
 */
export function diffFeatures(before: readonly FeatureDefinition[], after: readonly FeatureDefinition[]): RuleChange[] {
  return diffDefinitions(FEATURE, before, after, {
    sameMeaning: sameFeatureMeaning,
    details: (old, now) => [...meaningChanges(old, now), ...promiseChanges(old, now)],
  });
}
