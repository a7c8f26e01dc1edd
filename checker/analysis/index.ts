/** Validation and profiling of sampled records in one pass, and the observed schema. */
export { createAnalyzer, DEFAULT_EXAMPLES_PER_VIOLATION } from './analyzer.js';
export type { Analysis, Analyzer, AnalyzerOptions } from './analyzer.js';
export { observedSchema } from './observed-schema.js';
export type { ObservedSchemaOptions } from './observed-schema.js';
export { createValidatorCache, DEFAULT_VALIDATOR_CACHE_SIZE, VIOLATION_RULES, violationRule, linearRegExp } from '../../contracts/index.js';
export type { ValidatorCache, ValidatorKey, ViolationRule } from '../../contracts/index.js';
export { MAX_EXAMPLES_PER_VIOLATION, MAX_EXAMPLE_LENGTH, MAX_VIOLATION_GROUPS, REDACTED } from './violations.js';
export { MAX_PROFILED_FIELDS, MAX_PROFILE_DEPTH } from './profiler.js';
export { HLL_PRECISION, HyperLogLog } from './hyperloglog.js';
export { NumericSketch, QUANTILES, QUANTILE_SAMPLE_SIZE } from './quantile-sketch.js';
export { MAX_TOP_VALUES, MAX_TOP_VALUE_LENGTH, TOP_TRACKED_VALUES, TopValues } from './top-values.js';
export { EPOCH_MILLIS, EPOCH_SECONDS, PROBED_FORMATS } from './format-tests.js';
