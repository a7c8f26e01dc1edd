import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  createChecker,
  createIncidentLog,
  createIncidentAlerts,
  createIncidentStateStore,
  createJobCheck,
  loadJobsFile,
  outcomeLine,
  runJobsOnce,
  runOnceExitCode,
  selectJobs,
  createScheduler,
  DEFAULT_SHUTDOWN_GRACE_MS,
} from '../../checker/index.js';
import type { AlertDeliveryOutcome, AlertDispatcher, Incident, JobOutcome, RunJob, JobsConfig } from '../../checker/index.js';
import { deliveryLogFields } from '../../delivery/index.js';
import { ConcordError } from '../../contracts/index.js';
import { onStopSignal } from '../graceful-shutdown.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';
import { loadContractOption } from './contract-option.js';

/**
 * How long `run-once` (and a stopping daemon) keeps retrying alert deliveries before exiting.
 * Undelivered alerts stay in the outbox for the next run, so this only bounds how long a
 * CronJob lingers for a receiver that is down.
 */
export const ALERT_FLUSH_MS = 10_000;

interface JobsOptions extends RegistryCommandOptions {
  readonly file: string;
  readonly job?: readonly string[];
  readonly grace?: string;
}

/** One JSON line on stderr per event: runs, incidents, alerts, deliveries; machine-readable logs for daemons. */
function log(event: string, fields: Readonly<Record<string, unknown>>): void {
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), event, ...fields })}\n`);
}

function logOutcome(outcome: JobOutcome): void {
  if (outcome.kind === 'failed') {
    log('job-failed', { job: outcome.job, attempts: outcome.attempts, code: outcome.error.code, message: outcome.error.message });
    return;
  }
  const { report } = outcome;
  log('job-run', { job: outcome.job, contract: report.contract, version: report.version, source: report.sourceName ?? report.source, verdict: report.verdict, violations: report.violations.length, drift: report.drift.length, durationMs: report.durationMs });
}

/** The log event of each delivery outcome, as docs/jobs.md names them. */
const DELIVERY_EVENTS: Readonly<Record<AlertDeliveryOutcome['kind'], string>> = Object.freeze({ delivered: 'alert-sent', retry: 'alert-retry', 'gave-up': 'alert-gave-up' });

function logDelivery(outcome: AlertDeliveryOutcome): void {
  const { delivery } = outcome.message;
  log(DELIVERY_EVENTS[outcome.kind], { alert: delivery.alertId, for: delivery.for, ...deliveryLogFields(outcome, delivery.url) });
}

interface Wiring {
  readonly run: RunJob;
  readonly dispatcher: AlertDispatcher;
  readonly onIncident: (incident: Incident) => Promise<void>;
  readonly onOutcome: (outcome: JobOutcome) => Promise<void>;
}

/** Incident alerting must not stop a job: a state or outbox that cannot be written is logged, and the job goes on. */
async function logged(what: string, job: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    log('incident-alert-failed', { job, step: what, message: (error as Error).message });
  }
}

/** Baselines, alerts and the check pipeline for a jobs file: the registry when --url or CONCORD_URL names one, local files otherwise. */
function wire(config: JobsConfig, options: JobsOptions): Wiring {
  const hasRegistry = options.url !== undefined || (process.env.CONCORD_URL ?? '') !== '';
  const client = hasRegistry ? registryClientFrom(options) : undefined;
  const checker = createChecker({
    ...(client === undefined ? {} : { registry: client }),
    baselineDir: config.baselineDir,
    sourceBase: dirname(resolve(config.file)),
    alerts: {
      dir: config.alertDir,
      policy: config.alertPolicy,
      owner: config.ownerReceivers,
      onSkipped: (consumer, reason) => log('alert-receiver-refused', { consumer, reason }),
      onAlert: (alert) => log('alert', { id: alert.id, kind: alert.kind, contract: alert.contract, version: alert.version, source: alert.sourceName ?? alert.source, summary: alert.summary }),
      onDelivery: logDelivery,
    },
  });
  const { alerts } = checker;
  const { dispatcher } = alerts;
  const incidents = createIncidentLog(config.incidentFile);
  const incidentAlerts = createIncidentAlerts({
    states: createIncidentStateStore(config.incidentStateDir),
    outbox: alerts.outbox,
    owners: alerts.owners,
    after: config.incidentAfter,
    onQueued: () => dispatcher.wake(),
    onAlert: (alert) => log('alert', { id: alert.id, kind: `job-${alert.kind}`, job: alert.job, contract: alert.contract, source: alert.source, failures: alert.failures, since: alert.since, summary: alert.summary }),
  });
  return {
    run: createJobCheck({ loadContract: (contract) => loadContractOption(contract, options), checker }),
    dispatcher,
    async onIncident(incident) {
      log('incident', { ...incident });
      await incidents.record(incident);
      await logged('failed', incident.job, () => incidentAlerts.failed(incident));
    },
    async onOutcome(outcome) {
      logOutcome(outcome);
      await logged('outcome', outcome.job, () => incidentAlerts.outcome(outcome));
    },
  };
}

function graceOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SHUTDOWN_GRACE_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0) throw new ConcordError('invalid-argument', `--grace ${text} is not a whole number of milliseconds: write e.g. --grace 20000`);
  return ms;
}

const JOBS_HELP = `
The jobs file (YAML) lists checks with their schedules, samples, timeouts and retries, the
owners' alert receivers and where baselines and alerts are kept: see docs/jobs.md. With --url or
CONCORD_URL, contracts may be id@range, runs are recorded in the registry's run history, and
consumers pinned to the checked version get alerts at their registered webhooks; otherwise
baselines are local JSON files. Alert receivers must have public addresses: loopback and private
ones (an internal chat relay) need alerts.allow-private: true in the jobs file or
CONCORD_WEBHOOK_ALLOW_PRIVATE=true; link-local ones (cloud metadata) are always refused. A job
that fails alerts.incident-after (default 3) attempts in a row sends the owners' receivers one
incident alert, and one recovered alert when it runs again. Logs are JSON lines on stderr.`;

/** Adds `concord jobs run` (the scheduler daemon) and `concord jobs run-once` (for external cron). */
export function registerJobs(program: Command): void {
  const jobs = program.command('jobs').description('Scheduled checks: run them as a daemon, or once for external cron and Kubernetes CronJobs');

  const daemon = jobs
    .command('run')
    .description('Run every job on its schedule until SIGTERM or SIGINT, one run at a time per job')
    .requiredOption('--file <jobs.yaml>', 'the jobs file')
    .option('--grace <ms>', `on shutdown, how long runs in flight may finish before they are aborted (default: ${DEFAULT_SHUTDOWN_GRACE_MS})`);
  addRegistryOptions(daemon).addHelpText('after', `${JOBS_HELP}

On SIGTERM or SIGINT no new run starts, runs in flight get --grace to finish and are then
aborted, and queued alerts get ${ALERT_FLUSH_MS / 1000} s to be delivered (the rest stay in the outbox for next time).

Examples:
  concord jobs run --file jobs.yaml
  CONCORD_URL=https://concord.internal CONCORD_TOKEN=$CHECKER_TOKEN concord jobs run --file jobs.yaml`);
  daemon.action(async (options: JobsOptions) => {
    const grace = graceOf(options.grace);
    const config = await loadJobsFile(options.file);
    const { run, dispatcher, onIncident, onOutcome } = wire(config, options);
    const scheduler = createScheduler({ jobs: config.jobs, run, onIncident, onOutcome, onSkipped: (job) => log('job-skipped', { job, reason: 'the previous run is still going' }) });
    dispatcher.start();
    scheduler.start();
    log('jobs-started', { file: config.file, jobs: config.jobs.map((job) => job.name) });
    await new Promise<void>((resolve) => {
      onStopSignal((signal) => {
        log('jobs-stopping', { signal, running: scheduler.running() });
        void (async () => {
          await scheduler.stop(grace);
          await dispatcher.stop();
          const pending = await dispatcher.drain(ALERT_FLUSH_MS);
          log('jobs-stopped', { undeliveredAlerts: pending });
          resolve();
        })();
      });
    });
  });

  const once = jobs
    .command('run-once')
    .description('Run the jobs (or the ones named by --job) once each, deliver their alerts, and exit')
    .requiredOption('--file <jobs.yaml>', 'the jobs file')
    .option('--job <name...>', 'run only these jobs');
  addRegistryOptions(once).addHelpText('after', `${JOBS_HELP}

Exit codes: 0 every job passed or warned, 1 any job found breaking drift, 2 any job could not
run (source unreachable, contract not found, timeout) after its retries, or bad arguments.

Examples:
  concord jobs run-once --file jobs.yaml
  concord jobs run-once --file jobs.yaml --job orders-prod payments-prod`);
  once.action(async (options: JobsOptions) => {
    const config = await loadJobsFile(options.file);
    const selected = selectJobs(config.jobs, options.job ?? []);
    const { run, dispatcher, onIncident, onOutcome } = wire(config, options);
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    // Alerts go out while later jobs still run; what is left gets ALERT_FLUSH_MS once they are done.
    dispatcher.start();
    try {
      const outcomes = await runJobsOnce(selected, run, { signal: controller.signal, onIncident, onOutcome });
      await dispatcher.stop();
      const pending = await dispatcher.drain(ALERT_FLUSH_MS);
      if (pending > 0) log('alerts-pending', { count: pending, note: 'kept in the outbox; the next run delivers them' });
      for (const outcome of outcomes) process.stdout.write(`${outcomeLine(outcome)}\n`);
      process.exitCode = runOnceExitCode(outcomes);
    } finally {
      process.removeListener('SIGTERM', stop);
      process.removeListener('SIGINT', stop);
    }
  });
}
