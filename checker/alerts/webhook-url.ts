import { checkReceiverAddress, parseReceiverUrl } from '../../delivery/index.js';
import type { AddressPolicy } from '../../delivery/index.js';
import { ConcordError } from '../../contracts/index.js';

/** How a receiver wants its alerts: Concord's JSON, or a Slack-compatible incoming-webhook message. */
export type PayloadFormat = 'json' | 'slack';

/** The jobs file key that allows loopback and private receivers, under `alerts:`; its environment twin is ALLOW_PRIVATE_ENV. */
export const ALLOW_PRIVATE_KEY = 'allow-private';

/**
 * The checker's address policy for alert receivers. Private receivers are refused unless the
 * operator allows them in the jobs file or the environment: consumers' webhooks are registered in
 * the registry by publishers, who must not be able to point the checker at services inside its network.
 */
export function alertAddressPolicy(allowPrivate: boolean): AddressPolicy {
  return Object.freeze({ allowPrivate, optIn: `set alerts.${ALLOW_PRIVATE_KEY}: true in the jobs file (or CONCORD_WEBHOOK_ALLOW_PRIVATE=true)` });
}

/**
 * Checks a receiver URL before anything is queued for it. The SSRF stance: receiver URLs come from
 * the operator's jobs file and from consumers registered in the registry by publishers, so only
 * `http:` and `https:` are accepted (never `file:`, `data:` or others), credentials in the URL are
 * refused (they would be written to the outbox and logs), a host written as an IP address must
 * pass `policy` (public addresses only unless the operator allowed private ones; link-local
 * metadata endpoints never), redirects are not followed when sending, host names are judged
 * again after DNS on every delivery, only a fixed JSON payload is ever posted and the answer's
 * body is never read or shown to anyone.
 * Throws ConcordError `invalid-argument` naming the URL (without secrets) and what to give instead.
 */
export function checkWebhookUrl(url: string, owner: string, policy: AddressPolicy): URL {
  const parsed = parseReceiverUrl(url, (shown) => `alert receiver ${shown} of ${owner}`);
  if (parsed.username !== '' || parsed.password !== '') {
    throw new ConcordError('invalid-argument', `alert receiver ${parsed.protocol}//${parsed.host}${parsed.pathname} of ${owner} has credentials in its URL: put the secret in the URL path or query the receiver gives you, not in user:password@`);
  }
  checkReceiverAddress(parsed, policy, `alert receiver of ${owner}`);
  return parsed;
}

/** Slack's incoming webhooks get Slack messages; every other receiver gets JSON unless configured with `format: slack`. */
export function formatFor(url: URL): PayloadFormat {
  return url.hostname === 'hooks.slack.com' ? 'slack' : 'json';
}
