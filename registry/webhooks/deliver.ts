import type { WebhookMessage } from '../storage/webhook-outbox.js';

/**
 * How long one delivery may take, connection and answer included. Receivers should queue and
 * answer at once; five seconds covers a slow one without letting a hung one hold a dispatcher slot.
 */
export const DELIVERY_TIMEOUT_MS = 5_000;

/** Longest part of a receiver's answer kept for the error message: enough to read, never a whole page. */
const MAX_ANSWER_EXCERPT = 200;

export type DeliveryResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

/**
 * POSTs a message's payload as JSON to its URL, with `X-Concord-Event` and
 * `X-Concord-Delivery` (the outbox id, the same on every retry so receivers can drop duplicates).
 * Success is any 2xx answer; redirects are not followed, since a receiver that moved must be
 * reconfigured. Never throws: failures come back as `{ ok: false, error }`.
 */
export async function deliver(message: WebhookMessage, timeoutMs: number = DELIVERY_TIMEOUT_MS): Promise<DeliveryResult> {
  try {
    const response = await fetch(message.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'concord-registry',
        'x-concord-event': message.event,
        'x-concord-delivery': String(message.id),
      },
      body: JSON.stringify(message.payload),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel();
      return { ok: true };
    }
    const answer = (await response.text().catch(() => '')).slice(0, MAX_ANSWER_EXCERPT);
    return { ok: false, error: `HTTP ${response.status}${answer === '' ? '' : `: ${answer}`}` };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, error: `no answer within ${timeoutMs} ms` };
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { ok: false, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}
