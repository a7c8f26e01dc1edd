import { isConcordError } from '../errors.js';
import type { LintProblem } from '../findings.js';
import type { Contract } from '../model.js';
import { listFields, type FieldInfo } from '../schema-fields.js';
import { lintDefinitionNames } from './definition-names.js';
import { lintFeatures } from './feature-lint.js';
import { lintMetrics } from './metric-lint.js';
import { lintMonotonic } from './monotonic-lint.js';
import { lintProblem } from './lint-rules.js';
import { lintSla } from './sla-lint.js';

function fieldsOf(contract: Contract): { fields?: ReadonlyMap<string, FieldInfo>; problem?: LintProblem } {
  try {
    return { fields: listFields(contract.schema) };
  } catch (error) {
    if (isConcordError(error) && error.code === 'too-large') {
      return { problem: lintProblem('schema-too-large', '/schema', `${contract.id}: ${error.message}`) };
    }
    throw error;
  }
}

/**
 * Lints what the meta-schema cannot see: metric and feature names, expressions and filters
 * against the record schema's fields and types, dimensions, entities, source fields, durations,
 * the SLA freshness field, references and `x-concord-monotonic` marks on fields without an order. Problems carry a JSON pointer into the contract
 * (`/metrics/0/expression`) and no file position; expression problems name the column in the
 * message. Rule ids and severities are in SEMANTIC_LINT_RULES.
 */
export function lintSemantics(contract: Contract): LintProblem[] {
  const { fields, problem } = fieldsOf(contract);
  return [
    ...(problem !== undefined ? [problem] : []),
    ...lintMonotonic(fields),
    ...lintDefinitionNames('metric', contract.metrics),
    ...lintMetrics(contract.metrics, fields),
    ...lintDefinitionNames('feature', contract.features),
    ...lintFeatures(contract.features, fields),
    ...lintSla(contract.sla, fields),
  ];
}
