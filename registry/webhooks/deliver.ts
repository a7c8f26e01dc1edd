import type { AddressPolicy } from '../../contracts/addresses/address-policy.js';
import { postJson } from '../../contracts/addresses/post-json.js';
import type { PostJsonResult } from '../../contracts/addresses/post-json.js';
import type { WebhookMessage } from '../storage/webhook-outbox.js';

/**
 * How long one delivery may take, connection and answer included. Receivers should queue and
 * answer at once; five seconds covers a slow one without letting a hung one hold a dispatcher slot.
 */
export const DELIVERY_TIMEOUT_MS = 5_000;

/** Longest part of a receiver's answer kept for the error message: enough to read, never a whole page. */
const MAX_ANSWER_EXCERPT = 200;

/**
 * A failed delivery says whether it was refused by the address policy: retrying a refused one
 * cannot help (the operator must change the receiver or the policy), so it is given up at once.
 */
export type DeliveryResult = { readonly ok: true } | { readonly ok: false; readonly error: string; readonly refused: boolean };

/** A failed POST as the outbox records it. */
function failure(result: Exclude<PostJsonResult, { ok: true }>, timeoutMs: number): DeliveryResult {
  switch (result.reason) {
    case 'refused':
      return { ok: false, error: result.detail, refused: true };
    case 'answered':
      return { ok: false, error: `HTTP ${result.status}${result.excerpt === '' ? '' : `: ${result.excerpt}`}`, refused: false };
    case 'timeout':
      return { ok: false, error: `no answer within ${timeoutMs} ms`, refused: false };
    case 'unreachable':
      return { ok: false, error: result.detail, refused: false };
  }
}

/**
 * POSTs a message's payload as JSON to its URL, with `X-Concord-Event` and
 * `X-Concord-Delivery` (the outbox id, the same on every retry so receivers can drop duplicates),
 * through postJson: success is any 2xx answer, redirects are not followed (a receiver that moved
 * must be reconfigured), and the receiver's address must pass `policy`, judged after DNS for a
 * host name with the connection pinned to the judged address. Never throws: failures come back as
 * `{ ok: false, error }`, with an excerpt of the answer only from a receiver the policy allowed.
 */
export async function deliver(message: WebhookMessage, policy: AddressPolicy, timeoutMs: number = DELIVERY_TIMEOUT_MS): Promise<DeliveryResult> {
  const result = await postJson(message.url, message.payload, {
    policy,
    timeoutMs,
    excerptChars: MAX_ANSWER_EXCERPT,
    headers: { 'user-agent': 'concord-registry', 'x-concord-event': message.event, 'x-concord-delivery': String(message.id) },
  });
  return result.ok ? { ok: true } : failure(result, timeoutMs);
}
