import { ConcordError } from '../../contracts/index.js';

/**
 * A fault that stops a read. The message names the source (its description, never a secret) and
 * what to check next; the cause keeps the library's own error for logs.
 */
export function sourceUnavailable(description: string, problem: string, hint: string, cause?: unknown): ConcordError {
  return new ConcordError('source-unavailable', `${description}: ${problem}; ${hint}`, {}, cause === undefined ? undefined : { cause });
}

/** A bad field in a source spec or `--source` argument, named with the source so it can be found. */
export function invalidSource(sourceName: string, field: string, problem: string): ConcordError {
  return new ConcordError('invalid-argument', `source "${sourceName}": ${field} ${problem}`);
}

/** The library's message, for wrapping; never includes anything we did not get from the library. */
export function causeText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
