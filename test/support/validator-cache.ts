import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../../contracts/model.js';
import { canonicalJson } from '../../contracts/diff/canonical-json.js';

/**
 * The oracle of the property tests: ajv decides whether a record is valid under a schema.
 * Not strict, because generated schemas combine keywords (a `type` list beside an `enum`) that
 * ajv's strict mode flags although they are valid JSON Schema; allErrors so a failure lists every
 * reason. One ajv per cache: a property run compiles a few hundred small schemas.
 */
export interface ValidatorCache {
  readonly isValid: (schema: JsonSchema, record: unknown) => boolean;
  /** ajv's errors for a record under a schema, as one line of text; empty when valid. */
  readonly explain: (schema: JsonSchema, record: unknown) => string;
}

export function createValidatorCache(): ValidatorCache {
  // Generated code is run a few dozen times per schema, so ajv's code optimisation costs more than it saves.
  const ajv = new Ajv({ strict: false, allErrors: true, code: { optimize: false } });
  addFormats.default(ajv);
  const byIdentity = new WeakMap<object, ValidateFunction>();
  const byContent = new Map<string, ValidateFunction>();
  const validatorFor = (schema: JsonSchema): ValidateFunction => {
    const known = typeof schema === 'object' ? byIdentity.get(schema) : undefined;
    if (known !== undefined) return known;
    const key = canonicalJson(schema);
    const validate = byContent.get(key) ?? ajv.compile(schema);
    byContent.set(key, validate);
    if (typeof schema === 'object') byIdentity.set(schema, validate);
    return validate;
  };
  return {
    isValid: (schema, record) => validatorFor(schema)(record) === true,
    explain: (schema, record) => {
      const validate = validatorFor(schema);
      if (validate(record) === true) return '';
      return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ');
    },
  };
}
