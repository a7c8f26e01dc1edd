import express from 'express';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.js';
import { authenticateRequests, requireReadAccess } from '../auth/request-auth.js';
import type { RegistryServices } from '../services/registry-services.js';
import type { Clock } from '../storage/clock.js';
import type { Database } from '../storage/open-database.js';
import { createSessionStore } from '../storage/session-store.js';
import { registerUiRoutes } from '../ui/ui-routes.js';
import { errorHandler, notFound } from './error-response.js';
import { cachedHeaderLookup } from './header-lookup.js';
import type { HttpMetrics } from './http-metrics.js';
import { requestLog } from './request-log.js';
import { contentFrom, createVersionBodies } from './version-bodies.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerMetricRoutes } from './routes/catalog.js';
import { registerContractAdminRoutes } from './routes/contract-admin.js';
import { registerContractRoutes } from './routes/contracts.js';
import { registerConsumerRoutes } from './routes/consumers.js';
import { registerRunRoutes } from './routes/runs.js';
import { registerSystemRoutes } from './routes/system.js';

export interface AppOptions {
  readonly services: RegistryServices;
  readonly authenticator: Authenticator;
  readonly database: Database;
  readonly logger: Logger;
  readonly metrics: HttpMetrics;
  /** Defaults to false: reads need a token. */
  readonly publicRead?: boolean;
  /** Reported by /api/health. */
  readonly version: string;
  /** Times UI sessions; defaults to the system clock. */
  readonly clock?: Clock;
}

/**
 * The registry's express app: JSON API under /api, Prometheus metrics at /metrics. Bodies are read
 * by the routes themselves (never by a global parser) so each is counted against the body limit
 * while it streams in. Every error becomes `{ error: { code, message, findings? } }`.
 */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLog(options.logger));
  app.use(options.metrics.middleware);
  registerSystemRoutes(app, { database: options.database, version: options.version, metrics: options.metrics.registry });
  app.use('/api', authenticateRequests(options.authenticator));
  const context = {
    services: options.services,
    read: requireReadAccess(options.publicRead ?? false),
    versions: createVersionBodies(contentFrom(options.services.reads)),
    headers: cachedHeaderLookup(options.services.reads, options.database.changeStamp),
  };
  registerContractRoutes(app, context);
  registerContractAdminRoutes(app, context);
  registerConsumerRoutes(app, context);
  registerRunRoutes(app, context);
  registerMetricRoutes(app, context);
  registerAdminRoutes(app, context);
  registerUiRoutes(app, {
    services: options.services,
    authenticator: options.authenticator,
    sessions: createSessionStore(options.database.db, options.clock === undefined ? {} : { clock: options.clock }),
    publicRead: options.publicRead ?? false,
    logger: options.logger,
  });
  app.use(notFound);
  app.use(errorHandler(options.logger));
  return app;
}
