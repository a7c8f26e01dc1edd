import semver from 'semver';
import { CONTRACT_ID_PATTERN, ConcordError, MAX_CONTRACT_ID_LENGTH } from '../contracts/index.js';

const CONTRACT_ID = new RegExp(CONTRACT_ID_PATTERN);

/** `commerce.orders@^2`, taken apart. */
export interface ContractRef {
  readonly id: string;
  /** A semver range; an exact version is a range too. `*` when the reference named none. */
  readonly range: string;
}

/** Checks a contract id argument; throws ConcordError `invalid-argument` naming the expected form. */
export function checkContractId(text: string): string {
  if (text.length > MAX_CONTRACT_ID_LENGTH || !CONTRACT_ID.test(text)) {
    throw new ConcordError('invalid-argument', `"${text.slice(0, MAX_CONTRACT_ID_LENGTH)}" is not a contract id: write it as namespace.name, e.g. commerce.orders`);
  }
  return text;
}

/**
 * Parses `namespace.name@range` (`commerce.orders@^2`, `commerce.orders@2.1.0`); without `@range`
 * the range is `*`, the newest version that is not yanked. Throws ConcordError `invalid-argument`.
 */
export function parseContractRef(text: string): ContractRef {
  const at = text.indexOf('@');
  const id = checkContractId(at === -1 ? text : text.slice(0, at));
  if (at === -1) return { id, range: '*' };
  const range = text.slice(at + 1);
  if (range.trim() === '' || semver.validRange(range) === null) {
    throw new ConcordError('invalid-argument', `"${range}" in "${text}" is not a semver range: write e.g. ${id}@^2, ${id}@2.1.0 or ${id}@">=2.1 <3"`);
  }
  return { id, range };
}
