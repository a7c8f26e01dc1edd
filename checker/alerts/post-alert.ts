import type { AddressPolicy } from '../../contracts/addresses/address-policy.js';
import { postJson } from '../../contracts/addresses/post-json.js';
import type { PostJsonResult } from '../../contracts/addresses/post-json.js';
import type { QueuedDelivery } from './outbox.js';

/**
 * What one attempt came to. A refusal by the address policy is marked: sending again cannot
 * help until the operator changes the receiver or the policy, so the delivery is given up at once.
 */
export type PostResult = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly error: string; readonly refused: boolean };

/** A failed POST as the outbox records it. */
function failure(result: Exclude<PostJsonResult, { ok: true }>, timeoutMs: number): PostResult {
  switch (result.reason) {
    case 'refused':
      return { ok: false, error: result.detail, refused: true };
    case 'answered':
      return { ok: false, error: `the receiver answered ${result.status}`, refused: false };
    case 'timeout':
      return { ok: false, error: `the receiver could not be reached: no answer within ${timeoutMs} ms`, refused: false };
    case 'unreachable':
      return { ok: false, error: `the receiver could not be reached: ${result.code ?? result.detail}`, refused: false };
  }
}

/**
 * POSTs a delivery's payload as JSON with `x-concord-alert-id` and `x-concord-delivery-id`,
 * through postJson: the receiver's address must pass `policy`, redirects are refused, and the
 * answer's body is never read. Never throws.
 */
export async function postAlert(delivery: QueuedDelivery, policy: AddressPolicy, timeoutMs: number): Promise<PostResult> {
  const result = await postJson(delivery.url, delivery.payload, {
    policy,
    timeoutMs,
    headers: { 'user-agent': 'concord-alerts', 'x-concord-alert-id': delivery.alertId, 'x-concord-delivery-id': delivery.id },
  });
  return result.ok ? result : failure(result, timeoutMs);
}
