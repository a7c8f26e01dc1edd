import { EventEmitter } from 'node:events';
import type { JsonSchema, MetricDefinition, RecordError, RecordValidator, RecordVerdict, ValidatorCache } from '../contracts/index.js';
import type { RegistryClient, VersionMarkInfo } from '../registry/client/index.js';
import type { MarkEvent, UpdateEvent } from '../vocabulary/index.js';
import { type CachedContract, writeCached } from './contract-cache.js';
import { describeFields, type FieldDescription } from './field-descriptions.js';
import type { TelemetryReporter, TelemetryStats } from './telemetry-reporter.js';
import { type Marks, pollPin } from './version-watch.js';

/** Events of a handle and what their listeners get. */
export interface ContractEvents {
  /** The range now resolves to another version; the handle validates against it from now on. */
  update: UpdateEvent;
  deprecated: MarkEvent;
  yanked: MarkEvent;
}

/** The records of a gate: those that keep the contract, and the others with their errors. */
export interface GateResult<T> {
  readonly valid: T[];
  readonly rejected: { readonly record: T; readonly errors: readonly RecordError[] }[];
}

/** An open contract: the pinned version, its validator, and the watch on it. */
export interface ContractHandle {
  readonly contract: string;
  readonly range: string;
  readonly version: string;
  /** The bundled record schema of the version in use. */
  readonly schema: JsonSchema;
  /** The metric definitions of the version, as published. */
  readonly metrics: readonly MetricDefinition[];
  /** True while the handle serves its cached copy because the registry could not be asked. */
  readonly stale: boolean;
  /** When the registry last confirmed the version in use (ISO time); set while `stale`. */
  readonly since: string | undefined;
  readonly deprecated: VersionMarkInfo;
  readonly yanked: VersionMarkInfo;
  /** The record fields with type, required, pii and description. */
  describe(): FieldDescription[];
  /** One record's verdict against the version in use; counted in telemetry. */
  validate(record: unknown): RecordVerdict;
  /** Splits records into valid and rejected ones (each with its errors); counted in telemetry. */
  gate<T>(records: Iterable<T>): GateResult<T>;
  on<E extends keyof ContractEvents>(event: E, listener: (payload: ContractEvents[E]) => void): this;
  off<E extends keyof ContractEvents>(event: E, listener: (payload: ContractEvents[E]) => void): this;
  /** Runs one poll now (the watcher does this every poll interval). */
  refresh(): Promise<void>;
  /** Sends the telemetry counted so far; never rejects. */
  flushTelemetry(): Promise<void>;
  readonly telemetry: TelemetryStats | undefined;
  /** Stops polling and sends the telemetry that is left. */
  close(): Promise<void>;
}

export interface HandleParts {
  readonly entry: CachedContract;
  readonly stale: boolean;
  readonly client: RegistryClient;
  readonly cacheFile: string;
  readonly cacheDir: string;
  /** 0: no polling. */
  readonly pollIntervalMs: number;
  readonly telemetry: TelemetryReporter | undefined;
  /** Where compiled validators are kept, by contract, version and content hash. */
  readonly validators: ValidatorCache;
  readonly now: () => Date;
}

function metricsOf(document: unknown): readonly MetricDefinition[] {
  const metrics = document !== null && typeof document === 'object' ? (document as { readonly metrics?: unknown }).metrics : undefined;
  // The registry only stores documents that passed the contract meta-schema, whose metrics have this shape.
  return Array.isArray(metrics) ? (metrics as readonly MetricDefinition[]) : [];
}

const validatorOf = (validators: ValidatorCache, entry: CachedContract): RecordValidator =>
  validators.validatorFor({ contract: entry.contract, version: entry.detail.version, hash: entry.detail.contentHash }, entry.detail.schema);

function gateRecords<T>(records: Iterable<T>, validate: (record: unknown) => RecordVerdict): GateResult<T> {
  const result: GateResult<T> = { valid: [], rejected: [] };
  for (const record of records) {
    const verdict = validate(record);
    if (verdict.valid) result.valid.push(record);
    else result.rejected.push({ record, errors: verdict.errors });
  }
  return result;
}

/** A handle over a resolved (or cached) pin; see openContract for what it promises. */
export function createContractHandle(parts: HandleParts): ContractHandle {
  const { client, telemetry } = parts;
  const events = new EventEmitter();
  let entry = parts.entry;
  let stale = parts.stale;
  let validator = validatorOf(parts.validators, entry);
  let version = entry.detail.version;
  let polling: Promise<void> | undefined;

  const emit = <E extends keyof ContractEvents>(event: E, payload: ContractEvents[E]): void => {
    try {
      events.emit(event, payload);
    } catch {
      // A listener's fault must not stop the watch; the listener owns its errors.
    }
  };

  const markEvents = (marks: Marks | undefined, before: { deprecated: VersionMarkInfo; yanked: VersionMarkInfo }): void => {
    if (marks === undefined) return;
    if (marks.deprecated !== null && before.deprecated === null) emit('deprecated', { contract: entry.contract, version, mark: marks.deprecated });
    if (marks.yanked !== null && before.yanked === null) emit('yanked', { contract: entry.contract, version, mark: marks.yanked });
  };

  const keep = async (next: CachedContract): Promise<void> => {
    entry = next;
    stale = false;
    // The cache is a convenience: a full disk must not break a running agent.
    await writeCached(parts.cacheFile, parts.cacheDir, next).catch(() => undefined);
  };

  const poll = async (): Promise<void> => {
    const outcome = await pollPin(client, entry.contract, entry.range, version, entry.etag);
    const confirmedAt = parts.now().toISOString();
    if (outcome.kind === 'unreachable') {
      stale = true;
      return;
    }
    if (outcome.kind === 'unchanged') {
      await keep({ ...entry, confirmedAt });
      return;
    }
    const before = { deprecated: entry.detail.deprecated, yanked: entry.detail.yanked };
    if (outcome.kind === 'gone') {
      markEvents(outcome.usedMarks, before);
      if (outcome.usedMarks !== undefined) await keep({ ...entry, confirmedAt, detail: { ...entry.detail, ...outcome.usedMarks } });
      return;
    }
    const { detail } = outcome;
    if (detail.version === version) {
      markEvents({ deprecated: detail.deprecated, yanked: detail.yanked }, before);
      await keep({ ...entry, etag: outcome.etag, confirmedAt, detail });
      return;
    }
    markEvents(outcome.usedMarks, before);
    const from = version;
    const next = { ...entry, etag: outcome.etag, confirmedAt, detail };
    validator = validatorOf(parts.validators, next);
    version = detail.version;
    await keep(next);
    emit('update', { contract: entry.contract, from, to: version });
  };

  const refresh = (): Promise<void> => {
    polling ??= poll().finally(() => {
      polling = undefined;
    });
    return polling;
  };

  const timer = parts.pollIntervalMs > 0 ? setInterval(() => void refresh(), parts.pollIntervalMs) : undefined;
  // The watch alone must never keep an agent's process alive.
  timer?.unref();

  const validate = (record: unknown): RecordVerdict => {
    const verdict = validator.validate(record);
    telemetry?.record(version, verdict);
    return verdict;
  };

  const handle: ContractHandle = {
    contract: entry.contract,
    range: entry.range,
    get version() {
      return version;
    },
    get schema() {
      return entry.detail.schema;
    },
    get metrics() {
      return metricsOf(entry.detail.document);
    },
    get stale() {
      return stale;
    },
    get since() {
      return stale ? entry.confirmedAt : undefined;
    },
    get deprecated() {
      return entry.detail.deprecated;
    },
    get yanked() {
      return entry.detail.yanked;
    },
    describe: () => describeFields(entry.detail.schema),
    validate,
    gate: (records) => gateRecords(records, validate),
    on(event, listener) {
      events.on(event, listener);
      return handle;
    },
    off(event, listener) {
      events.off(event, listener);
      return handle;
    },
    refresh,
    flushTelemetry: async () => telemetry?.flush(),
    get telemetry() {
      return telemetry?.stats;
    },
    async close() {
      if (timer !== undefined) clearInterval(timer);
      await polling;
      await telemetry?.close();
    },
  };
  return handle;
}
