import type { WebhookEvent } from '../../vocabulary/index.js';
import type { ConsumerStore } from '../storage/consumer-store.js';
import type { JsonObject } from '../storage/json-text.js';
import type { NewWebhook } from '../storage/webhook-outbox.js';
import { inRange } from './resolve.js';

/** Events the registry announces, as sent in the payload's `event` and the `X-Concord-Event` header. */
export const WEBHOOK_EVENTS = Object.freeze({
  published: 'contract.published',
  deprecated: 'version.deprecated',
  yanked: 'version.yanked',
  ownershipTransferred: 'contract.ownership-transferred',
} satisfies Readonly<Record<string, WebhookEvent>>);

export interface EventAudience {
  /** Receivers that hear every event: the contract owners' side, configured on the server. */
  readonly ownerReceivers: readonly string[];
  readonly consumers: ConsumerStore;
}

/**
 * The messages announcing `event` about `contractId`: one to each owner receiver, and one to each
 * consumer pinned to the contract that has a webhook, telling it its range and whether `version`
 * (when the event has one) falls in it.
 */
export async function eventMessages(
  audience: EventAudience,
  contractId: string,
  event: string,
  payload: JsonObject,
  version?: string,
): Promise<NewWebhook[]> {
  const body = { event, contract: contractId, ...payload };
  const messages: NewWebhook[] = audience.ownerReceivers.map((url) => ({ event, url, payload: body }));
  for (const pin of await audience.consumers.listPinsByContract(contractId)) {
    const consumer = await audience.consumers.getConsumer(pin.consumer);
    if (consumer?.webhookUrl === undefined) continue;
    const subscription = {
      consumer: consumer.name,
      range: pin.range,
      fields: pin.fields,
      ...(version === undefined ? {} : { inRange: inRange(version, pin.range) }),
    };
    messages.push({ event, url: consumer.webhookUrl, payload: { ...body, subscription } });
  }
  return messages;
}
