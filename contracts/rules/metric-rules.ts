import { changeRule, type RuleSpec } from './rule-spec.js';

/** A change to what a metric means: every consumer's numbers change, whichever way they read. */
function meaningChange<const Id extends string>(id: Id, explanation: string): RuleSpec<Id> {
  return changeRule({ id, area: 'metric', breaks: 'both', otherwise: 'warning', bump: 'minor', explanation });
}

function infoChange<const Id extends string>(id: Id, explanation: string): RuleSpec<Id> {
  return changeRule({ id, area: 'metric', breaks: 'none', otherwise: 'info', bump: 'patch', explanation });
}

export const METRIC_RULES = Object.freeze([
  meaningChange('metric-removed', 'A metric was removed: dashboards and agents that query it fail.'),
  meaningChange('metric-renamed', 'A metric keeps its definition under a new name: queries by the old name fail.'),
  meaningChange('metric-type-changed', 'The metric type (simple, ratio, derived, cumulative) changed, so the numbers mean something else.'),
  meaningChange('metric-aggregation-changed', 'The aggregation changed (e.g. sum to avg): the same name now reports different numbers.'),
  meaningChange('metric-expression-changed', 'The expression changed in meaning (whitespace and operand order do not count): the numbers change.'),
  meaningChange('metric-filter-changed', 'The filter was added, removed or changed in meaning: the metric counts other records.'),
  meaningChange('metric-unit-changed', 'The unit changed: consumers read the numbers on the wrong scale.'),
  meaningChange('metric-grain-changed', 'The time grain changed: series no longer line up with earlier ones.'),
  meaningChange('metric-window-changed', 'The window of a cumulative metric changed: the totals cover another span.'),
  meaningChange('metric-numerator-changed', 'The numerator of a ratio metric changed in meaning.'),
  meaningChange('metric-denominator-changed', 'The denominator of a ratio metric changed in meaning.'),
  meaningChange('metric-references-changed', 'The metric now reuses another canonical definition, or stops reusing one.'),
  meaningChange('metric-dimension-removed', 'A dimension was removed: queries grouped or filtered by it fail.'),
  changeRule({
    id: 'metric-added',
    area: 'metric',
    breaks: 'none',
    otherwise: 'info',
    bump: 'minor',
    explanation: 'A metric was added: nothing existing changes.',
  }),
  changeRule({
    id: 'metric-dimension-added',
    area: 'metric',
    breaks: 'none',
    otherwise: 'info',
    bump: 'minor',
    explanation: 'A dimension was added: existing queries keep their results.',
  }),
  infoChange('metric-description-changed', 'The description changed: documentation only.'),
  infoChange('metric-owner-changed', 'The metric owner changed: questions and alerts go to someone else.'),
  infoChange('metric-tags-changed', 'The tags changed: documentation and search only.'),
]);
