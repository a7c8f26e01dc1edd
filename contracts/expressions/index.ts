/** The metric and feature expression language: parse, normalize, print, compare and type check. */
export type * from './ast.js';
export { parseExpression } from './parser.js';
export { normalizeExpression } from './normalize.js';
export { printExpression } from './print.js';
export { compareExpr } from './compare.js';
export { sameMeaning } from './same-meaning.js';
export { typeCheck, valueTypeOf, aggregationAccepts } from './type-check.js';
export type { ExpressionProblem, TypeCheckOptions, TypeCheckResult } from './type-check.js';
export { FUNCTIONS } from './functions.js';
export type { FunctionSpec, ValueType } from './functions.js';
export { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from './limits.js';
export { referencedFields } from './referenced-fields.js';
export { evaluateExpression, readField, MAX_EVALUATION_DEPTH } from './evaluate.js';
export type { EvaluationError, EvaluationResult, ExpressionValue, FieldRead } from './evaluate.js';
