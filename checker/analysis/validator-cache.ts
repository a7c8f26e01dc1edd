import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ConcordError } from '../../contracts/errors.js';
import type { JsonSchema } from '../../contracts/model.js';
import { linearRegExp } from './linear-regexp.js';
import { compileWithProtoAlias } from './proto-alias.js';

/**
 * Compiled validators a cache keeps by default. A scheduler checks a few dozen contracts; each
 * compiled validator holds its own ajv (tens to hundreds of kilobytes), so 64 keeps every busy
 * contract warm without growing with the registry.
 */
export const DEFAULT_VALIDATOR_CACHE_SIZE = 64;

/** Which validator: a contract version and the hash of its bundled record schema. */
export interface ValidatorKey {
  readonly contract: string;
  readonly version: string;
  readonly hash: string;
}

export interface ValidatorCache {
  /** The compiled validator for a key, compiling `schema` on a miss. Throws ConcordError `invalid-schema` when it does not compile. */
  validatorFor(key: ValidatorKey, schema: JsonSchema): ValidateFunction;
  /** Validators compiled so far and validators currently kept. */
  readonly compiled: number;
  readonly size: number;
}

const DIALECTS: Readonly<Record<string, 'draft-07' | '2020-12'>> = {
  'json-schema.org/draft-07/schema': 'draft-07',
  'json-schema.org/draft/2020-12/schema': '2020-12',
};

// Unknown keywords (`pii`, `x-pii`, `deprecated` in draft-07) are annotations, so strict is off.
// allErrors: a record's report lists every field that fails, not the first. Loops keep long enums small.
// ownProperties: a record without a required `toString` or `constructor` must not pass on its prototype's.
const OPTIONS: Options = { strict: false, allErrors: true, ownProperties: true, logger: false, loopEnum: 64, loopRequired: 64, code: { regExp: linearRegExp } };

function dialectOf(schema: JsonSchema, key: ValidatorKey): 'draft-07' | '2020-12' {
  if (typeof schema === 'boolean' || schema['$schema'] === undefined) return 'draft-07';
  const named = typeof schema['$schema'] === 'string' ? DIALECTS[schema['$schema'].replace(/^https?:\/\//, '').replace(/#$/, '')] : undefined;
  if (named === undefined) {
    throw new ConcordError(
      'invalid-schema',
      `${key.contract} ${key.version}: $schema ${JSON.stringify(schema['$schema'])} is not supported: use draft-07 (the default) or 2020-12`,
      { pointer: '/$schema' },
    );
  }
  return named;
}

function compile(key: ValidatorKey, schema: JsonSchema): ValidateFunction {
  const dialect = dialectOf(schema, key);
  // A fresh ajv per schema: its $ids must not meet another contract's, and eviction frees it whole.
  const ajv = dialect === '2020-12' ? new Ajv2020(OPTIONS) : new Ajv(OPTIONS);
  addFormats.default(ajv);
  try {
    // ajv skips properties named `__proto__`; the alias makes them count like any other.
    return compileWithProtoAlias(schema, (compiled) => ajv.compile(compiled));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ConcordError('invalid-schema', `${key.contract} ${key.version}: the record schema does not compile (${why}): run concord lint on the contract`, {}, { cause: error });
  }
}

/**
 * A bounded LRU of compiled record validators (ajv, draft-07 unless `$schema` says 2020-12,
 * ajv-formats on, RE2 for `pattern`), so each (contract, version, schema hash) compiles once
 * while it stays in use. `maxEntries` defaults to DEFAULT_VALIDATOR_CACHE_SIZE.
 */
export function createValidatorCache(maxEntries: number = DEFAULT_VALIDATOR_CACHE_SIZE): ValidatorCache {
  const entries = new Map<string, ValidateFunction>();
  let compiled = 0;
  return {
    get compiled() {
      return compiled;
    },
    get size() {
      return entries.size;
    },
    validatorFor(key, schema) {
      const id = JSON.stringify([key.contract, key.version, key.hash]);
      const known = entries.get(id);
      if (known !== undefined) {
        // Re-inserting moves the entry to the young end of the Map's insertion order.
        entries.delete(id);
        entries.set(id, known);
        return known;
      }
      const validate = compile(key, schema);
      compiled += 1;
      entries.set(id, validate);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return validate;
    },
  };
}
