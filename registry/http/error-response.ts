import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { HTTP_STATUS_BY_ERROR, isConcordError } from '../../contracts/index.js';
import { isRefusalError } from '../services/refusal-error.js';
import { codeOf, storageFault } from '../storage/storage-errors.js';
import type { ErrorBody } from '../../vocabulary/index.js';

const INTERNAL_MESSAGE = 'the registry failed on this request; the details are in its log: try again, and tell its operators if it keeps failing';

/** The status and body for an error; faults that are not ConcordErrors become a generic 500. */
export function errorAnswer(raw: unknown): { readonly status: number; readonly body: ErrorBody } {
  const error = storageFault(raw) ?? raw;
  if (isConcordError(error) && error.code !== 'internal') {
    const { pointer, line, column } = error.detail;
    return {
      status: HTTP_STATUS_BY_ERROR[error.code],
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(isRefusalError(error) && error.findings.length > 0 ? { findings: error.findings } : {}),
          ...(isRefusalError(error) && error.reasons.length > 0 ? { reasons: error.reasons.map(({ code, message }) => ({ code, message })) } : {}),
          ...(pointer === undefined ? {} : { pointer }),
          ...(line === undefined ? {} : { line }),
          ...(column === undefined ? {} : { column }),
        },
      },
    };
  }
  // Express's own errors for unreadable URLs carry a 4xx status and say nothing internal.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: { code: 'invalid-argument', message: 'the request could not be read: check the URL and its escapes' } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: INTERNAL_MESSAGE } } };
}

/** Express error middleware: answers with {@link errorAnswer} and logs faults in full, never sending a stack. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, body } = errorAnswer(error);
    // The driver's code (SQLITE_FULL, 53100) leads the message: it is the cause an operator looks for.
    const code = codeOf(error);
    if (status >= 500) logger.error({ err: error, method: req.method, url: req.originalUrl }, code === undefined ? 'request failed' : `request failed: ${code}`);
    // A body refused part-way is not read to its end: closing the connection stops the sender.
    if (!req.complete) res.setHeader('connection', 'close');
    res.status(status).json(body);
  };
}

/** Answers requests no route matched. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not-found', message: `no route ${req.method} ${req.path}: see /api/openapi.json for the API` } } satisfies ErrorBody);
};
