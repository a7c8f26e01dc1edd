import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from 'typebox';
import { ConcordError } from '../../contracts/index.js';
import { CheckFindingSchema, CheckReportSchema, MAX_RUN_SOURCE_LENGTH, ViolationGroupSchema } from '../../vocabulary/index.js';
import type { CheckFinding, CheckReport, ViolationGroup } from '../../vocabulary/index.js';

/*
 * Recorded reports are checked against the vocabulary's CheckReportSchema, the one definition
 * the checker writes by: ajv compiles it (and the finding schemas the UI reads stored items
 * through) once per process, on first use.
 */

let ajv: Ajv | undefined;

function compile<T>(schema: TSchema): () => ValidateFunction<T> {
  let compiled: ValidateFunction<T> | undefined;
  return () => {
    if (ajv === undefined) {
      // verbose: errors carry their schema, so a union of constants can be named as its values.
      ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true, verbose: true, logger: false });
      addFormats.default(ajv, ['date-time']);
    }
    compiled ??= ajv.compile<T>(schema);
    return compiled;
  };
}

const reportValidator = compile<CheckReport>(CheckReportSchema);
const findingValidator = compile<CheckFinding>(CheckFindingSchema);
const violationValidator = compile<ViolationGroup>(ViolationGroupSchema);

/** Whether `value` is a drift finding as the vocabulary defines it. */
export const isCheckFinding = (value: unknown): value is CheckFinding => findingValidator()(value);

/** Whether `value` is a violation group as the vocabulary defines it. */
export const isViolationGroup = (value: unknown): value is ViolationGroup => violationValidator()(value);

/** The constants of a union of literals (`anyOf` of `const`s), or undefined for any other schema. */
function constants(schema: unknown): unknown[] | undefined {
  if (!Array.isArray(schema)) return undefined;
  const values = schema.map((branch: unknown) => (typeof branch === 'object' && branch !== null && 'const' in branch ? branch.const : undefined));
  return values.includes(undefined) ? undefined : values;
}

/** The first error, said as a person would: at a JSON pointer, what is wrong. */
function describeError(errors: readonly ErrorObject[]): { readonly pointer: string; readonly text: string } | undefined {
  const first = errors[0];
  if (first === undefined) return undefined;
  // A union reports each branch's failure before its own: the union says it better.
  const union = errors.find((error) => error.keyword === 'anyOf' && error.instancePath === first.instancePath);
  const error = union ?? first;
  const at = error.instancePath === '' ? 'the report' : error.instancePath;
  const params = error.params as { readonly missingProperty?: string; readonly allowedValues?: readonly unknown[] };
  const allowed = error.keyword === 'enum' ? params.allowedValues : error.keyword === 'anyOf' ? constants(error.schema) : undefined;
  let text = `${at} ${error.message ?? 'is not valid'}`;
  if (error.keyword === 'required') text = `${at} misses ${String(params.missingProperty)}`;
  else if (allowed !== undefined) text = `${at} must be one of ${allowed.join(', ')}`;
  return { pointer: error.instancePath, text };
}

/**
 * `body` as a CheckReport for `contractId`, or ConcordError `invalid-argument` naming the first
 * member that does not conform (with its JSON pointer), a source text the registry cannot store
 * (a NUL, more than MAX_RUN_SOURCE_LENGTH bytes of UTF-8) or a report of another contract.
 */
export function checkRunReport(body: unknown, contractId: string): CheckReport {
  const validate = reportValidator();
  if (!validate(body)) {
    const first = describeError(validate.errors ?? []);
    throw new ConcordError(
      'invalid-argument',
      `the run for ${contractId} is not a Concord check report: ${first?.text ?? 'it is not a check report'}; send the JSON that \`concord check --format json\` writes`,
      first === undefined ? {} : { pointer: first.pointer },
    );
  }
  for (const key of ['source', 'sourceName'] as const) {
    const text = body[key];
    if (text === undefined) continue;
    if (text.includes('\u0000')) {
      throw new ConcordError('invalid-argument', `/${key} of the run for ${contractId} holds a NUL character (U+0000), which no text the registry stores may hold: remove it`, { pointer: `/${key}` });
    }
    if (Buffer.byteLength(text, 'utf8') > MAX_RUN_SOURCE_LENGTH) {
      throw new ConcordError('invalid-argument', `/${key} of the run for ${contractId} is longer than ${MAX_RUN_SOURCE_LENGTH} bytes of UTF-8: name the source more briefly`, { pointer: `/${key}` });
    }
  }
  if (body.contract !== contractId) {
    throw new ConcordError('invalid-argument', `the report is for ${body.contract.slice(0, 200)}, not ${contractId}: post it to /api/contracts/${body.contract.slice(0, 200)}/runs`, { pointer: '/contract' });
  }
  return body;
}
