import { appendPointer } from '../document/json-pointer.js';
import { DURATION_HINT, parseDuration } from '../durations.js';
import { unknownFieldAdvice } from '../expressions/closest-name.js';
import type { ValueType } from '../expressions/functions.js';
import { aggregationAccepts, typeWord, valueTypeOf } from '../expressions/type-check.js';
import type { LintProblem } from '../findings.js';
import type { FeatureDefinition, FeatureDtype } from '../model.js';
import type { FieldInfo } from '../schema-fields.js';
import { lintExpression } from './expression-lint.js';
import { lintProblem } from './lint-rules.js';

/** The expression type a dtype holds; embeddings are vectors, which expressions do not type. */
const DTYPE_VALUE: Readonly<Record<FeatureDtype, ValueType | undefined>> = {
  bool: 'boolean',
  int32: 'number',
  int64: 'number',
  float32: 'number',
  float64: 'number',
  string: 'string',
  timestamp: 'timestamp',
  date: 'timestamp',
  embedding: undefined,
};

const COUNTING: ReadonlySet<string> = new Set(['count', 'count_distinct']);
const NUMERIC: ReadonlySet<string> = new Set(['sum', 'avg', 'median']);

function pointer(index: number, ...keys: readonly (string | number)[]): string {
  return appendPointer('', 'features', index, ...keys);
}

function lintFields(feature: FeatureDefinition, index: number, fields: ReadonlyMap<string, FieldInfo>): LintProblem[] {
  const problems: LintProblem[] = [];
  const missing = (name: string, path: string, role: string) => {
    if (fields.has(name)) return;
    const { advice } = unknownFieldAdvice(name, fields.keys());
    problems.push(lintProblem('feature-unknown-field', path, `feature ${feature.name} ${role} '${name}' is not a field: ${advice}`));
  };
  missing(feature.entity, pointer(index, 'entity'), 'entity');
  feature.source.fields.forEach((name, position) => missing(name, pointer(index, 'source', 'fields', position), 'source field'));
  return problems;
}

/** The value type the source computes, when it can be told: counts are numbers, other aggregations keep their one field's type. */
function sourceType(feature: FeatureDefinition, fields: ReadonlyMap<string, FieldInfo>): ValueType | undefined {
  const aggregation = feature.source.aggregation;
  if (aggregation !== undefined && (COUNTING.has(aggregation) || NUMERIC.has(aggregation))) return 'number';
  const [only, ...others] = feature.source.fields;
  const info = only !== undefined && others.length === 0 ? fields.get(only) : undefined;
  return info !== undefined ? valueTypeOf(info) : undefined;
}

function lintTypes(feature: FeatureDefinition, index: number, fields: ReadonlyMap<string, FieldInfo>): LintProblem[] {
  const problems: LintProblem[] = [];
  const aggregation = feature.source.aggregation;
  if (aggregation !== undefined) {
    for (const name of feature.source.fields) {
      const info = fields.get(name);
      const type = info !== undefined ? valueTypeOf(info) : 'unknown';
      if (!aggregationAccepts(aggregation, type)) {
        problems.push(
          lintProblem(
            'feature-type-mismatch',
            pointer(index, 'source', 'aggregation'),
            `feature ${feature.name} applies ${aggregation} to '${name}', which is ${typeWord(type)}: use count or count_distinct, or another field`,
          ),
        );
      }
    }
  }
  const computed = sourceType(feature, fields);
  const declared = DTYPE_VALUE[feature.dtype];
  const fits = computed === undefined || computed === 'unknown' || declared === undefined || computed === declared || (declared === 'timestamp' && computed === 'string');
  if (!fits) {
    problems.push(
      lintProblem(
        'feature-dtype-mismatch',
        pointer(index, 'dtype'),
        `feature ${feature.name} is declared ${feature.dtype}, but its source gives ${typeWord(computed)}: change the dtype or the source`,
      ),
    );
  }
  return problems;
}

function lintDurations(feature: FeatureDefinition, index: number): LintProblem[] {
  const entries: readonly (readonly [string | undefined, readonly string[]])[] = [
    [feature.freshness, ['freshness']],
    [feature.ttl, ['ttl']],
    [feature.source.window, ['source', 'window']],
  ];
  return entries.flatMap(([value, keys]) =>
    value === undefined || parseDuration(value) !== undefined
      ? []
      : [lintProblem('feature-invalid-duration', pointer(index, ...keys), `feature ${feature.name} ${keys.join('.')} "${value}" is not a duration: ${DURATION_HINT}`)],
  );
}

/**
 * Lints a contract's ML features against its record fields: entity and source fields exist, the
 * source filter parses and is a condition, the aggregation fits the source fields, the dtype fits
 * what the source computes (a warning), and freshness, ttl and window are durations. With
 * `fields` undefined (a schema too large to list) only parsing and durations are checked.
 */
export function lintFeatures(features: readonly FeatureDefinition[], fields: ReadonlyMap<string, FieldInfo> | undefined): LintProblem[] {
  return features.flatMap((feature, index) => {
    const problems: LintProblem[] = [];
    if (fields !== undefined) problems.push(...lintFields(feature, index, fields), ...lintTypes(feature, index, fields));
    if (feature.source.filter !== undefined) {
      const site = { area: 'feature', label: `feature ${feature.name} source.filter`, path: pointer(index, 'source', 'filter') } as const;
      problems.push(...lintExpression(site, feature.source.filter, fields, { role: 'filter' }).problems);
    }
    problems.push(...lintDurations(feature, index));
    return problems;
  });
}
