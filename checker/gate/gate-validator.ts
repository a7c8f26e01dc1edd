import { escapeSegment } from '../../contracts/index.js';
import type { ValidatorCache } from '../../contracts/index.js';
import type { CheckedContract } from '../resolve-contract.js';
import type { GateError, GateValidator } from './run-gate.js';

/**
 * The gate's validator for a contract: the record schema compiled once through `cache` (keyed by
 * contract, version and content hash), ajv's errors turned into `{ path, keyword, message }`.
 */
export function gateValidator(cache: ValidatorCache, checked: CheckedContract): GateValidator {
  const { contract } = checked;
  const validate = cache.validatorFor({ contract: contract.id, version: contract.version, hash: checked.hash }, contract.schema).raw;
  return (record) => {
    if (validate(record) === true) return [];
    return (validate.errors ?? []).map((error): GateError => {
      // A missing property is reported at the property, where a reader of the dead letters looks for it.
      const missing = error.keyword === 'required' ? (error.params as { missingProperty?: unknown }).missingProperty : undefined;
      if (typeof missing === 'string') {
        return { path: `${error.instancePath}/${escapeSegment(missing)}`, keyword: 'required', message: `${error.instancePath === '' ? 'the record' : error.instancePath} lacks required property ${missing}` };
      }
      return { path: error.instancePath, keyword: error.keyword, message: `${error.instancePath === '' ? 'the record' : error.instancePath} ${error.message ?? 'is invalid'}` };
    });
  };
}
