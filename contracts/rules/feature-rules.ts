import { changeRule, type RuleSpec } from './rule-spec.js';

/** A change to what a feature computes: models trained on the old values get different inputs. */
function meaningChange<const Id extends string>(id: Id, explanation: string): RuleSpec<Id> {
  return changeRule({ id, area: 'feature', breaks: 'both', otherwise: 'warning', bump: 'minor', explanation });
}

function infoChange<const Id extends string>(id: Id, explanation: string): RuleSpec<Id> {
  return changeRule({ id, area: 'feature', breaks: 'none', otherwise: 'info', bump: 'patch', explanation });
}

export const FEATURE_RULES = Object.freeze([
  meaningChange('feature-removed', 'A feature was removed: models and agents that read it fail.'),
  meaningChange('feature-renamed', 'A feature keeps its definition under a new name: lookups by the old name fail.'),
  meaningChange('feature-dtype-changed', 'The data type changed: feature stores and models read the values wrongly.'),
  meaningChange('feature-entity-changed', 'The entity the feature is keyed by changed: lookups by the old key fail.'),
  meaningChange('feature-source-fields-changed', 'The source fields changed: the feature is computed from other data.'),
  meaningChange('feature-source-aggregation-changed', 'The source aggregation changed: the values mean something else.'),
  meaningChange('feature-source-window-changed', 'The aggregation window changed: the values cover another span.'),
  meaningChange('feature-source-filter-changed', 'The source filter was added, removed or changed in meaning: other records count.'),
  changeRule({
    id: 'feature-added',
    area: 'feature',
    breaks: 'none',
    otherwise: 'info',
    bump: 'minor',
    explanation: 'A feature was added: nothing existing changes.',
  }),
  changeRule({
    id: 'feature-freshness-loosened',
    area: 'feature',
    breaks: 'none',
    otherwise: 'warning',
    bump: 'minor',
    explanation: 'The freshness promise is longer or gone: consumers may get staler values than they planned for.',
  }),
  changeRule({
    id: 'feature-freshness-tightened',
    area: 'feature',
    breaks: 'none',
    otherwise: 'info',
    bump: 'minor',
    explanation: 'The freshness promise is shorter or new: values arrive sooner.',
  }),
  changeRule({
    id: 'feature-ttl-loosened',
    area: 'feature',
    breaks: 'none',
    otherwise: 'warning',
    bump: 'minor',
    explanation: 'The ttl is longer or gone: stores may serve older values than consumers planned for.',
  }),
  changeRule({
    id: 'feature-ttl-tightened',
    area: 'feature',
    breaks: 'none',
    otherwise: 'info',
    bump: 'minor',
    explanation: 'The ttl is shorter or new: stale values expire sooner.',
  }),
  infoChange('feature-description-changed', 'The description changed: documentation only.'),
  infoChange('feature-owner-changed', 'The feature owner changed: questions and alerts go to someone else.'),
  infoChange('feature-tags-changed', 'The tags changed: documentation and search only.'),
]);
