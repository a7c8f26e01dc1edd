import { isConcordError } from '../contracts/index.js';

/**
 * Whether a registry error means "no usable answer" (unreachable, timed out, a 5xx) rather than a
 * real refusal (401, 403, 404): only then may a handle fall back to its cached contract.
 */
export function isOutage(error: unknown): boolean {
  if (!isConcordError(error)) return false;
  const remote = error.detail.remote;
  if (remote === undefined) return false;
  return remote.code === 'unreachable' || remote.code === 'timeout' || (remote.status !== undefined && remote.status >= 500);
}
