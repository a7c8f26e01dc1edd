/**
 * Outgoing JSON posts to receivers other people name (registry webhooks, checker alerts): the
 * address policy against SSRF, the sender, the retry schedule, the outbox a dispatcher claims
 * from, and what delivery logs say. Users keep their own storage behind {@link Outbox}.
 */
export { addressRefusal, ALLOW_PRIVATE_ENV, allowPrivateFromEnv, checkReceiverAddress, connectRefusal, literalAddress, parseReceiverUrl, RECEIVER_HASH_CHARS, receiverLabel, receiverOrigin, screenedLookup } from './address-policy.js';
export type { AddressPolicy, ResolveAll } from './address-policy.js';
export { classifyAddress, parseIpv4, parseIpv6 } from './ip-address.js';
export type { AddressClass, AddressKind } from './ip-address.js';
export { sendPost } from './send-post.js';
export type { OutgoingPost, SendOptions, SendResult } from './send-post.js';
export { retryDelay } from './retry-schedule.js';
export type { RetrySchedule } from './retry-schedule.js';
export type { DeliveryClaim, DeliveryFailure, Outbox } from './outbox.js';
export { createDispatcher } from './dispatcher.js';
export type { DeliveryOutcome, DeliveryOutcomeKind, Dispatcher, DispatcherOptions } from './dispatcher.js';
export { deliveryLogFields, loggedReceiver } from './delivery-log.js';
export type { DeliveryLogFields } from './delivery-log.js';
