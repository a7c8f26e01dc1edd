import type { Alert, AlertSink } from './alert.js';
import type { AlertOutbox } from './outbox.js';
import { payloadFor } from './payloads.js';
import type { Recipient } from './recipients.js';

export interface WebhookSinkOptions {
  readonly outbox: AlertOutbox;
  /** Who hears an alert (see recipients.ts). */
  readonly recipients: (alert: Alert) => Promise<readonly Recipient[]>;
  /** Called after deliveries were queued, so a dispatcher can send them at once. */
  readonly onQueued?: () => void;
  /** Defaults to the wall clock. */
  readonly clock?: () => Date;
}

/**
 * Sends alerts as webhooks (generic JSON or Slack messages) through the on-disk outbox: `send`
 * resolves once every recipient's delivery is kept on disk, and the dispatcher delivers them.
 */
export function createWebhookAlertSink(options: WebhookSinkOptions): AlertSink {
  const clock = options.clock ?? (() => new Date());
  return {
    description: `webhooks via ${options.outbox.dir}`,
    async send(alert) {
      const recipients = await options.recipients(alert);
      const queued = await options.outbox.enqueue(
        recipients.map((recipient) => ({ alertId: alert.id, url: recipient.url, format: recipient.format, for: recipient.for, payload: payloadFor(alert, recipient.format) })),
        clock(),
      );
      if (queued.length > 0) options.onQueued?.();
    },
  };
}
