import semver from 'semver';
import { CONTRACT_ID_PATTERN, requireValidName, ConcordError, createValidatorCache, type ValidatorCache } from '../contracts/index.js';
import type { Person } from '../contracts/index.js';
import { createRegistryClient, type RegistryClient } from '../registry/client/index.js';
import { DEFAULT_POLL_INTERVAL_MS, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_TELEMETRY_INTERVAL_MS, DEFAULT_TTL_MS } from './agent-limits.js';
import { type CachedContract, cacheFileFor, defaultCacheDir, readCached, writeCached } from './contract-cache.js';
import { createContractHandle, type ContractHandle } from './contract-handle.js';
import { confirmPin } from './consumer-registration.js';
import { isOutage } from './outage.js';
import { createTelemetryReporter } from './telemetry-reporter.js';

export interface OpenContractOptions {
  /** The registry's base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** A bearer token; a consumer-role token of the consumer's creator to register, pin and report telemetry. */
  readonly token?: string;
  /** `namespace.name@range`, e.g. `commerce.orders@^2`. */
  readonly ref: string;
  /** The consumer this agent is, as registered in the registry (e.g. `agents.support-router`); telemetry is reported under it. */
  readonly consumer: string;
  /** Record fields the agent reads (dotted paths), pinned with `register`; default none declared (all fields). */
  readonly fields?: readonly string[];
  /** When given, the consumer is registered with this contact if unknown, and pinned to the range and `fields`. Default: nothing is written. */
  readonly register?: { readonly contact: Person };
  /** Where the last good contract is kept; default `$XDG_CACHE_HOME/concord/agent` or `~/.cache/concord/agent`. */
  readonly cacheDir?: string;
  /** Milliseconds a cached contract is used without asking the registry; default DEFAULT_TTL_MS (60 s), 0 always asks. */
  readonly ttl?: number;
  /** Milliseconds between polls for updates, deprecations and yanks; default DEFAULT_POLL_INTERVAL_MS (60 s), 0 never polls. */
  readonly pollInterval?: number;
  /** Milliseconds between telemetry batches; default DEFAULT_TELEMETRY_INTERVAL_MS (60 s); `false` sends none. */
  readonly telemetry?: number | false;
  /** Per registry request; default DEFAULT_REQUEST_TIMEOUT_MS (5 s). */
  readonly timeoutMs?: number;
  /** The fetch to use; default the global one. */
  readonly fetch?: typeof fetch;
  /** Where compiled validators are kept; default one cache shared by every handle of the process (SHARED_VALIDATORS). */
  readonly validators?: ValidatorCache;
  /** The clock; default the system's. */
  readonly now?: () => Date;
}

const CONTRACT_ID = new RegExp(CONTRACT_ID_PATTERN);

/**
 * The validators handles share when the caller passes none. Compiling a record schema takes tens
 * of milliseconds, far more than reading the cached contract, and an agent that opens its contract
 * per task would pay it every time; a compiled validator depends only on (contract, version,
 * content hash), so one bounded LRU per process is safe to share.
 */
const SHARED_VALIDATORS: ValidatorCache = createValidatorCache();

function parseRef(ref: string): { readonly contract: string; readonly range: string } {
  const at = ref.indexOf('@');
  const contract = at === -1 ? ref : ref.slice(0, at);
  const range = at === -1 ? '' : ref.slice(at + 1);
  if (!CONTRACT_ID.test(contract) || range.trim() === '' || semver.validRange(range) === null) {
    throw new ConcordError('invalid-argument', `ref "${ref.slice(0, 120)}" is not namespace.name@range: write it like commerce.orders@^2`);
  }
  return { contract, range };
}

function checkMillis(name: string, value: number | undefined, fallback: number): number {
  const millis = value ?? fallback;
  if (!Number.isFinite(millis) || millis < 0) throw new ConcordError('invalid-argument', `${name} ${String(value)} is not a number of milliseconds (0 or more)`);
  return millis;
}

interface Opened {
  readonly entry: CachedContract;
  readonly stale: boolean;
}

/** The pin's answer: the fresh cache, the registry (revalidating the cache with its ETag), or the cache marked stale when the registry has no answer. */
async function resolvePin(client: RegistryClient, cached: CachedContract | undefined, key: { url: string; contract: string; range: string }, ttl: number, now: Date, dir: string, file: string): Promise<Opened> {
  if (cached !== undefined && now.getTime() - Date.parse(cached.confirmedAt) < ttl) return { entry: cached, stale: false };
  try {
    const answer = await client.revalidate(key.contract, { range: key.range }, cached?.etag ?? undefined);
    const confirmedAt = now.toISOString();
    const entry: CachedContract = answer.changed ? { ...key, etag: answer.etag, confirmedAt, detail: answer.detail } : { ...cached!, confirmedAt };
    // The cache is a convenience: a read-only or full disk must not stop an agent that reached its registry.
    await writeCached(file, dir, entry).catch(() => undefined);
    return { entry, stale: false };
  } catch (error) {
    if (!isOutage(error)) throw error;
    if (cached !== undefined) return { entry: cached, stale: true };
    const why = error instanceof Error ? error.message : String(error);
    throw new ConcordError(
      'unreadable-input',
      `cannot open ${key.contract}@${key.range}: the registry gave no answer (${why}) and there is no cached copy in ${dir}: ` +
        'start the registry or fix its URL, then open the contract once while it answers so later opens survive an outage',
      { remote: { code: 'unreachable' } },
      { cause: error },
    );
  }
}

/**
 * Opens a pinned contract for an agent: resolves `ref` (`namespace.name@range`) in the registry,
 * keeping the answer on disk (written atomically; revalidated with its ETag after `ttl`), and
 * returns a handle that validates records in-process with the checker's own validator
 * (compileRecordValidator). When the registry is unreachable (or answers 5xx) and a cached copy
 * exists, the handle serves it with `stale: true` and `since`; with no copy it throws ConcordError
 * `unreadable-input` saying so. Refusals (401, 403, 404) are thrown as they are.
 *
 * The handle polls the range's resolution with `If-None-Match` every `pollInterval` (default 60 s;
 * timers never keep the process alive) and emits `update` when the range moves to another version
 * (the handle switches to it), `deprecated` and `yanked` when the version in use is marked.
 * Telemetry (validated and rejected counts per version, top failing field names, never values)
 * goes to `POST /api/contracts/{id}/consumers/{consumer}/telemetry` in batches; it never blocks
 * or throws into the caller. Call `close()` to stop polling and send what is left.
 */
export async function openContract(options: OpenContractOptions): Promise<ContractHandle> {
  const { contract, range } = parseRef(options.ref);
  requireValidName('consumer', options.consumer);
  const ttl = checkMillis('ttl', options.ttl, DEFAULT_TTL_MS);
  const pollIntervalMs = checkMillis('pollInterval', options.pollInterval, DEFAULT_POLL_INTERVAL_MS);
  const telemetryMs = options.telemetry === false ? undefined : checkMillis('telemetry', options.telemetry, DEFAULT_TELEMETRY_INTERVAL_MS);
  const now = options.now ?? ((): Date => new Date());
  const client = createRegistryClient({
    baseUrl: options.url,
    timeoutMs: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const key = { url: client.baseUrl, contract, range };
  const cacheFile = cacheFileFor(cacheDir, key.url, contract, range);
  const cached = await readCached(cacheFile, key.url, contract, range);
  const opened = await resolvePin(client, cached, key, options.register === undefined ? ttl : 0, now(), cacheDir, cacheFile);
  if (options.register !== undefined && !opened.stale) {
    await confirmPin(client, options.consumer, options.register.contact, contract, range, options.fields ?? []);
  }
  const telemetry = telemetryMs === undefined
    ? undefined
    : createTelemetryReporter({ intervalMs: telemetryMs, send: async (batch) => void (await client.reportTelemetry(contract, options.consumer, batch)) });
  return createContractHandle({ entry: opened.entry, stale: opened.stale, client, cacheFile, cacheDir, pollIntervalMs, telemetry, validators: options.validators ?? SHARED_VALIDATORS, now });
}
