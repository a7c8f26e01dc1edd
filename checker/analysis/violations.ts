import { fingerprint, describeError, isReported, locateError, violationRule } from '../../contracts/index.js';
import type { ErrorObject } from 'ajv';
import type { ViolationGroup } from '../model.js';

import type { PiiPolicy } from './pii-policy.js';

/** Most example values a violation group keeps: enough to see a pattern, few enough that a report of many groups stays readable. */
export const MAX_EXAMPLES_PER_VIOLATION = 20;

/** Longest example text kept; longer strings (and objects, as JSON) are cut, so one huge value cannot bloat a report. */
export const MAX_EXAMPLE_LENGTH = 200;

/**
 * Violation groups kept per run. Paths normalise array indexes, so a group per (field, keyword)
 * is bounded by the schema, except undeclared field names, which a broken producer can invent
 * without end; past this many, further groups are counted in `droppedGroups` and not listed.
 */
export const MAX_VIOLATION_GROUPS = 500;

export const REDACTED = '[redacted]';

/**
 * Distinct failing values counted per `enum`/`const` group. A finding lists the unexpected values
 * with their counts so the owner can decide on each; a broken producer can send endless distinct
 * values (ids in a status field), so past this many the rest are counted together.
 */
export const MAX_COUNTED_VALUES = 20;

/** Keywords whose failing values are counted one by one: the values themselves are the news. */
const COUNTED_KEYWORDS: ReadonlySet<string> = new Set(['enum', 'const']);

interface Group {
  readonly keyword: string;
  readonly field: string;
  readonly path: string;
  readonly message: string;
  count: number;
  /** Every failing value, several per record when array items fail. */
  occurrences: number;
  lastRecord: number;
  readonly examples: unknown[];
  /** For `enum`/`const`: occurrences per failing value (keyed by its JSON text), and those past MAX_COUNTED_VALUES distinct. */
  readonly values?: Map<string, { readonly value: unknown; count: number }>;
  otherValues: number;
}

function example(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_EXAMPLE_LENGTH ? `${value.slice(0, MAX_EXAMPLE_LENGTH)}…` : value;
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    return text.length > MAX_EXAMPLE_LENGTH ? `${text.slice(0, MAX_EXAMPLE_LENGTH)}…` : text;
  }
  return value;
}

function percent(count: number, records: number): string {
  return `${records === 0 ? 0 : Math.round((count / records) * 1000) / 10}%`;
}

/** Groups ajv errors by (field path with `[]` for array indexes, keyword) across records. */
export class ViolationCollector {
  private readonly groups = new Map<string, Group>();
  droppedGroups = 0;

  constructor(
    private readonly contract: { readonly id: string; readonly version: string },
    private readonly pii: PiiPolicy,
    private readonly maxExamples: number,
  ) {}

  /** Adds the errors of record number `index` (0-based, increasing). */
  add(index: number, record: unknown, errors: readonly ErrorObject[]): void {
    for (const error of errors) {
      if (!isReported(error)) continue;
      this.addError(index, record, error);
    }
  }

  private addError(index: number, record: unknown, error: ErrorObject): void {
    const { field, value, hasValue } = locateError(record, error);
    const key = `${field}\u0000${error.keyword}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      if (this.groups.size >= MAX_VIOLATION_GROUPS) {
        this.droppedGroups += 1;
        return;
      }
      group = {
        keyword: error.keyword,
        field,
        path: error.schemaPath.replace(/^#/, ''),
        message: describeError(error),
        count: 0,
        occurrences: 0,
        lastRecord: -1,
        examples: [],
        ...(COUNTED_KEYWORDS.has(error.keyword) ? { values: new Map() } : {}),
        otherValues: 0,
      };
      this.groups.set(key, group);
    }
    group.occurrences += 1;
    // A record failing the same check at several array items counts once, so rates stay within 0..1.
    if (group.lastRecord !== index) {
      group.lastRecord = index;
      group.count += 1;
    }
    if (hasValue && group.examples.length < this.maxExamples) {
      group.examples.push(this.pii.isSensitive(field) ? REDACTED : example(value));
    }
    if (group.values !== undefined) {
      const shown = this.pii.isSensitive(field) ? REDACTED : example(value);
      const key = JSON.stringify(shown) ?? 'undefined';
      const counted = group.values.get(key);
      if (counted !== undefined) counted.count += 1;
      else if (group.values.size < MAX_COUNTED_VALUES) group.values.set(key, { value: shown, count: 1 });
      else group.otherValues += 1;
    }
  }

  /** Values at `field` that failed `keyword`, counting each array item. */
  occurrencesOf(field: string, keyword: string): number {
    return this.groups.get(`${field}\u0000${keyword}`)?.occurrences ?? 0;
  }

  /** The groups, most frequent first, with rates over `records` analyzed. */
  finish(records: number): ViolationGroup[] {
    const { id: contract, version } = this.contract;
    return [...this.groups.values()]
      .sort((a, b) => b.count - a.count)
      .map((group) => {
        const rule = violationRule(group.keyword);
        const where = group.field === '' ? 'the record' : `field ${group.field}`;
        const message =
          `${contract} ${version}: ${where} ${group.message} in ${group.count} of ${records} records (${percent(group.count, records)}): ` +
          'fix the producer, or publish a contract version that allows these values';
        return {
          rule: rule.rule,
          severity: rule.severity,
          path: group.path,
          ...(group.field !== '' ? { field: group.field } : {}),
          message,
          keyword: group.keyword,
          count: group.count,
          rate: records === 0 ? 0 : group.count / records,
          examples: group.examples,
          ...(group.values !== undefined
            ? { values: [...group.values.values()].sort((a, b) => b.count - a.count).map(({ value, count }) => ({ value, count })), ...(group.otherValues > 0 ? { otherValues: group.otherValues } : {}) }
            : {}),
          fingerprint: fingerprint([rule.rule, group.field, group.keyword]),
        };
      });
  }
}
