import type { Alert } from '../../vocabulary/index.js';

/** Alerts are data, defined once as wire shapes in vocabulary/delivery.ts; sinks turn them into messages. */
export type { Alert, AlertFinding, AlertKind } from '../../vocabulary/index.js';

/** Where alerts go. Implementations must not lose an alert they accepted (see webhook-sink.ts). */
export interface AlertSink {
  readonly description: string;
  /** Accepts an alert for delivery; resolves once it is safely kept, not necessarily delivered. */
  send(alert: Alert): Promise<void>;
}
