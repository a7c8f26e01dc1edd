import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Cron } from 'croner';
import { allowPrivateFromEnv } from '../../delivery/index.js';
import type { AddressPolicy } from '../../delivery/index.js';
import { ConcordError, parseText, DURATION_HINT, parseDuration } from '../../contracts/index.js';
import type { ReceiverConfig } from '../alerts/recipients.js';
import { recipientOf } from '../alerts/recipients.js';
import { DEFAULT_ALERT_DIR } from '../alerts/outbox.js';
import { alertAddressPolicy, ALLOW_PRIVATE_KEY } from '../alerts/webhook-url.js';
import { DEFAULT_BASELINE_DIR } from '../baseline/file-baseline-store.js';
import { DEFAULT_INCIDENT_AFTER } from './incident-alerts.js';

/**
 * Most jobs one file may list. Each job holds a timer and, while it runs, one feed read; a
 * thousand covers every feed of a large data platform in one process, and more belongs in
 * several processes (or CronJobs) with files of their own.
 */
export const MAX_JOBS = 1_000;

/** A run takes at most this long unless the job says otherwise: long enough to sample a slow API, short enough to notice a hung one. */
export const DEFAULT_JOB_TIMEOUT_MS = 5 * 60_000;

/** Attempts of a run whose source failed, and the wait before the first retry (doubled after each further one). */
export const DEFAULT_JOB_RETRY = Object.freeze({ attempts: 3, backoffMs: 30_000 });

/** Job names: also file names (incident state), so no `/` and no leading dot. */
export const JOB_NAME = /^[a-z0-9][a-z0-9_.-]{0,99}$/;
// A time window needs bounds relative to each run, which the jobs file cannot express yet; head and reservoir need none.
const SAMPLERS = ['head', 'reservoir'] as const;

export type JobSchedule = { readonly kind: 'cron'; readonly cron: string } | { readonly kind: 'interval'; readonly everyMs: number };

export interface JobSample {
  readonly kind?: (typeof SAMPLERS)[number];
  readonly size?: number;
  readonly seed?: number;
}

/** One scheduled check: a contract on a source, when, how much to read, how long it may take. */
export interface JobSpec {
  readonly name: string;
  /** An absolute contract file path, or `namespace.name@range` in the registry. */
  readonly contract: string;
  /** One of the contract's source names, or a path (absolute), URL or DSN. */
  readonly source: string;
  readonly schedule: JobSchedule;
  readonly sample: JobSample;
  readonly timeoutMs: number;
  readonly retry: { readonly attempts: number; readonly backoffMs: number };
  /**
   * How logs, incidents and alerts name the job's contract and source: paths relative to the jobs
   * file as written there, never one machine's absolute paths. Absent: `contract` and `source`.
   */
  readonly shown?: { readonly contract: string; readonly source: string };
}

export interface JobsConfig {
  readonly file: string;
  readonly jobs: readonly JobSpec[];
  /** Receivers of the contract owners' side; consumers' webhooks come from the registry. */
  readonly ownerReceivers: readonly ReceiverConfig[];
  /**
   * Which addresses alert receivers may have: public ones only, unless `alerts.allow-private: true`
   * or CONCORD_WEBHOOK_ALLOW_PRIVATE=true also allow loopback, private and shared (CGNAT) ones.
   */
  readonly alertPolicy: AddressPolicy;
  /** The alert outbox folder (absolute). */
  readonly alertDir: string;
  /** Local baselines folder (absolute), used when no registry is configured. */
  readonly baselineDir: string;
  /** The JSON-lines file incidents are appended to (absolute). */
  readonly incidentFile: string;
  /** Each job's streak of failed attempts, one file per job (absolute): `incident-state/` beside the incidents file. */
  readonly incidentStateDir: string;
  /** Consecutive failed attempts of a job before its owners get an `incident` alert (`alerts.incident-after`). */
  readonly incidentAfter: number;
}

/** Where incidents are kept unless the jobs file says `incidents:`, relative to the jobs file. */
export const DEFAULT_INCIDENT_FILE = '.concord/jobs/incidents.jsonl';

/** The folder of per-job incident states, beside the incidents file: both are the jobs' own records of their failures. */
export const INCIDENT_STATE_FOLDER = 'incident-state';

type Node = Readonly<Record<string, unknown>>;

function fail(file: string, pointer: string, message: string): never {
  throw new ConcordError('invalid-argument', `${file}${pointer === '' ? '' : ` at ${pointer}`}: ${message}`, { file, pointer });
}

function objectAt(file: string, value: unknown, pointer: string): Node {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(file, pointer, 'must be a mapping (key: value lines)');
  return value as Node;
}

function stringAt(file: string, node: Node, key: string, pointer: string): string | undefined {
  const value = node[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') fail(file, `${pointer}/${key}`, 'must be a non-empty string');
  return value;
}

function booleanAt(file: string, node: Node, key: string, pointer: string): boolean | undefined {
  const value = node[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') fail(file, `${pointer}/${key}`, 'must be true or false');
  return value;
}

function durationAt(file: string, node: Node, key: string, pointer: string): number | undefined {
  const text = stringAt(file, node, key, pointer);
  if (text === undefined) return undefined;
  const seconds = parseDuration(text);
  if (seconds === undefined) fail(file, `${pointer}/${key}`, `"${text}" is not a duration: ${DURATION_HINT}`);
  return seconds * 1000;
}

function wholeAt(file: string, node: Node, key: string, pointer: string, min: number): number | undefined {
  const value = node[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) fail(file, `${pointer}/${key}`, `must be a whole number of at least ${min}`);
  return value;
}

/** A relative file path is read from the jobs file's folder; URLs, DSNs, registry refs and source names are left as written. */
function pathOrAsIs(value: string, baseDir: string, isName: boolean): string {
  if (isName || value.includes(':') || isAbsolute(value)) return value;
  return value.includes('/') || value.includes('.') ? resolve(baseDir, value) : value;
}

/** An absolute path as a `/`-separated path relative to `baseDir`; anything else (a ref, URL, source name) as it is. */
function relativeTo(baseDir: string, value: string): string {
  return isAbsolute(value) ? relative(baseDir, value).split(sep).join('/') : value;
}

const CONTRACT_REF = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+(@.+)?$/;

/**
 * `orders.contract.yaml` also reads as a contract id, so a document extension or an existing
 * file (next to the jobs file) makes it a path; other `namespace.name[@range]` values are registry refs.
 */
function contractOf(value: string, baseDir: string): string {
  const path = resolve(baseDir, value);
  if (/\.(ya?ml|json)$/i.test(value) || existsSync(path) || !CONTRACT_REF.test(value)) return path;
  return value;
}

function scheduleOf(file: string, job: Node, pointer: string): JobSchedule {
  const cron = stringAt(file, job, 'schedule', pointer);
  const every = durationAt(file, job, 'every', pointer);
  if ((cron === undefined) === (every === undefined)) fail(file, pointer, "give exactly one of schedule (a cron expression like '*/15 * * * *') and every (an interval like 15m)");
  if (every !== undefined) return { kind: 'interval', everyMs: every };
  try {
    new Cron(cron as string, { paused: true }).stop();
  } catch (error) {
    fail(file, `${pointer}/schedule`, `"${cron}" is not a cron expression (${(error as Error).message}): write five fields like '*/15 * * * *'`);
  }
  return { kind: 'cron', cron: cron as string };
}

function sampleOf(file: string, job: Node, pointer: string): JobSample {
  if (job.sample === undefined || job.sample === null) return {};
  const sample = objectAt(file, job.sample, `${pointer}/sample`);
  const kind = stringAt(file, sample, 'sampler', `${pointer}/sample`);
  if (kind !== undefined && !SAMPLERS.some((each) => each === kind)) fail(file, `${pointer}/sample/sampler`, `"${kind}" is not a sampler: use ${SAMPLERS.join(', ')}`);
  const size = wholeAt(file, sample, 'size', `${pointer}/sample`, 1);
  const seed = wholeAt(file, sample, 'seed', `${pointer}/sample`, 0);
  return {
    ...(kind === undefined ? {} : { kind: kind as JobSample['kind'] }),
    ...(size === undefined ? {} : { size }),
    ...(seed === undefined ? {} : { seed }),
  };
}

function jobOf(file: string, value: unknown, index: number, defaults: Node, baseDir: string): JobSpec {
  const pointer = `/jobs/${index}`;
  const job = objectAt(file, value, pointer);
  const name = stringAt(file, job, 'name', pointer) ?? fail(file, `${pointer}/name`, 'is required: name the job, like orders-prod');
  if (!JOB_NAME.test(name)) fail(file, `${pointer}/name`, `"${name.slice(0, 100)}" is not a job name: use lowercase letters, digits, '.', '_' and '-', at most 100`);
  const contract = stringAt(file, job, 'contract', pointer) ?? fail(file, `${pointer}/contract`, 'is required: a contract file or namespace.name@range');
  const source = stringAt(file, job, 'source', pointer) ?? fail(file, `${pointer}/source`, "is required: one of the contract's source names, a path, URL or DSN");
  const retry = job.retry === undefined ? {} : objectAt(file, job.retry, `${pointer}/retry`);
  const defaultRetry = defaults.retry === undefined ? {} : objectAt(file, defaults.retry, '/defaults/retry');
  const contractPath = contractOf(contract, baseDir);
  const sourcePath = pathOrAsIs(source, baseDir, /^[a-z][a-z0-9_]*$/.test(source));
  return Object.freeze({
    name,
    contract: contractPath,
    source: sourcePath,
    shown: { contract: relativeTo(baseDir, contractPath), source: relativeTo(baseDir, sourcePath) },
    schedule: scheduleOf(file, job, pointer),
    sample: sampleOf(file, job.sample === undefined ? defaults : job, job.sample === undefined ? '/defaults' : pointer),
    timeoutMs: durationAt(file, job, 'timeout', pointer) ?? durationAt(file, defaults, 'timeout', '/defaults') ?? DEFAULT_JOB_TIMEOUT_MS,
    retry: {
      attempts: wholeAt(file, retry, 'attempts', `${pointer}/retry`, 1) ?? wholeAt(file, defaultRetry, 'attempts', '/defaults/retry', 1) ?? DEFAULT_JOB_RETRY.attempts,
      backoffMs: durationAt(file, retry, 'backoff', `${pointer}/retry`) ?? durationAt(file, defaultRetry, 'backoff', '/defaults/retry') ?? DEFAULT_JOB_RETRY.backoffMs,
    },
  });
}

function receiversOf(file: string, alerts: Node, policy: AddressPolicy): readonly ReceiverConfig[] {
  const owner = alerts.owner;
  if (owner === undefined || owner === null) return [];
  if (!Array.isArray(owner)) fail(file, '/alerts/owner', 'must be a list of receivers: - url: https://hooks.example.com/concord');
  return owner.map((item: unknown, index) => {
    const pointer = `/alerts/owner/${index}`;
    const node = typeof item === 'string' ? { url: item } : objectAt(file, item, pointer);
    const url = stringAt(file, node, 'url', pointer) ?? fail(file, `${pointer}/url`, 'is required');
    const format = stringAt(file, node, 'format', pointer);
    if (format !== undefined && format !== 'json' && format !== 'slack') fail(file, `${pointer}/format`, `"${format}" is not a payload format: use json or slack`);
    const receiver: ReceiverConfig = { url, ...(format === undefined ? {} : { format }) };
    try {
      recipientOf(receiver, 'the owner', policy);
    } catch (error) {
      fail(file, `${pointer}/url`, (error as Error).message);
    }
    return receiver;
  });
}

/**
 * Parses and checks a jobs file's text; `file` names it in messages and anchors relative paths.
 * `env` (default `process.env`) may allow private alert receivers with CONCORD_WEBHOOK_ALLOW_PRIVATE=true.
 */
export function parseJobsText(text: string, file: string, env: NodeJS.ProcessEnv = process.env): JobsConfig {
  const root = objectAt(file, parseText(text, { file }).value ?? {}, '');
  const baseDir = dirname(resolve(file));
  const defaults = root.defaults === undefined ? {} : objectAt(file, root.defaults, '/defaults');
  if (!Array.isArray(root.jobs) || root.jobs.length === 0) fail(file, '/jobs', 'must list at least one job (name, contract, source, schedule or every)');
  if (root.jobs.length > MAX_JOBS) fail(file, '/jobs', `lists ${root.jobs.length} jobs, more than ${MAX_JOBS}: split them over several files and processes`);
  const jobs = root.jobs.map((job: unknown, index) => jobOf(file, job, index, defaults, baseDir));
  const names = new Set<string>();
  jobs.forEach((job, index) => {
    if (names.has(job.name)) fail(file, `/jobs/${index}/name`, `job name ${job.name} is used twice: names pick jobs for run-once --job, so rename one`);
    names.add(job.name);
  });
  const alerts = root.alerts === undefined ? {} : objectAt(file, root.alerts, '/alerts');
  const alertDir = stringAt(file, alerts, 'dir', '/alerts') ?? DEFAULT_ALERT_DIR;
  const alertPolicy = alertAddressPolicy(booleanAt(file, alerts, ALLOW_PRIVATE_KEY, '/alerts') === true || allowPrivateFromEnv(env));
  const baselineDir = stringAt(file, root, 'baselines', '') ?? DEFAULT_BASELINE_DIR;
  const incidentFile = resolve(baseDir, stringAt(file, root, 'incidents', '') ?? DEFAULT_INCIDENT_FILE);
  return Object.freeze({
    file,
    jobs: Object.freeze(jobs),
    ownerReceivers: Object.freeze(receiversOf(file, alerts, alertPolicy)),
    alertPolicy,
    alertDir: resolve(baseDir, alertDir),
    baselineDir: resolve(baseDir, baselineDir),
    incidentFile,
    incidentStateDir: join(dirname(incidentFile), INCIDENT_STATE_FOLDER),
    incidentAfter: wholeAt(file, alerts, 'incident-after', '/alerts', 1) ?? DEFAULT_INCIDENT_AFTER,
  });
}

/**
 * Reads a jobs file (YAML or JSON; see docs/jobs.md), with `env` as in {@link parseJobsText}.
 * Throws ConcordError `unreadable-input` or `invalid-argument` naming the file and place.
 */
export async function loadJobsFile(file: string, env: NodeJS.ProcessEnv = process.env): Promise<JobsConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConcordError('unreadable-input', `cannot read jobs file ${file}: ${(error as Error).message}`, { file }, { cause: error });
  }
  return parseJobsText(text, file, env);
}
