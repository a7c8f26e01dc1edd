import type { ValueType } from '../expressions/functions.js';
import { typeWord, valueTypeOf } from '../expressions/type-check.js';
import type { LintProblem } from '../findings.js';
import { MONOTONIC_KEYWORD, type FieldInfo } from '../schema-fields.js';
import { lintProblem } from './lint-rules.js';

/** Value types that have an order drift can follow: numbers (ids, counters, epoch timestamps) and date or date-time strings. */
const ORDERED_TYPES: ReadonlySet<ValueType> = new Set(['number', 'timestamp']);

/**
 * Warns about each field marked `x-concord-monotonic: true` whose declared type has no order the
 * drift checker can follow: there the annotation is silently ignored by drift, which is rarely
 * what its author meant. With `fields` undefined (a schema too large to list) nothing is checked.
 */
export function lintMonotonic(fields: ReadonlyMap<string, FieldInfo> | undefined): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const [field, info] of fields ?? []) {
    if (info.monotonic !== true) continue;
    const type = valueTypeOf(info);
    if (ORDERED_TYPES.has(type)) continue;
    problems.push(
      lintProblem(
        'schema-monotonic-unordered',
        `/schema${info.pointer}/${MONOTONIC_KEYWORD}`,
        `field '${field}' is marked ${MONOTONIC_KEYWORD} but is declared as ${typeWord(type)}, so drift cannot tell whether its values grow and ignores the mark: declare it as type integer or number, or as a string with format date or date-time, or remove ${MONOTONIC_KEYWORD}`,
      ),
    );
  }
  return problems;
}
