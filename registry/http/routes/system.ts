import type { Express } from 'express';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import type { Database } from '../../storage/open-database.js';
import { OPENAPI_DOCUMENT } from '../openapi.js';
import type { Health } from '../../../vocabulary/index.js';

export interface SystemRouteOptions {
  readonly database: Database;
  readonly version: string;
  readonly metrics: Registry;
}

/** Health, the API document and Prometheus metrics: open to all, since they hold no registry data. */
export function registerSystemRoutes(app: Express, { database, version, metrics }: SystemRouteOptions): void {
  app.get('/api/health', async (_req, res) => {
    try {
      await sql`select 1`.execute(database.db);
      res.json({ status: 'ok', database: database.dialect, version } satisfies Health);
    } catch {
      res.status(503).json({ status: 'unavailable', database: database.dialect, version } satisfies Health);
    }
  });

  app.get('/api/openapi.json', (_req, res) => {
    res.json(OPENAPI_DOCUMENT);
  });

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });
}
