import type { OpenOptions } from '../../model.js';
import { formatDuration, ConcordError, isConcordError } from '../../../contracts/index.js';
import { JsonElementScanner, JsonStructureError, type ScannedElement } from '../json-element-scanner.js';
import { MAX_LINE_BYTES } from '../limits.js';
import type { ReadTracker } from '../read-tracker.js';
import { redactUrl } from '../redact.js';
import { causeText, sourceUnavailable } from '../source-errors.js';
import { InvalidUtf8, StrictUtf8Decoder } from '../utf8.js';
import type { HttpSourceOptions } from './http-options.js';
import { isRetryableStatus, pause, retryDelay } from './retry-policy.js';

/** What one page told the pagination: how many elements it had and where the next page is. */
export interface PageOutcome {
  /** True when the read must end here (limit reached, aborted, byte cap). */
  readonly stopped: boolean;
  readonly elements: number;
  readonly cursor?: unknown;
  readonly linkHeader?: string | null;
}

const STOPPED: PageOutcome = { stopped: true, elements: 0 };

export interface PageContext {
  readonly options: HttpSourceOptions;
  readonly description: string;
  readonly open: OpenOptions;
  readonly tracker: ReadTracker;
  /** Pointer of the next-page cursor in the body, for cursor pagination. */
  readonly cursorPointer?: string;
}

function statusHint(status: number, options: HttpSourceOptions): string {
  if (status === 401 || status === 403) return options.authHint ?? 'check the credentials';
  if (status === 404) return 'check the URL';
  return 'check the URL and what the API expects';
}

/**
 * Fetches one page and streams the records of its body as they arrive. Retries 5xx, 429,
 * network errors and timeouts with backoff (each retry is a `retry` issue) as long as none of
 * the page's records has been handed out yet; a connection lost after that is fatal, since a
 * retry would hand out the same records twice.
 */
export async function* readPage(url: string, context: PageContext): AsyncGenerator<unknown, PageOutcome> {
  const { options, description, open, tracker } = context;
  const location = `GET ${redactUrl(url)}`;
  for (let attempt = 0; ; attempt += 1) {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = open.signal === undefined ? timeout : AbortSignal.any([open.signal, timeout]);
    let yielded = 0;
    let failure: { readonly message: string; readonly retryAfter: string | null };
    try {
      const response = await fetch(url, { headers: { accept: 'application/json', ...options.headers }, signal });
      if (!response.ok) {
        await response.body?.cancel();
        if (!isRetryableStatus(response.status)) {
          throw sourceUnavailable(description, `${location} answered HTTP ${response.status}`, statusHint(response.status, options));
        }
        failure = { message: `HTTP ${response.status}`, retryAfter: response.headers.get('retry-after') };
      } else if (response.body === null) {
        throw sourceUnavailable(description, `${location} answered ${response.status} without a body`, 'check the URL and what the API expects');
      } else {
        const scanner = new JsonElementScanner(options.records, context.cursorPointer === undefined ? [] : [context.cursorPointer], MAX_LINE_BYTES);
        // Strict: a body that is not UTF-8 is refused, never read with U+FFFD in place of its bytes.
        const decoder = new StrictUtf8Decoder();
        let elements = 0;
        const hand = function* (scanned: ScannedElement[]): Generator<unknown> {
          for (const element of scanned) {
            elements += 1;
            const where = `${location}#${options.records}/${element.index}`;
            if ('value' in element) {
              if (tracker.done) return;
              tracker.count();
              yielded += 1;
              yield element.value;
            } else if ('oversized' in element) {
              open.onIssue?.({ kind: 'oversized', location: where, message: `record longer than ${MAX_LINE_BYTES} characters; skipped` });
            } else open.onIssue?.({ kind: 'malformed', location: where, message: `not JSON (${element.malformed}); skipped` });
          }
        };
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          const room = options.maxBytes - tracker.bytes;
          const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
          tracker.addBytes(piece.length);
          yield* hand(scanner.push(decoder.write(piece)));
          if (tracker.done) return STOPPED;
          if (piece !== chunk) {
            open.onIssue?.({ kind: 'oversized', location, message: `stopped at the cap of ${options.maxBytes} bytes read; the rest of the feed was not read` });
            return STOPPED;
          }
        }
        yield* hand(scanner.push(decoder.end()));
        yield* hand(scanner.end());
        const cursor = context.cursorPointer === undefined ? undefined : scanner.capturedValue(context.cursorPointer);
        return { stopped: tracker.done, elements, cursor, linkHeader: response.headers.get('link') };
      }
    } catch (error) {
      if (isConcordError(error)) throw error;
      if (open.signal?.aborted === true) return STOPPED;
      if (error instanceof InvalidUtf8) {
        throw new ConcordError('unreadable-input', `${description}: the body of ${location} is not UTF-8 JSON: ${error.message}; check the API's encoding (Content-Type charset)`);
      }
      if (error instanceof JsonStructureError) {
        throw sourceUnavailable(description, `the body of ${location} is not what was expected: ${error.message}`, `check the records pointer "${options.records}" against a response`);
      }
      const what = timeout.aborted ? `no complete answer within ${options.timeoutMs} ms` : `network error (${causeText(error)})`;
      if (yielded > 0) {
        throw sourceUnavailable(description, `${location}: ${what} after ${yielded} records of the page`, 'the API dropped the connection mid-body; try again later or lower the page size', error);
      }
      failure = { message: what, retryAfter: null };
    }
    if (attempt >= options.retries) {
      throw sourceUnavailable(description, `${location} failed after ${attempt + 1} attempts (${failure.message})`, 'check that the API is up and reachable, or raise timeoutMs or retries');
    }
    const delay = retryDelay(attempt, options.backoffMs, failure.retryAfter);
    open.onIssue?.({ kind: 'retry', location, message: `${failure.message}; retry ${attempt + 1} of ${options.retries} in ${formatDuration(delay)}` });
    await pause(delay, open.signal);
    if (open.signal?.aborted === true) return STOPPED;
  }
}
