/** How an HTTP source finds the next page. */
export type Pagination =
  | { readonly type: 'none' }
  /** `?page=1`, `?page=2`... until a page has no records. */
  | { readonly type: 'page'; readonly param: string; readonly start: number; readonly sizeParam?: string; readonly size?: number }
  /** `?cursor=<value at the pointer `next` in the previous body>` until that value is missing, null or empty. */
  | { readonly type: 'cursor'; readonly param: string; readonly next: string }
  /** The RFC 8288 `Link: <...>; rel="next"` response header, on the same origin only. */
  | { readonly type: 'link' };

/** An HTTP source with every secret already resolved (headers carry the token; never print them). */
export interface HttpSourceOptions {
  readonly url: string;
  /** JSON pointer to the records array in each page body; `''` is the root. */
  readonly records: string;
  readonly pagination: Pagination;
  /** Sent with every request; may hold secrets resolved from the environment. */
  readonly headers: Readonly<Record<string, string>>;
  /** Whole-request timeout (headers and body of one page), ms. */
  readonly timeoutMs: number;
  /** Retries after a 5xx, 429, network error or timeout, before the read fails. */
  readonly retries: number;
  /** First retry delay, doubled each retry (capped at MAX_BACKOFF_MS); `Retry-After` wins when longer. */
  readonly backoffMs: number;
  /** Cap on body bytes read over all pages (at most MAX_HTTP_BYTES). */
  readonly maxBytes: number;
  /** Cap on pages fetched (at most MAX_PAGES). */
  readonly maxPages: number;
  /** What to check on 401/403, e.g. "check the credentials in ORDERS_API_TOKEN" (names only). */
  readonly authHint?: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_BACKOFF_MS = 500;
/** Longest wait between two attempts, whatever the backoff or `Retry-After` says: a check run must end. */
export const MAX_BACKOFF_MS = 30_000;

/** Says where the credentials come from (env variable names, never values), for 401/403 messages. */
export function credentialHint(envNames: readonly string[]): string {
  return envNames.length === 0
    ? 'the source sends no credentials: add tokenEnv or headersEnv'
    : `check the credentials in ${envNames.join(', ')}`;
}
