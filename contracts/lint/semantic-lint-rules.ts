import { lintRule } from './lint-rule.js';

const error = <const Id extends string>(id: Id, explanation: string) => lintRule(id, 'breaking', explanation);
const warning = <const Id extends string>(id: Id, explanation: string) => lintRule(id, 'warning', explanation);

/** Every rule `lintSemantics` reports; the tests trigger each one. */
export const SEMANTIC_LINT_RULES = Object.freeze([
  error('schema-too-large', 'The record schema is too large or too deep to list its fields, so metrics and features cannot be checked against it.'),
  warning('schema-monotonic-unordered', 'A field marked `x-concord-monotonic: true` is not a number or a date/date-time string, so drift cannot follow its order and ignores the mark.'),
  error('metric-invalid-name', 'A metric name is not snake_case (a-z, 0-9, _; starting with a letter) or is too long.'),
  error('metric-duplicate-name', 'Two metrics share a name.'),
  error('metric-invalid-expression', 'An expression, filter, numerator or denominator does not parse.'),
  error('metric-unknown-field', 'An expression, filter or ratio part names a field the record schema does not have.'),
  error('metric-type-mismatch', 'An expression mixes types, a filter is not a condition, or the aggregation cannot take the value.'),
  error('metric-missing-aggregation', 'A simple or cumulative metric has no aggregation.'),
  error('metric-missing-expression', 'A metric lacks what its type needs: an expression, or a ratio\'s numerator and denominator.'),
  error('metric-self-reference', 'A ratio or derived metric is defined in terms of itself.'),
  error('metric-unknown-dimension', 'A dimension is not a field of the record schema.'),
  warning('metric-duplicate-dimension', 'A dimension is listed twice.'),
  error('metric-invalid-window', 'A window is not a duration such as 7d or 30d.'),
  warning('metric-window-ignored', 'A window is set on a metric that is not cumulative, where it means nothing.'),
  error('metric-invalid-grain', 'A grain is not one of minute, hour, day, week, month, quarter, year.'),
  error('metric-invalid-reference', 'A `references` entry is not of the form namespace.name#metric.'),
  error('feature-invalid-name', 'A feature name is not snake_case (a-z, 0-9, _; starting with a letter) or is too long.'),
  error('feature-duplicate-name', 'Two features share a name.'),
  error('feature-unknown-field', 'A feature\'s entity, source field or filter names a field the record schema does not have.'),
  error('feature-invalid-expression', 'A feature\'s source filter does not parse.'),
  error('feature-type-mismatch', 'A source filter is not a condition or mixes types, or the aggregation cannot take a source field.'),
  warning('feature-dtype-mismatch', 'The declared dtype does not fit what the source computes (e.g. string for a count).'),
  error('feature-invalid-duration', 'A freshness, ttl or source window is not a duration such as 15m, 1h or 7d.'),
  error('sla-unknown-field', 'The SLA freshness field is not a field of the record schema.'),
  error('sla-not-timestamp', 'The SLA freshness field is not a date-time field, so its age cannot be measured.'),
  error('sla-invalid-duration', 'An SLA max_age or volume period is not a duration or grain.'),
  error('sla-invalid-volume', 'The SLA volume bounds are negative or the minimum is above the maximum.'),
]);

