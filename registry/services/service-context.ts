import type { Logger } from 'pino';
import type { AddressPolicy } from '../../delivery/index.js';
import type { EvaluationPool } from '../evaluation/evaluation-pool.js';
import type { Clock } from '../storage/clock.js';
import type { BackgroundTasks } from './background-tasks.js';
import type { HistoryMemo } from './history.js';
import type { RegistryStores } from './registry-stores.js';

/** What every domain service is built from; passed in, never a module-level singleton. */
export interface ServiceContext {
  /** Stores over the database (not a transaction): services open their own transactions. */
  readonly stores: RegistryStores;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Work requests start but do not wait for; drained on shutdown. */
  readonly background: BackgroundTasks;
  /** Worker threads that parse, lint and diff documents off the event loop, within a deadline. */
  readonly evaluation: EvaluationPool;
  /** Rebuilt models of published versions, shared by every check. */
  readonly memo: HistoryMemo;
  /** Webhook receivers that hear every event: the contract owners' side, configured on the server. */
  readonly ownerReceivers: readonly string[];
  /** Which addresses webhook URLs may name: consumer webhooks are checked against it when registered. */
  readonly webhookPolicy: AddressPolicy;
  /** Called after a commit that queued webhooks, so the dispatcher sends them without waiting for its next poll. */
  readonly onWebhooksQueued: () => void;
}
