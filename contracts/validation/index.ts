/** Record validation: one compiled validator for every entry point that asks whether a record keeps its contract. */
export { compileRecordValidator } from './record-validator.js';
export type { RecordValidator, RecordValidatorOptions, RecordVerdict } from './record-validator.js';
export { recordErrors, locateError, describeError, isReported } from './record-errors.js';
export type { RecordError, ErrorLocation } from './record-errors.js';
export { createValidatorCache, DEFAULT_VALIDATOR_CACHE_SIZE } from './validator-cache.js';
export type { ValidatorCache, ValidatorKey } from './validator-cache.js';
export { VIOLATION_RULES, violationRule } from './violation-rules.js';
export type { ViolationRule } from './violation-rules.js';
export { linearRegExp } from './linear-regexp.js';
