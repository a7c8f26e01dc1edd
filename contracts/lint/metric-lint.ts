import { METRIC_REFERENCE_PATTERN } from '../document/identifiers.js';
import { appendPointer } from '../document/json-pointer.js';
import { DURATION_HINT, isTimeGrain, parseDuration, TIME_GRAINS } from '../durations.js';
import { unknownFieldAdvice } from '../expressions/closest-name.js';
import { typeWord } from '../expressions/type-check.js';
import { referencedFields } from '../expressions/referenced-fields.js';
import type { LintProblem } from '../findings.js';
import type { MetricDefinition } from '../model.js';
import type { FieldInfo } from '../schema-fields.js';
import { lintExpression, type ExpressionSite } from './expression-lint.js';
import { lintProblem } from './lint-rules.js';

const REFERENCE = new RegExp(METRIC_REFERENCE_PATTERN);

/** What a metric's expressions may name: record fields and, for ratio and derived metrics, the contract's metrics. */
interface Scope {
  readonly fields: ReadonlyMap<string, FieldInfo> | undefined;
  readonly fieldsAndMetrics: ReadonlyMap<string, FieldInfo> | undefined;
}

function scopeOf(metrics: readonly MetricDefinition[], fields: ReadonlyMap<string, FieldInfo> | undefined): Scope {
  if (fields === undefined) return { fields, fieldsAndMetrics: undefined };
  const fieldsAndMetrics = new Map(fields);
  metrics.forEach((metric, index) => {
    fieldsAndMetrics.set(metric.name, { types: new Set(['number']), pointer: appendPointer('', 'metrics', index) });
  });
  return { fields, fieldsAndMetrics };
}

function site(metric: MetricDefinition, index: number, key: string): ExpressionSite {
  return { area: 'metric', label: `metric ${metric.name} ${key}`, path: appendPointer('', 'metrics', index, key) };
}

/** A ratio part or derived expression: may name other metrics, never its own, and must be a number. */
function lintComposite(metric: MetricDefinition, index: number, key: 'expression' | 'numerator' | 'denominator', scope: Scope): LintProblem[] {
  const text = metric[key]!;
  const where = site(metric, index, key);
  const linted = lintExpression(where, text, scope.fieldsAndMetrics);
  const problems = [...linted.problems];
  if (linted.expr !== undefined && referencedFields(linted.expr).includes(metric.name)) {
    problems.push(
      lintProblem('metric-self-reference', where.path, `${where.label} refers to metric ${metric.name} itself: define it from other metrics or fields`),
    );
  }
  if (linted.type !== undefined && linted.type !== 'number' && linted.type !== 'unknown') {
    problems.push(lintProblem('metric-type-mismatch', where.path, `${where.label} must be a number, but '${text}' is ${typeWord(linted.type)}: use a numeric metric or expression`));
  }
  return problems;
}

function lintShape(metric: MetricDefinition, index: number): LintProblem[] {
  const path = appendPointer('', 'metrics', index);
  const problems: LintProblem[] = [];
  const aggregated = metric.type === 'simple' || metric.type === 'cumulative';
  if (aggregated && metric.aggregation === undefined) {
    problems.push(
      lintProblem('metric-missing-aggregation', path, `metric ${metric.name} is ${metric.type} but has no aggregation: add one, e.g. aggregation: sum or aggregation: count`),
    );
  }
  const needsExpression = (aggregated && metric.aggregation !== undefined && metric.aggregation !== 'count') || metric.type === 'derived';
  if (needsExpression && metric.expression === undefined) {
    const fix = metric.type === 'derived' ? 'write it from other metrics, e.g. expression: revenue - refunds' : `add the value to ${metric.aggregation}, e.g. expression: amount`;
    problems.push(lintProblem('metric-missing-expression', path, `metric ${metric.name} has no expression: ${fix}`));
  }
  if (metric.type === 'ratio') {
    for (const key of ['numerator', 'denominator'] as const) {
      if (metric[key] === undefined) {
        problems.push(lintProblem('metric-missing-expression', path, `ratio metric ${metric.name} has no ${key}: name another metric or write an expression`));
      }
    }
  }
  return problems;
}

function lintExpressions(metric: MetricDefinition, index: number, scope: Scope): LintProblem[] {
  const problems: LintProblem[] = [];
  if (metric.expression !== undefined) {
    if (metric.type === 'derived') problems.push(...lintComposite(metric, index, 'expression', scope));
    else {
      const options = metric.aggregation !== undefined ? { aggregation: metric.aggregation } : {};
      problems.push(...lintExpression(site(metric, index, 'expression'), metric.expression, scope.fields, options).problems);
    }
  }
  if (metric.type === 'ratio') {
    for (const key of ['numerator', 'denominator'] as const) {
      if (metric[key] !== undefined) problems.push(...lintComposite(metric, index, key, scope));
    }
  }
  if (metric.filter !== undefined) {
    problems.push(...lintExpression(site(metric, index, 'filter'), metric.filter, scope.fields, { role: 'filter' }).problems);
  }
  return problems;
}

function lintDimensions(metric: MetricDefinition, index: number, fields: ReadonlyMap<string, FieldInfo> | undefined): LintProblem[] {
  const problems: LintProblem[] = [];
  const seen = new Set<string>();
  (metric.dimensions ?? []).forEach((dimension, position) => {
    const path = appendPointer('', 'metrics', index, 'dimensions', position);
    if (seen.has(dimension)) {
      problems.push(lintProblem('metric-duplicate-dimension', path, `metric ${metric.name} lists dimension ${dimension} twice: remove one`));
    }
    seen.add(dimension);
    if (fields !== undefined && !fields.has(dimension)) {
      const { advice } = unknownFieldAdvice(dimension, fields.keys());
      problems.push(lintProblem('metric-unknown-dimension', path, `metric ${metric.name} dimension '${dimension}' is not a field: ${advice}`));
    }
  });
  return problems;
}

function lintSettings(metric: MetricDefinition, index: number): LintProblem[] {
  const problems: LintProblem[] = [];
  const at = (key: string) => appendPointer('', 'metrics', index, key);
  if (metric.window !== undefined) {
    if (parseDuration(metric.window) === undefined) {
      problems.push(lintProblem('metric-invalid-window', at('window'), `metric ${metric.name} window "${metric.window}" is not a duration: ${DURATION_HINT}`));
    }
    if (metric.type !== 'cumulative') {
      problems.push(lintProblem('metric-window-ignored', at('window'), `metric ${metric.name} is ${metric.type}, so its window means nothing: remove it, or make the metric cumulative`));
    }
  }
  if (metric.grain !== undefined && !isTimeGrain(metric.grain)) {
    problems.push(lintProblem('metric-invalid-grain', at('grain'), `metric ${metric.name} grain "${metric.grain}" is not a grain: use one of ${TIME_GRAINS.join(', ')}`));
  }
  if (metric.references !== undefined && !REFERENCE.test(metric.references)) {
    problems.push(
      lintProblem('metric-invalid-reference', at('references'), `metric ${metric.name} references "${metric.references}": write namespace.name#metric, e.g. finance.revenue#net_revenue`),
    );
  }
  return problems;
}

/**
 * Lints a contract's metrics against its record fields: the shape each type needs, expressions,
 * filters and ratio parts (parse, fields, types), dimensions, window, grain and references.
 * With `fields` undefined (a schema too large to list) field and type checks are skipped.
 * Names are checked separately, by `lintDefinitionNames`.
 */
export function lintMetrics(metrics: readonly MetricDefinition[], fields: ReadonlyMap<string, FieldInfo> | undefined): LintProblem[] {
  const scope = scopeOf(metrics, fields);
  return metrics.flatMap((metric, index) => [
    ...lintShape(metric, index),
    ...lintExpressions(metric, index, scope),
    ...lintDimensions(metric, index, fields),
    ...lintSettings(metric, index),
  ]);
}
