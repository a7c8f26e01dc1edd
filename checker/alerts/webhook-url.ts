import { ConcordError } from '../../contracts/errors.js';

/** How a receiver wants its alerts: Concord's JSON, or a Slack-compatible incoming-webhook message. */
export type PayloadFormat = 'json' | 'slack';

/**
 * Checks a receiver URL before anything is queued for it. The SSRF stance: receiver URLs come from
 * the operator's jobs file and from consumers registered in the registry by publishers, so only
 * `http:` and `https:` are accepted (never `file:`, `data:` or others), credentials in the URL are
 * refused (they would be written to the outbox and logs), redirects are not followed when sending,
 * only a fixed JSON payload is ever posted and the answer's body is never read or shown to anyone.
 * Private and loopback addresses are allowed on purpose: receivers inside the network (a chat
 * relay, an on-call gateway) are the common case, and the checker runs where its operator put it.
 * Throws ConcordError `invalid-argument` naming the URL (without secrets) and what to give instead.
 */
export function checkWebhookUrl(url: string, owner: string): URL {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new ConcordError('invalid-argument', `alert receiver "${url.slice(0, 80)}" of ${owner} is not an http(s) URL: give the full URL of the receiver, like https://hooks.example.com/concord`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new ConcordError('invalid-argument', `alert receiver ${parsed.protocol}//${parsed.host}${parsed.pathname} of ${owner} has credentials in its URL: put the secret in the URL path or query the receiver gives you, not in user:password@`);
  }
  return parsed;
}

/** Slack's incoming webhooks get Slack messages; every other receiver gets JSON unless configured with `format: slack`. */
export function formatFor(url: URL): PayloadFormat {
  return url.hostname === 'hooks.slack.com' ? 'slack' : 'json';
}
