import { ConcordError } from '../../contracts/index.js';
import { errorFromAnswer, isTransientStatus, timeoutError, unreachableError } from './remote-error.js';
import type { RequestLabel } from './remote-error.js';

/**
 * How long one request may take, answer included, when the caller sets nothing. A publish in a
 * `full_transitive` contract with hundreds of versions takes a few seconds; thirty covers that
 * with room while a hung registry still fails a CLI call before a person gives up on it.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Extra tries for a request that may safely be repeated (GET, PUT, DELETE) when the registry
 * could not be reached or answered 502/503/504: enough to ride out a restart or a load balancer
 * switching replicas, few enough that a registry that is really down fails within seconds.
 * POSTs are never repeated: a publish that timed out may have been stored.
 */
export const MAX_IDEMPOTENT_RETRIES = 2;

/** Wait before the first retry; doubled for each further one. */
export const RETRY_BASE_DELAY_MS = 200;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type QueryValue = string | number | boolean | undefined;

export interface TransportOptions {
  /** The registry's base URL, e.g. `http://127.0.0.1:8080`; the API lives under its `/api`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`; absent sends no credentials. */
  readonly token?: string;
  /** Per request; defaults to {@link DEFAULT_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** The fetch to use; defaults to the global one. */
  readonly fetch?: typeof fetch;
}

export interface RequestSpec {
  readonly method: HttpMethod;
  /** Path below the base URL, already encoded, e.g. `/api/contracts/commerce.orders`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** A string is sent as `text` with `contentType`; anything else as JSON. */
  readonly body?: unknown;
  readonly contentType?: string;
  /** Expect text rather than JSON (Prometheus metrics). */
  readonly text?: boolean;
  /** Sent as `If-None-Match`: a 304 answer then resolves with status 304 and no body. */
  readonly ifNoneMatch?: string;
}

export interface Answer<T> {
  readonly status: number;
  readonly body: T;
  /** The answer's `ETag` header, when it sent one. */
  readonly etag?: string;
}

export interface Transport {
  readonly baseUrl: string;
  request<T>(spec: RequestSpec): Promise<Answer<T>>;
}

function normalizeBaseUrl(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new ConcordError('invalid-argument', `registry URL "${baseUrl}" is not a URL: write it like http://127.0.0.1:8080`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConcordError('invalid-argument', `registry URL "${baseUrl}" must start with http:// or https://`);
  }
  return parsed.href.replace(/\/+$/, '');
}

function withQuery(url: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? url : `${url}?${text}`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The HTTP layer of the registry client: one fetch per try, bounded by `timeoutMs` (default
 * {@link DEFAULT_TIMEOUT_MS}) through an AbortSignal, JSON in and out, error answers turned into
 * ConcordError (see remote-error.ts). GET, PUT and DELETE are tried up to
 * {@link MAX_IDEMPOTENT_RETRIES} more times when the registry is unreachable or answers
 * 502/503/504; POST never is, and no request is repeated after a timeout.
 */
export function createTransport(options: TransportOptions): Transport {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ConcordError('invalid-argument', `timeout ${timeoutMs} ms is not a positive number of milliseconds`);
  }
  const doFetch = options.fetch ?? fetch;

  async function once<T>(spec: RequestSpec, url: string, label: RequestLabel): Promise<Answer<T>> {
    const headers: Record<string, string> = { accept: spec.text === true ? 'text/plain' : 'application/json' };
    if (options.token !== undefined && options.token !== '') headers.authorization = `Bearer ${options.token}`;
    if (spec.ifNoneMatch !== undefined) headers['if-none-match'] = spec.ifNoneMatch;
    let payload: string | undefined;
    if (spec.body !== undefined) {
      const isText = typeof spec.body === 'string';
      payload = isText ? (spec.body as string) : JSON.stringify(spec.body);
      headers['content-type'] = spec.contentType ?? (isText ? 'text/plain' : 'application/json');
    }
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, { method: spec.method, headers, body: payload, signal });
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw timeoutError(label, timeoutMs);
      throw unreachableError(label, error);
    }
    const etag = response.headers.get('etag') ?? undefined;
    if (response.status === 304 && spec.ifNoneMatch !== undefined) return { status: 304, body: undefined as T, ...(etag === undefined ? {} : { etag }) };
    const body = parseBody(text, response.headers.get('content-type'), spec.text === true);
    if (!response.ok) throw errorFromAnswer(response.status, body, label);
    if (spec.text !== true && typeof body === 'string') {
      throw new ConcordError(
        'unreadable-input',
        `the registry answered ${label.method} ${label.url} with something that is not JSON: check that the URL points at a Concord registry`,
        { remote: { status: response.status, code: 'not-json' } },
      );
    }
    return { status: response.status, body: body as T, ...(etag === undefined ? {} : { etag }) };
  }

  return {
    baseUrl,
    async request<T>(spec: RequestSpec): Promise<Answer<T>> {
      const url = withQuery(`${baseUrl}${spec.path}`, spec.query);
      const label: RequestLabel = { method: spec.method, url };
      const retries = spec.method === 'POST' ? 0 : MAX_IDEMPOTENT_RETRIES;
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await once<T>(spec, url, label);
        } catch (error) {
          if (attempt >= retries || !worthRetrying(error)) throw error;
          await sleep(RETRY_BASE_DELAY_MS * 2 ** attempt);
        }
      }
    },
  };
}

function worthRetrying(error: unknown): boolean {
  if (!(error instanceof ConcordError)) return false;
  const remote = error.detail.remote;
  if (remote === undefined) return false;
  return remote.code === 'unreachable' || (remote.status !== undefined && isTransientStatus(remote.status));
}

function parseBody(text: string, contentType: string | null, expectText: boolean): unknown {
  if (expectText && !(contentType ?? '').includes('json')) return text;
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
