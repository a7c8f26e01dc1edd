import { MAX_BACKOFF_MS } from './http-options.js';

/** 429 and 5xx are worth another try; other statuses will not change by waiting. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Wait before retry number `attempt` (0-based): `backoffMs * 2^attempt`, or the server's
 * `Retry-After` (seconds or an HTTP date) when longer, never more than MAX_BACKOFF_MS.
 */
export function retryDelay(attempt: number, backoffMs: number, retryAfter: string | null, now = Date.now()): number {
  let delay = backoffMs * 2 ** attempt;
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    const asked = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(asked) && asked > delay) delay = asked;
  }
  return Math.min(Math.max(0, delay), MAX_BACKOFF_MS);
}

/** Resolves after `ms`, or early (without error) when the signal aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
