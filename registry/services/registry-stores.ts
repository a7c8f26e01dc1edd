import type { Clock } from '../storage/clock.js';
import { createAuditLog } from '../storage/audit-log.js';
import type { AuditLog } from '../storage/audit-log.js';
import { createConsumerStore } from '../storage/consumer-store.js';
import type { ConsumerStore } from '../storage/consumer-store.js';
import { createContractStore } from '../storage/contract-store.js';
import type { ContractStore } from '../storage/contract-store.js';
import { createDiffCache } from '../storage/diff-cache.js';
import type { DiffCache } from '../storage/diff-cache.js';
import { createMetricStore } from '../storage/metric-store.js';
import type { MetricStore } from '../storage/metric-store.js';
import { createPrincipalStore } from '../storage/principal-store.js';
import type { PrincipalStore } from '../storage/principal-store.js';
import { inTransaction } from '../storage/in-transaction.js';
import { createRunStore } from '../storage/run-store.js';
import type { RunStore } from '../storage/run-store.js';
import type { Executor } from '../storage/tables.js';
import { createTelemetryStore } from '../storage/telemetry-store.js';
import type { TelemetryStore } from '../storage/telemetry-store.js';
import { createWebhookOutbox } from '../storage/webhook-outbox.js';
import type { WebhookOutbox } from '../storage/webhook-outbox.js';

/** Every store of the registry over one executor: the database, or a transaction to join. */
export interface RegistryStores {
  readonly executor: Executor;
  readonly contracts: ContractStore;
  readonly principals: PrincipalStore;
  readonly consumers: ConsumerStore;
  readonly metrics: MetricStore;
  readonly audit: AuditLog;
  readonly outbox: WebhookOutbox;
  readonly diffCache: DiffCache;
  readonly runs: RunStore;
  readonly telemetry: TelemetryStore;
}

/** Creates the stores over `executor`, all reading time from `clock`. */
export function createStores(executor: Executor, clock: Clock): RegistryStores {
  const options = { clock };
  return Object.freeze({
    executor,
    contracts: createContractStore(executor, options),
    principals: createPrincipalStore(executor, options),
    consumers: createConsumerStore(executor, options),
    metrics: createMetricStore(executor),
    audit: createAuditLog(executor, options),
    outbox: createWebhookOutbox(executor, options),
    diffCache: createDiffCache(executor, options),
    runs: createRunStore(executor, options),
    telemetry: createTelemetryStore(executor),
  });
}

/** Runs `work` with stores bound to one transaction, so everything it writes commits together. */
export function withTransaction<T>(stores: RegistryStores, clock: Clock, work: (trx: RegistryStores) => Promise<T>): Promise<T> {
  return inTransaction(stores.executor, (trx) => work(trx === stores.executor ? stores : createStores(trx, clock)));
}
