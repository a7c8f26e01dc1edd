import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ConcordError } from '../errors.js';
import type { JsonSchema } from '../model.js';
import { linearRegExp } from './linear-regexp.js';
import { compileWithProtoAlias } from './proto-alias.js';
import { recordErrors, type RecordError } from './record-errors.js';

/** A record's verdict: valid, or every reason it is not. */
export interface RecordVerdict {
  readonly valid: boolean;
  readonly errors: readonly RecordError[];
}

/** A record schema compiled once, answering for one record at a time. */
export interface RecordValidator {
  /** The verdict for one record; errors name fields and rules, never values. */
  validate(record: unknown): RecordVerdict;
  /** ajv's compiled function, for callers that group its raw errors across records (the checker's violation collector). */
  readonly raw: ValidateFunction;
}

export interface RecordValidatorOptions {
  /** How error messages name the schema, e.g. `commerce.orders 2.1.0`; default `the record schema`. */
  readonly label?: string;
}

const DIALECTS: Readonly<Record<string, 'draft-07' | '2020-12'>> = {
  'json-schema.org/draft-07/schema': 'draft-07',
  'json-schema.org/draft/2020-12/schema': '2020-12',
};

// Unknown keywords (`pii`, `x-pii`, `deprecated` in draft-07) are annotations, so strict is off.
// allErrors: a record's report lists every field that fails, not the first. Loops keep long enums small.
// ownProperties: a record without a required `toString` or `constructor` must not pass on its prototype's.
const OPTIONS: Options = { strict: false, allErrors: true, ownProperties: true, logger: false, loopEnum: 64, loopRequired: 64, code: { regExp: linearRegExp } };

/** The verdict every valid record shares: frozen, so the valid path allocates nothing. */
const VALID: RecordVerdict = Object.freeze({ valid: true, errors: Object.freeze([]) });

function dialectOf(schema: JsonSchema, label: string): 'draft-07' | '2020-12' {
  if (typeof schema === 'boolean' || schema['$schema'] === undefined) return 'draft-07';
  const named = typeof schema['$schema'] === 'string' ? DIALECTS[schema['$schema'].replace(/^https?:\/\//, '').replace(/#$/, '')] : undefined;
  if (named === undefined) {
    throw new ConcordError(
      'invalid-schema',
      `${label}: $schema ${JSON.stringify(schema['$schema'])} is not supported: use draft-07 (the default) or 2020-12`,
      { pointer: '/$schema' },
    );
  }
  return named;
}

/**
 * Compiles a bundled record schema the way every Concord entry point validates records (the
 * checker, the gate, the agent SDK): ajv, draft-07 unless `$schema` says 2020-12, ajv-formats
 * (full mode), RE2 for `pattern` so matching is linear in the input, own properties only, every
 * error listed, `__proto__` members checked like any other. Throws ConcordError `invalid-schema`
 * when the schema does not compile.
 */
export function compileRecordValidator(schema: JsonSchema, options: RecordValidatorOptions = {}): RecordValidator {
  const label = options.label ?? 'the record schema';
  const dialect = dialectOf(schema, label);
  // A fresh ajv per schema: its $ids must not meet another contract's, and dropping the validator frees it whole.
  const ajv = dialect === '2020-12' ? new Ajv2020(OPTIONS) : new Ajv(OPTIONS);
  addFormats.default(ajv);
  let raw: ValidateFunction;
  try {
    // ajv skips properties named `__proto__`; the alias makes them count like any other.
    raw = compileWithProtoAlias(schema, (compiled) => ajv.compile(compiled));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ConcordError('invalid-schema', `${label}: the record schema does not compile (${why}): run concord lint on the contract`, {}, { cause: error });
  }
  return {
    raw,
    validate(record) {
      if (raw(record) === true) return VALID;
      return { valid: false, errors: recordErrors(record, raw.errors ?? []) };
    },
  };
}
