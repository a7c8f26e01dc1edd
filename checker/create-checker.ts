import type { AddressPolicy } from '../delivery/index.js';
import type { RegistryClient } from '../registry/client/index.js';
import type { Alert } from './alerts/alert.js';
import { createAlertDispatcher } from './alerts/dispatcher.js';
import type { AlertDeliveryOutcome, AlertDispatcher } from './alerts/dispatcher.js';
import { createAlertOutbox, DEFAULT_ALERT_DIR } from './alerts/outbox.js';
import type { AlertOutbox } from './alerts/outbox.js';
import { createRecipientResolver, recipientOf } from './alerts/recipients.js';
import type { ReceiverConfig, Recipient } from './alerts/recipients.js';
import { createTransitionAlerts } from './alerts/transition-alerts.js';
import type { TransitionAlerts } from './alerts/transition-alerts.js';
import { createWebhookAlertSink } from './alerts/webhook-sink.js';
import { createValidatorCache } from './analysis/index.js';
import type { ValidatorCache } from './analysis/index.js';
import type { BaselineStore } from './baseline/baseline-store.js';
import { createFileBaselineStore } from './baseline/file-baseline-store.js';
import { createRegistryBaselineStore } from './baseline/registry-baseline-store.js';
import { openCheckSource } from './check-source.js';
import type { DriftThresholds } from './drift/index.js';
import { gateValidator } from './gate/gate-validator.js';
import type { GateValidator } from './gate/run-gate.js';
import type { CheckReport, FeedSource, ReadProgress } from './model.js';
import type { CheckedContract } from './resolve-contract.js';
import { runCheck } from './run-check.js';
import type { SamplerOptions } from './sampling/create-sampler.js';
import { ConcordError } from '../contracts/index.js';
import type { RuleOverrides } from '../contracts/index.js';

/** Where previous runs are read and new ones recorded: the registry's run history, local files, or nowhere. */
export const BASELINE_MODES = ['registry', 'file', 'none'] as const;
export type BaselineMode = (typeof BASELINE_MODES)[number];

/** Where a finished report goes besides the run history: a terminal, a file, a CI artifact. */
export interface ReportSink {
  readonly description: string;
  write(report: CheckReport): Promise<void>;
}

export interface CheckerAlertOptions {
  /** The outbox folder; defaults to DEFAULT_ALERT_DIR. */
  readonly dir?: string;
  /** Which receiver addresses may be reached. */
  readonly policy: AddressPolicy;
  /** The contract owners' receivers; default none. Consumers pinned in the registry are added per alert when there is a registry. */
  readonly owner?: readonly ReceiverConfig[];
  /** Told about a consumer whose registered webhook the policy refuses; it is skipped. */
  readonly onSkipped?: (consumer: string, reason: string) => void;
  /** Told about every alert once it is kept in the outbox. */
  readonly onAlert?: (alert: Alert) => void;
  /** Told about every delivery attempt. */
  readonly onDelivery?: (outcome: AlertDeliveryOutcome) => void;
}

export interface CheckerOptions {
  /** The registry runs are recorded in and consumers are found through; none works on local files only. */
  readonly registry?: RegistryClient;
  /** Defaults to `registry` with a registry, `file` without one. */
  readonly baselines?: BaselineMode;
  /** The folder of `file` baselines; defaults to DEFAULT_BASELINE_DIR. */
  readonly baselineDir?: string;
  /** Alerts on run transitions through the on-disk outbox; none alerts nobody. */
  readonly alerts?: CheckerAlertOptions;
  /** Compiled validators kept across runs; defaults to DEFAULT_VALIDATOR_CACHE_SIZE. */
  readonly validatorCacheSize?: number;
  /** Environment for source credentials; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The folder local source paths are named relative to in reports; defaults to the working directory. */
  readonly sourceBase?: string;
  /** Told every report once it is recorded; default none. */
  readonly reportSinks?: readonly ReportSink[];
}

export interface CheckRequest {
  readonly contract: CheckedContract;
  /** A path, URL, DSN or the name of one of the contract's sources. */
  readonly source: string;
  /** Overrides the checker's `sourceBase` for this run (a contract file's folder). */
  readonly sourceBase?: string;
  /** Defaults to head DEFAULT_SAMPLE_SIZE. */
  readonly sampler?: SamplerOptions;
  readonly thresholds?: Partial<DriftThresholds>;
  /** `.concord/rules.yaml` overrides for this run; default none. */
  readonly overrides?: RuleOverrides;
  readonly signal?: AbortSignal;
  /** Told the opened source before it is read, e.g. to name it on a progress line. */
  readonly onOpened?: (source: FeedSource) => void;
  readonly onProgress?: (progress: ReadProgress) => void;
}

/** The alert side of a checker, for the jobs that also send incident alerts through the same outbox. */
export interface CheckerAlerts {
  readonly outbox: AlertOutbox;
  readonly dispatcher: AlertDispatcher;
  /** The owners' receivers, checked against the policy. */
  readonly owners: readonly Recipient[];
  readonly transitions: TransitionAlerts;
}

export interface Checker {
  /** Undefined with baselines `none`. */
  readonly baselines?: BaselineStore;
  /** Undefined without alert options. */
  readonly alerts?: CheckerAlerts;
  readonly validators: ValidatorCache;
  /**
   * One run: opens the source, checks it (runCheck), alerts on its transition, records it, then
   * hands the report to every report sink. Throws what runCheck throws.
   */
  check(request: CheckRequest): Promise<CheckReport>;
  /** The record validator `concord gate` uses, from the same validator cache as checks. */
  gateValidator(contract: CheckedContract): GateValidator;
}

function baselineStoreOf(options: CheckerOptions): BaselineStore | undefined {
  const mode = options.baselines ?? (options.registry === undefined ? 'file' : 'registry');
  if (mode === 'none') return undefined;
  if (mode === 'file') return createFileBaselineStore({ ...(options.baselineDir === undefined ? {} : { dir: options.baselineDir }) });
  if (options.registry === undefined) throw new ConcordError('invalid-argument', 'registry baselines need a registry: give --url (or CONCORD_URL), or use --baseline file');
  return createRegistryBaselineStore(options.registry);
}

function alertsOf(options: CheckerAlertOptions, registry: RegistryClient | undefined): CheckerAlerts {
  const outbox = createAlertOutbox({ dir: options.dir ?? DEFAULT_ALERT_DIR });
  const dispatcher = createAlertDispatcher({ outbox, policy: options.policy, ...(options.onDelivery === undefined ? {} : { onOutcome: options.onDelivery }) });
  const sink = createWebhookAlertSink({
    outbox,
    recipients: createRecipientResolver({
      policy: options.policy,
      ...(options.owner === undefined ? {} : { owner: options.owner }),
      ...(registry === undefined ? {} : { registry }),
      ...(options.onSkipped === undefined ? {} : { onSkipped: options.onSkipped }),
    }),
    onQueued: () => dispatcher.wake(),
  });
  return {
    outbox,
    dispatcher,
    owners: (options.owner ?? []).map((receiver) => recipientOf(receiver, 'owner', options.policy)),
    transitions: createTransitionAlerts(sink, { ...(options.onAlert === undefined ? {} : { onAlert: options.onAlert }) }),
  };
}

/**
 * The checker's composition root: sources, sampler, validator cache, baseline store, alerts and
 * report sinks wired once from options, so `concord check`, `concord gate` and the jobs run the
 * same pipeline. Throws ConcordError `invalid-argument` for registry baselines without a registry
 * or an owner receiver the alert policy refuses. With alert options the checker's `alerts` is always there.
 */
export function createChecker<O extends CheckerOptions>(options: O): O extends { readonly alerts: CheckerAlertOptions } ? Checker & { readonly alerts: CheckerAlerts } : Checker;
export function createChecker(options: CheckerOptions): Checker {
  const baselines = baselineStoreOf(options);
  const alerts = options.alerts === undefined ? undefined : alertsOf(options.alerts, options.registry);
  const validators = createValidatorCache(options.validatorCacheSize);
  const sinks = options.reportSinks ?? [];
  return {
    ...(baselines === undefined ? {} : { baselines }),
    ...(alerts === undefined ? {} : { alerts }),
    validators,
    async check(request) {
      const { source, sourceName } = openCheckSource(request.contract.contract, request.source, options.env ?? process.env, request.sourceBase ?? options.sourceBase);
      request.onOpened?.(source);
      const report = await runCheck({
        contract: request.contract,
        source,
        ...(sourceName === undefined ? {} : { sourceName }),
        ...(request.sampler === undefined ? {} : { sampler: request.sampler }),
        ...(baselines === undefined ? {} : { baselineStore: baselines }),
        ...(alerts === undefined ? {} : { alerts: alerts.transitions }),
        validators,
        ...(request.thresholds === undefined ? {} : { thresholds: request.thresholds }),
        ...(request.overrides === undefined ? {} : { overrides: request.overrides }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
        ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
      });
      for (const sink of sinks) await sink.write(report);
      return report;
    },
    gateValidator: (contract) => gateValidator(validators, contract),
  };
}
