import type { Express } from 'express';
import { pageQuery, param, queryText } from '../../request/query.js';
import type { RouteContext } from './route-context.js';
import type { MetricInfo, MetricPage } from '../../../vocabulary/index.js';

/** The registry-wide metric catalog. */
export function registerMetricRoutes(app: Express, { services, read }: RouteContext): void {
  app.get('/api/metrics', read, async (req, res) => {
    const page = pageQuery(req);
    const prefix = queryText(req, 'q');
    const found = await services.metrics.list({ ...page, ...(prefix === undefined ? {} : { prefix }) });
    res.json({ items: found.items, limit: page.limit ?? null, offset: page.offset ?? 0, total: found.total } satisfies MetricPage);
  });

  app.get('/api/metrics/:name', read, async (req, res) => {
    res.json((await services.metrics.get(param(req, 'name'))) satisfies MetricInfo);
  });
}
