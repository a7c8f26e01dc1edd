import type { FieldInfo, JsonType } from '../../contracts/index.js';
import type { FieldProfile, ViolationGroup } from '../model.js';
import { percent } from './drift-finding.js';
import type { DriftFindingInput } from './drift-finding.js';

/** Formats whose values are dates: integers arriving instead are checked for epoch timestamps. */
const DATE_FORMATS: ReadonlySet<string> = new Set(['date-time', 'date', 'iso-date-time']);

/** The profile's pseudo-formats counting integers that look like epoch timestamps (see checker/analysis). */
const EPOCH_FORMATS: readonly (readonly [string, string])[] = [
  ['epoch-millis', 'epoch milliseconds'],
  ['epoch-seconds', 'epoch seconds'],
];

function allows(declared: ReadonlySet<JsonType>, observed: string): boolean {
  return declared.has(observed as JsonType) || (observed === 'integer' && declared.has('number'));
}

function typeList(types: Iterable<string>): string {
  return [...types].join(' or ');
}

/** Whether the type violation examples show numbers written as strings (`"12.50"`). */
function numericStrings(field: string, violations: readonly ViolationGroup[]): string | undefined {
  const group = violations.find((candidate) => candidate.field === field && candidate.keyword === 'type');
  const examples = group?.examples.filter((value) => value !== null) ?? [];
  if (examples.length === 0) return undefined;
  const numeric = examples.every((value) => typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
  return numeric ? JSON.stringify(examples[0]) : undefined;
}

/**
 * What a changed type looks like in the profile: the share of values with a type the contract
 * does not allow (null aside, which null-not-allowed reports), told as "numbers arriving as
 * strings" or as `date-as-epoch` when the evidence says so. Undefined when only null is new.
 */
export function describeTypeDrift(
  field: string,
  info: FieldInfo,
  seen: FieldProfile,
  violations: readonly ViolationGroup[],
): Omit<DriftFindingInput, 'field'> | undefined {
  const foreign = Object.entries(seen.types).filter(([type, count]) => type !== 'null' && count > 0 && !allows(info.types, type));
  if (foreign.length === 0) return undefined;
  const count = foreign.reduce((sum, [, n]) => sum + n, 0);
  const rate = seen.present > 0 ? count / seen.present : 0;
  const declaredText = typeList([...info.types].filter((type) => type !== 'null'));
  const arrives = typeList(foreign.map(([type]) => type));
  const before = [...info.types];
  const after = Object.fromEntries(foreign);

  const integers = (seen.types['integer'] ?? 0) + (seen.types['number'] ?? 0);
  if (info.format !== undefined && DATE_FORMATS.has(info.format) && info.types.has('string') && integers > 0) {
    for (const [format, words] of EPOCH_FORMATS) {
      const hits = seen.formats?.[format];
      if (hits !== undefined && hits.matched > 0 && hits.matched * 2 >= integers) {
        return {
          rule: 'date-as-epoch',
          message: `field ${field} arrives as integers that look like ${words} in ${percent(hits.matched / Math.max(1, seen.present))} of the records that carry it, where the contract declares ${info.format} strings`,
          before: { type: before, format: info.format },
          after: { ...after, [format]: hits.matched },
        };
      }
    }
  }
  const example = (info.types.has('number') || info.types.has('integer')) && foreign.some(([type]) => type === 'string') ? numericStrings(field, violations) : undefined;
  const story = example !== undefined ? ` (numbers arriving as strings, e.g. ${example})` : '';
  return {
    rule: 'field-type-changed',
    message: `field ${field} arrives as ${arrives} in ${percent(rate)} of the records that carry it, where the contract allows ${declaredText || 'no other type'}${story}`,
    before,
    after,
  };
}
