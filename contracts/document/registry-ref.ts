import semver from 'semver';
import { ConcordError } from '../errors.js';
import { CONTRACT_ID_PATTERN } from './identifiers.js';

/** The scheme of `$ref`s to another contract's record schema in the registry. */
export const REGISTRY_SCHEME = 'registry:';

/** `registry:commerce.money@^1#/definitions/Money`, taken apart. */
export interface RegistryRef {
  readonly contract: string;
  /** A semver range, matched against the published versions of `contract`. */
  readonly range: string;
  /** JSON pointer into that contract's record schema; `''` for the whole schema. */
  readonly pointer: string;
}

const CONTRACT_ID = new RegExp(CONTRACT_ID_PATTERN);

/**
 * Parses `registry:<namespace.name>@<semver range>[#<json pointer>]`. Throws ConcordError
 * `ref-unresolved` when the text does not have that form.
 */
export function parseRegistryRef(text: string): RegistryRef {
  const fail = (why: string): never => {
    throw new ConcordError(
      'ref-unresolved',
      `"${text}" is not a registry reference (${why}): write registry:namespace.name@range#/pointer, like registry:commerce.money@^1#/definitions/Money`,
    );
  };
  if (!text.startsWith(REGISTRY_SCHEME)) fail(`it does not start with ${REGISTRY_SCHEME}`);
  const hash = text.indexOf('#');
  const target = text.slice(REGISTRY_SCHEME.length, hash === -1 ? undefined : hash);
  const fragment = hash === -1 ? '' : text.slice(hash + 1);
  const at = target.indexOf('@');
  if (at === -1) fail('the version range is missing');
  const contract = target.slice(0, at);
  const range = decodeURIComponentOr(target.slice(at + 1), fail);
  if (!CONTRACT_ID.test(contract)) fail(`"${contract}" is not a contract id`);
  if (range.trim() === '' || semver.validRange(range) === null) fail(`"${range}" is not a semver range`);
  const pointer = decodeURIComponentOr(fragment, fail);
  if (pointer !== '' && !pointer.startsWith('/')) fail(`"#${fragment}" is not a JSON pointer`);
  return { contract, range, pointer };
}

function decodeURIComponentOr(text: string, fail: (why: string) => never): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return fail(`"${text}" has a broken percent-escape`);
  }
}
