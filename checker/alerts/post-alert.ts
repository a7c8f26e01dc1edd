import { lookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connectRefusal, screenedLookup } from '../../contracts/addresses/address-policy.js';
import type { AddressPolicy } from '../../contracts/addresses/address-policy.js';
import { isConcordError } from '../../contracts/errors.js';
import type { QueuedDelivery } from './outbox.js';

/**
 * What one attempt came to. A refusal by the address policy is marked: sending again cannot
 * help until the operator changes the receiver or the policy, so the delivery is given up at once.
 */
export type PostResult = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly error: string; readonly refused: boolean };

/**
 * POSTs a delivery's payload as JSON with `x-concord-alert-id` and `x-concord-delivery-id`.
 * A redirect is refused, not followed: a receiver cannot point the checker somewhere else. The
 * receiver's address must pass `policy`, judged before connecting for an IP-address host and
 * after DNS for a host name, and the connection goes to the very address judged (see
 * screenedLookup). The answer's body is never read. Never throws.
 */
export function postAlert(delivery: QueuedDelivery, policy: AddressPolicy, timeoutMs: number): Promise<PostResult> {
  const refusal = connectRefusal(delivery.url, policy);
  if (refusal !== undefined) return Promise.resolve({ ok: false, error: refusal, refused: true });
  const url = new URL(delivery.url);
  const body = JSON.stringify(delivery.payload);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult): void => {
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
          'user-agent': 'concord-alerts',
          'x-concord-alert-id': delivery.alertId,
          'x-concord-delivery-id': delivery.id,
        },
        lookup: screenedLookup(policy, lookup),
        // No pooled connections: every delivery resolves and judges its receiver's address afresh.
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.destroy();
        finish(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, error: `the receiver answered ${status}`, refused: false });
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, error: `the receiver could not be reached: no answer within ${timeoutMs} ms`, refused: false });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (isConcordError(error)) finish({ ok: false, error: error.message, refused: true });
      else finish({ ok: false, error: `the receiver could not be reached: ${error.code ?? error.message}`, refused: false });
    });
    request.end(body);
  });
}
