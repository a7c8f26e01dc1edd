import { lookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connectRefusal, screenedLookup } from '../../contracts/addresses/address-policy.js';
import type { AddressPolicy } from '../../contracts/addresses/address-policy.js';
import { isConcordError } from '../../contracts/errors.js';
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

/** The first {@link MAX_ANSWER_EXCERPT} characters of an answer's body; the rest is never read. */
function answerExcerpt(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      text += chunk;
      if (text.length >= MAX_ANSWER_EXCERPT) response.destroy();
    });
    response.on('close', () => resolve(text.slice(0, MAX_ANSWER_EXCERPT)));
  });
}

/**
 * POSTs a message's payload as JSON to its URL, with `X-Concord-Event` and
 * `X-Concord-Delivery` (the outbox id, the same on every retry so receivers can drop duplicates).
 * Success is any 2xx answer; redirects are not followed, since a receiver that moved must be
 * reconfigured. The receiver's address must pass `policy`: a host written as an IP address is
 * judged before connecting, a host name after DNS, and the connection goes to the address that
 * was judged (see screenedLookup), so a name that resolves to a refused address, or changes its
 * answer in between, never reaches it. Never throws: failures come back as `{ ok: false, error }`,
 * with an excerpt of the answer only from a receiver the policy allowed.
 */
export function deliver(message: WebhookMessage, policy: AddressPolicy, timeoutMs: number = DELIVERY_TIMEOUT_MS): Promise<DeliveryResult> {
  const refusal = connectRefusal(message.url, policy);
  if (refusal !== undefined) return Promise.resolve({ ok: false, error: refusal, refused: true });
  const url = new URL(message.url);
  const body = JSON.stringify(message.payload);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: DeliveryResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'concord-registry',
          'x-concord-event': message.event,
          'x-concord-delivery': String(message.id),
        },
        lookup: screenedLookup(policy, lookup),
        // No pooled connections: every delivery resolves and judges its receiver's address afresh.
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          response.resume();
          finish({ ok: true });
          return;
        }
        void answerExcerpt(response).then((answer) => finish({ ok: false, error: `HTTP ${status}${answer === '' ? '' : `: ${answer}`}`, refused: false }));
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, error: `no answer within ${timeoutMs} ms`, refused: false });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) => finish({ ok: false, error: error.message, refused: isConcordError(error) }));
    request.end(body);
  });
}
