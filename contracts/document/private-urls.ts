/**
 * Private URL schemes for `$ref` targets that have already been checked. The parser library is
 * only ever handed these, and reads nothing else, so no ref it resolves on its own (against an
 * `$id`, say) can reach the disk or the network.
 */
export const FILE_SCHEME = 'concord-file:';
export const REGISTRY_SCHEME = 'concord-registry:';

/** The private URL of a file, by its normalized path relative to the contract's folder. */
export function fileUrl(path: string): string {
  return new URL(`${FILE_SCHEME}/${path.split('/').map(encodeURIComponent).join('/')}`).href;
}

/** The private URL of a registry schema, by contract and version range. */
export function registryUrl(contract: string, range: string): string {
  return `${REGISTRY_SCHEME}/${encodeURIComponent(`${contract}@${range}`)}`;
}

/** Whether a ref is one of the private URLs above, which only this code writes. */
export function isPrivateUrl(ref: string): boolean {
  return ref.startsWith(FILE_SCHEME) || ref.startsWith(REGISTRY_SCHEME);
}

/** Private URLs in a message turned back into the refs people wrote. */
export function readable(text: string): string {
  return text
    .replace(/concord-file:\/([^\s"'#]*)/g, (_match, path: string) => `./${decodeURIComponent(path)}`)
    .replace(/concord-registry:\/([^\s"'#]*)/g, (_match, target: string) => `registry:${decodeURIComponent(target)}`);
}
