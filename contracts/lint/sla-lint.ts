import { DURATION_HINT, parseDuration, parsePeriod, TIME_GRAINS } from '../durations.js';
import { unknownFieldAdvice } from '../expressions/closest-name.js';
import { valueTypeOf } from '../expressions/type-check.js';
import type { LintProblem } from '../findings.js';
import type { Sla } from '../model.js';
import type { FieldInfo } from '../schema-fields.js';
import { lintProblem } from './lint-rules.js';

function lintFreshness(freshness: NonNullable<Sla['freshness']>, fields: ReadonlyMap<string, FieldInfo> | undefined): LintProblem[] {
  const problems: LintProblem[] = [];
  const info = fields?.get(freshness.field);
  if (fields !== undefined && info === undefined) {
    const { advice } = unknownFieldAdvice(freshness.field, fields.keys());
    problems.push(lintProblem('sla-unknown-field', '/sla/freshness/field', `sla freshness field '${freshness.field}' is not a field: ${advice}`));
  } else if (info !== undefined && valueTypeOf(info) !== 'timestamp') {
    problems.push(
      lintProblem(
        'sla-not-timestamp',
        '/sla/freshness/field',
        `sla freshness field '${freshness.field}' is not a timestamp, so the age of records cannot be measured: declare it as type string with format date-time, or pick a date-time field`,
      ),
    );
  }
  if (parseDuration(freshness.max_age) === undefined) {
    problems.push(lintProblem('sla-invalid-duration', '/sla/freshness/max_age', `sla freshness max_age "${freshness.max_age}" is not a duration: ${DURATION_HINT}`));
  }
  return problems;
}

function lintVolume(volume: NonNullable<Sla['volume']>): LintProblem[] {
  const problems: LintProblem[] = [];
  if (parsePeriod(volume.per) === undefined) {
    problems.push(
      lintProblem('sla-invalid-duration', '/sla/volume/per', `sla volume per "${volume.per}" is not a period: use one of ${TIME_GRAINS.join(', ')}, or a duration (${DURATION_HINT})`),
    );
  }
  for (const bound of ['min', 'max'] as const) {
    const value = volume[bound];
    if (value !== undefined && value < 0) {
      problems.push(lintProblem('sla-invalid-volume', `/sla/volume/${bound}`, `sla volume ${bound} is ${value}: a record count cannot be negative`));
    }
  }
  if (volume.min !== undefined && volume.max !== undefined && volume.min > volume.max) {
    problems.push(lintProblem('sla-invalid-volume', '/sla/volume', `sla volume min ${volume.min} is above max ${volume.max}: swap them, or raise max`));
  }
  return problems;
}

/**
 * Lints the SLA: the freshness field exists and is a date-time field, max_age is a duration,
 * the volume period is a grain or duration, and the volume bounds are sane. With `fields`
 * undefined (a schema too large to list) the field checks are skipped.
 */
export function lintSla(sla: Sla | undefined, fields: ReadonlyMap<string, FieldInfo> | undefined): LintProblem[] {
  return [
    ...(sla?.freshness !== undefined ? lintFreshness(sla.freshness, fields) : []),
    ...(sla?.volume !== undefined ? lintVolume(sla.volume) : []),
  ];
}
