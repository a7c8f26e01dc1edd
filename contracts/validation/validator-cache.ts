import { LRUCache } from 'lru-cache';
import type { JsonSchema } from '../model.js';
import { compileRecordValidator, type RecordValidator } from './record-validator.js';

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
  validatorFor(key: ValidatorKey, schema: JsonSchema): RecordValidator;
  /** Validators compiled so far and validators currently kept. */
  readonly compiled: number;
  readonly size: number;
}

/**
 * A bounded LRU of record validators (compileRecordValidator), so each (contract, version,
 * schema hash) compiles once while it stays in use. `maxEntries` defaults to
 * DEFAULT_VALIDATOR_CACHE_SIZE.
 */
export function createValidatorCache(maxEntries: number = DEFAULT_VALIDATOR_CACHE_SIZE): ValidatorCache {
  const entries = new LRUCache<string, RecordValidator>({ max: maxEntries });
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
      if (known !== undefined) return known;
      const validator = compileRecordValidator(schema, { label: `${key.contract} ${key.version}` });
      compiled += 1;
      entries.set(id, validator);
      return validator;
    },
  };
}
