import { receiverLabel } from './address-policy.js';
import type { DeliveryOutcome } from './dispatcher.js';

/** A receiver as logs name it (see receiverLabel): never the path or query, which often hold its secret. */
export function loggedReceiver(url: string): string {
  try {
    return receiverLabel(new URL(url));
  } catch {
    return 'an unparsable URL';
  }
}

/** What every delivery log line says about an attempt, whoever sent it: the receiver, then the status, or the error and when it is tried again. */
export interface DeliveryLogFields {
  readonly receiver: string;
  readonly status?: number;
  readonly error?: string;
  /** ISO 8601, on a retry only. */
  readonly next?: string;
}

/** The log fields of one attempt's outcome to `url`; the sender adds its own ids (webhook, alert) around them. */
export function deliveryLogFields(outcome: DeliveryOutcome<unknown>, url: string): DeliveryLogFields {
  const receiver = loggedReceiver(url);
  switch (outcome.kind) {
    case 'delivered':
      return { receiver, status: outcome.status };
    case 'retry':
      return { receiver, error: outcome.error, next: outcome.nextAttemptAt.toISOString() };
    case 'gave-up':
      return { receiver, error: outcome.error };
  }
}
