import type { Express } from 'express';
import pino from 'pino';
import type { Logger } from 'pino';
import { createAuthenticator } from './auth/authenticator.js';
import { createEvaluationPool } from './evaluation/evaluation-pool.js';
import type { EvaluationOptions, EvaluationPool } from './evaluation/evaluation-pool.js';
import { createApp } from './http/create-app.js';
import { createHttpMetrics } from './http/http-metrics.js';
import { registryVersion } from './http/package-version.js';
import { createBackgroundTasks } from './services/background-tasks.js';
import { createHistoryMemo } from './services/history.js';
import { createStores } from './services/registry-stores.js';
import { createServices } from './services/registry-services.js';
import { createRunRetention } from './services/run-retention.js';
import type { RunRetentionOptions } from './services/run-retention.js';
import type { RegistryServices } from './services/registry-services.js';
import { systemClock } from './storage/clock.js';
import type { Clock } from './storage/clock.js';
import type { Database } from './storage/open-database.js';
import { createWebhookDispatcher } from './webhooks/dispatcher.js';
import { checkReceiverUrl, webhookAddressPolicy } from './webhooks/receiver-url.js';
import type { WebhookDispatcher } from './webhooks/dispatcher.js';
import type { RetrySchedule } from '../delivery/index.js';

export interface WebhookOptions {
  /** Receivers that hear every event (publish, deprecate, yank, ownership change): the owners' side. */
  readonly ownerReceivers?: readonly string[];
  /** Defaults to DEFAULT_RETRY_SCHEDULE (webhooks/dispatcher.ts). */
  readonly schedule?: RetrySchedule;
  /** Per-delivery timeout; defaults to DELIVERY_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  /** Defaults to DEFAULT_POLL_INTERVAL_MS. */
  readonly pollIntervalMs?: number;
  /**
   * Defaults to false: webhooks reach public addresses only. True also allows loopback, private
   * and shared (CGNAT) ones (`serve --webhook-allow-private`); link-local (cloud metadata),
   * unspecified, multicast and reserved addresses are refused either way.
   */
  readonly allowPrivate?: boolean;
  /** Defaults to true; false leaves the dispatcher stopped (tests drive it with runOnce). */
  readonly start?: boolean;
}

export interface RegistryOptions {
  /** An open, migrated database; the registry does not close it. */
  readonly database: Database;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** Defaults to pino at level info on stdout. */
  readonly logger?: Logger;
  /** Defaults to false: reads need a token. */
  readonly publicRead?: boolean;
  /** A configured admin token (CONCORD_ADMIN_TOKEN), at least 32 characters; run bootstrapAdmin first. */
  readonly adminToken?: string;
  readonly webhooks?: WebhookOptions;
  /** Reported by /api/health; defaults to package.json's version. */
  readonly version?: string;
  /** Defaults to true: process metrics (memory, CPU, event loop) at /metrics besides the registry's own. */
  readonly processMetrics?: boolean;
  /** Check-run retention (`serve --run-retention`): prunes at start, then hourly. Absent: runs are kept forever. */
  readonly runRetention?: RunRetentionOptions;
  /**
   * The worker pool that evaluates documents, or options for the registry's own (defaults:
   * evaluation-limits.ts). A pool passed in is shared and left running by `close`.
   */
  readonly evaluation?: EvaluationPool | EvaluationOptions;
}

export interface Registry {
  readonly app: Express;
  readonly services: RegistryServices;
  readonly dispatcher: WebhookDispatcher;
  /** Stops webhook delivery, run retention and the registry's own evaluation workers, and waits for attempts and background work in flight; the database stays open. */
  close(): Promise<void>;
  /** Resolves once background work started so far (such as storing computed diffs) has finished; the registry keeps running. */
  settled(): Promise<void>;
}

/**
 * Wires stores, services, the webhook dispatcher, run retention (when asked for) and the express
 * app over one database. The database must be migrated (migrateToLatest) and, for a configured
 * admin token, bootstrapped (bootstrapAdmin) before requests arrive. Throws ConcordError
 * `invalid-argument` for an admin token shorter than MIN_ADMIN_TOKEN_LENGTH, and for an owner
 * receiver that is not http(s) or is an IP address the webhook address policy refuses.
 */
export function createRegistry(options: RegistryOptions): Registry {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino({ name: 'concord-registry' });
  const stores = createStores(options.database.db, clock);
  const authenticator = createAuthenticator({
    principals: stores.principals,
    changeStamp: options.database.changeStamp,
    ...(options.adminToken === undefined ? {} : { adminToken: options.adminToken }),
  });
  const metrics = createHttpMetrics({ defaultMetrics: options.processMetrics ?? true });
  const webhooks = options.webhooks ?? {};
  const webhookPolicy = webhookAddressPolicy(webhooks.allowPrivate ?? false);
  const ownerReceivers = webhooks.ownerReceivers ?? [];
  for (const url of ownerReceivers) checkReceiverUrl(url, webhookPolicy, 'owner receiver');
  const dispatcher = createWebhookDispatcher({
    outbox: stores.outbox,
    clock,
    logger,
    ...(webhooks.schedule === undefined ? {} : { schedule: webhooks.schedule }),
    ...(webhooks.timeoutMs === undefined ? {} : { timeoutMs: webhooks.timeoutMs }),
    ...(webhooks.pollIntervalMs === undefined ? {} : { pollIntervalMs: webhooks.pollIntervalMs }),
    policy: webhookPolicy,
    onOutcome: (outcome) => metrics.webhookOutcome(outcome),
  });
  const background = createBackgroundTasks(logger);
  const shared = options.evaluation !== undefined && 'session' in options.evaluation ? options.evaluation : undefined;
  const evaluation = shared ?? createEvaluationPool(options.evaluation as EvaluationOptions | undefined);
  const services = createServices({
    stores,
    clock,
    logger,
    memo: createHistoryMemo(),
    evaluation,
    background,
    ownerReceivers,
    webhookPolicy,
    onWebhooksQueued: () => dispatcher.wake(),
  });
  const app = createApp({
    services,
    authenticator,
    database: options.database,
    logger,
    metrics,
    publicRead: options.publicRead ?? false,
    version: options.version ?? registryVersion(),
    clock,
  });
  if (webhooks.start !== false) dispatcher.start();
  const retention = options.runRetention === undefined ? undefined : createRunRetention(options.runRetention, { runs: stores.runs, clock, logger, background });
  retention?.start();
  return {
    app,
    services,
    dispatcher,
    async close() {
      retention?.stop();
      await dispatcher.stop();
      await background.drain();
      if (shared === undefined) await evaluation.close();
    },
    settled: () => background.drain(),
  };
}
