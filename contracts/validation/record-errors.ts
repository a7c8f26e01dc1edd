import type { ErrorObject } from 'ajv';
import { violationRule } from './violation-rules.js';

/** One reason a record fails its contract: the field (dotted, `[]` for array items), the rule id and what is wrong. */
export interface RecordError {
  /** Dotted field path with `[]` for array items (`items[].sku`); `''` for the record itself. */
  readonly field: string;
  /** The violation rule id (`record-type`, `record-required`, ...), as the checker reports it. */
  readonly rule: string;
  readonly message: string;
  /** JSON pointer of the failing value inside the record (`/items/2/sku`). */
  readonly pointer: string;
}

/** Where an ajv error sits in a record: its field name, and the failing value when the record holds one there. */
export interface ErrorLocation {
  readonly field: string;
  readonly value: unknown;
  /** False for a missing property: there is no value to show. */
  readonly hasValue: boolean;
}

/** Errors inside alternatives only explain why the `anyOf`/`oneOf`/`propertyNames` itself failed, which is reported once. */
const EXPLANATION = /\/(?:anyOf|oneOf)\/\d+\/|\/propertyNames\//;

/** Whether an error is reported on its own, not only as the explanation of another one (an `if` or an alternative's detail). */
export function isReported(error: ErrorObject): boolean {
  return error.keyword !== 'if' && !EXPLANATION.test(error.schemaPath);
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The property an error names below its instance path (a missing or an undeclared one). */
function namedProperty(error: ErrorObject): string | undefined {
  const params = error.params as Readonly<Record<string, unknown>>;
  const name = params['missingProperty'] ?? params['additionalProperty'] ?? params['unevaluatedProperty'];
  return typeof name === 'string' ? name : undefined;
}

/** The field an error is about and the value there, walking `record` along the error's instance path. */
export function locateError(record: unknown, error: ErrorObject): ErrorLocation {
  let field = '';
  let value: unknown = record;
  if (error.instancePath !== '') {
    for (const raw of error.instancePath.slice(1).split('/')) {
      const segment = unescapeSegment(raw);
      if (Array.isArray(value)) {
        field += '[]';
        value = value[Number(segment)];
      } else {
        field = field === '' ? segment : `${field}.${segment}`;
        value = value !== null && typeof value === 'object' ? (value as Readonly<Record<string, unknown>>)[segment] : undefined;
      }
    }
  }
  const property = namedProperty(error);
  if (property === undefined) return { field, value, hasValue: true };
  const undeclared = error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties';
  const inner = undeclared && value !== null && typeof value === 'object' ? (value as Readonly<Record<string, unknown>>)[property] : undefined;
  return { field: field === '' ? property : `${field}.${property}`, value: inner, hasValue: undeclared };
}

/** What is wrong, after "field x": ajv's words, except where the field is the property the error names. */
export function describeError(error: ErrorObject): string {
  if (error.keyword === 'required') return 'is missing (required)';
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') return 'is not declared, and the contract allows no undeclared fields there';
  return error.message ?? `fails ${error.keyword}`;
}

/** JSON pointer of the value an error is about: the named property for a missing or undeclared one. */
function pointerOf(error: ErrorObject): string {
  const property = namedProperty(error);
  return property === undefined ? error.instancePath : `${error.instancePath}/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** ajv's errors for `record` as record errors, explanations of other errors left out. Values never appear in messages. */
export function recordErrors(record: unknown, errors: readonly ErrorObject[]): RecordError[] {
  const out: RecordError[] = [];
  for (const error of errors) {
    if (!isReported(error)) continue;
    const { field } = locateError(record, error);
    const where = field === '' ? 'the record' : `field ${field}`;
    out.push({ field, rule: violationRule(error.keyword).rule, message: `${where} ${describeError(error)}`, pointer: pointerOf(error) });
  }
  return out;
}
