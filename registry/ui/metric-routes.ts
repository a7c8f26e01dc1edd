import type { Request, Response, Router } from 'express';
import { param, queryInteger, queryText } from '../request/query.js';
import { metricPage, metricsPage } from './pages/metrics-page.js';
import type { UiRouteContext } from './route-context.js';
import { sendPage } from './ui-response.js';

/** Metrics per catalog page; each is a card with its definition and uses, so fewer than contracts. */
export const METRICS_PAGE_SIZE = 25;

/** The registry-wide metric catalog. */
export function registerMetricRoutes(app: Router, context: UiRouteContext): void {
  const { services, assets } = context;

  app.get('/metric-catalog', ...context.reading, async (req: Request, res: Response) => {
    const text = queryText(req, 'q')?.trim();
    const prefix = text === undefined || text === '' ? undefined : text;
    const offset = queryInteger(req, 'offset') ?? 0;
    const page = await services.metrics.list({ limit: METRICS_PAGE_SIZE, offset, ...(prefix === undefined ? {} : { prefix }) });
    const entries = await Promise.all(page.items.map(async (item) => ({ ...(await services.metrics.get(item.name)), meanings: item.meanings })));
    sendPage(req, res, assets, {
      title: 'Metrics',
      section: 'metrics',
      content: metricsPage({ ...(prefix === undefined ? {} : { prefix }), entries, total: page.total, offset, limit: METRICS_PAGE_SIZE }),
    });
  }, context.errors);

  app.get('/metric-catalog/:name', ...context.reading, async (req: Request, res: Response) => {
    const entry = await services.metrics.get(param(req, 'name'));
    sendPage(req, res, assets, { title: `Metric ${entry.name}`, section: 'metrics', content: metricPage(entry) });
  }, context.errors);
}
