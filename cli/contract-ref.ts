import semver from 'semver';
import { ConcordError, CONTRACT_ID_PATTERN } from '../contracts/index.js';

const CONTRACT_ID = new RegExp(CONTRACT_ID_PATTERN);

/** `commerce.orders@^2`, taken apart. */
export interface ContractRef {
  readonly id: string;
  /** A semver range; `*` when the argument named no range and one was optional. */
  readonly range: string;
}

/** Checks a contract id argument: `namespace.name`, lowercase. */
export function parseContractId(text: string): string {
  if (!CONTRACT_ID.test(text)) {
    throw new ConcordError('invalid-argument', `"${text}" is not a contract id: write it as namespace.name, e.g. commerce.orders`);
  }
  return text;
}

/**
 * Parses `namespace.name@range`. Without `@range` the range is `*` (any version) unless
 * `requireRange` is set. Throws ConcordError `invalid-argument` for a bad id or range.
 */
export function parseContractRef(text: string, options: { readonly requireRange?: boolean } = {}): ContractRef {
  const at = text.indexOf('@');
  const id = parseContractId(at === -1 ? text : text.slice(0, at));
  if (at === -1) {
    if (options.requireRange === true) {
      throw new ConcordError('invalid-argument', `"${text}" names no version range: write it as ${id}@^2 (or another semver range)`);
    }
    return { id, range: '*' };
  }
  const range = text.slice(at + 1);
  if (range.trim() === '' || semver.validRange(range) === null) {
    throw new ConcordError('invalid-argument', `"${range}" in "${text}" is not a semver range: write e.g. ${id}@^2 or ${id}@">=2.1 <3"`);
  }
  return { id, range };
}
