import { checkReceiverAddress, parseReceiverUrl } from '../../delivery/index.js';
import type { AddressPolicy } from '../../delivery/index.js';

/** The registry's flag that allows loopback and private receivers; its environment twin is ALLOW_PRIVATE_ENV. */
export const ALLOW_PRIVATE_FLAG = '--webhook-allow-private';

/**
 * The registry's address policy for webhooks. Private receivers are refused unless the operator
 * started the registry with {@link ALLOW_PRIVATE_FLAG}: consumer webhooks are registered by
 * publishers, who must not be able to point the registry at services inside its network.
 */
export function webhookAddressPolicy(allowPrivate: boolean): AddressPolicy {
  return Object.freeze({ allowPrivate, optIn: `start the registry with ${ALLOW_PRIVATE_FLAG} (or CONCORD_WEBHOOK_ALLOW_PRIVATE=true)` });
}

/**
 * Checks a webhook URL when it is registered (a consumer's) or configured (an owner receiver):
 * http(s) only, and not an IP address the policy refuses. Host names are judged again on every
 * delivery, after DNS. Throws ConcordError `invalid-argument` naming the URL and what to do.
 */
export function checkReceiverUrl(url: string, policy: AddressPolicy, what = 'webhook'): URL {
  const parsed = parseReceiverUrl(url, (shown) => `${what} ${shown}`);
  checkReceiverAddress(parsed, policy, what);
  return parsed;
}
