import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { principalOrAnonymous } from '../auth/request-auth.js';

/**
 * Logs one line per request when its answer is finished: method, URL, route pattern, status,
 * duration and the principal. Bodies and headers are never logged, so tokens never reach a log.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = (req.route as { path?: string } | undefined)?.path;
      const level = res.statusCode >= 500 ? 'error' : 'info';
      logger[level](
        { method: req.method, url: req.originalUrl, route, status: res.statusCode, ms: Math.round(ms * 10) / 10, principal: principalOrAnonymous(res)?.id },
        'request',
      );
    });
    next();
  };
}
