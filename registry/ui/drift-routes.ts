import type { Request, Response, Router } from 'express';
import type { ContractDocument } from '../../contracts/index.js';
import { param } from '../request/query.js';
import { ConcordError } from '../../contracts/index.js';
import { driftPage } from './pages/drift-page.js';
import { runPage } from './pages/run-page.js';
import type { SourceTimeline } from './pages/drift-page.js';
import type { UiRouteContext } from './route-context.js';
import { readRunReport, violationRate } from './run-report.js';
import { sendPage } from './ui-response.js';

/**
 * Most runs one source's timeline shows. Each point needs its stored report read for the
 * violation rate; thirty is a month of daily checks or a week of six-hourly ones, and keeps a
 * page view to a bounded number of reads however long the history grows.
 */
export const MAX_TIMELINE_RUNS = 30;

/** Source names a contract's latest version declares, in its order. */
function declaredSources(document: unknown): string[] {
  const sources = (document as Partial<ContractDocument> | null)?.sources;
  return Array.isArray(sources) ? sources.map((source) => source.name).filter((name): name is string => typeof name === 'string') : [];
}

/** The drift page of a contract, and one page per recorded run. */
export function registerDriftRoutes(app: Router, context: UiRouteContext): void {
  const { services, assets } = context;

  app.get('/contracts/:id/drift', ...context.reading, async (req: Request, res: Response) => {
    const id = param(req, 'id');
    const summary = await services.reads.getContract(id);
    const latestVersion = summary.latestVersion === undefined ? undefined : await services.reads.getVersion(id, summary.latestVersion);
    const checked = (await services.runs.latestVerdicts(id)).map((run) => run.source);
    const sources = [...new Set([...declaredSources(latestVersion?.document), ...checked])];
    const timelines: SourceTimeline[] = await Promise.all(
      sources.map(async (source) => {
        const page = await services.runs.listRuns({ contract: id, source, limit: MAX_TIMELINE_RUNS });
        const stored = await Promise.all(page.items.map((run) => services.runs.getRun(id, run.id)));
        const reports = stored.map((run) => ({ run, report: readRunReport(run.report) }));
        const runs = [...reports].reverse().map(({ run, report }) => ({ ...run, rate: violationRate(report) }));
        const latest = reports[0];
        return { source, runs, total: page.total, ...(latest === undefined ? {} : { latest }) };
      }),
    );
    sendPage(req, res, assets, { title: `${id} drift`, section: 'contracts', content: driftPage({ summary, timelines }) });
  }, context.errors);

  app.get('/contracts/:id/runs/:run', ...context.reading, async (req: Request, res: Response) => {
    const id = param(req, 'id');
    const text = param(req, 'run');
    const runId = /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(runId)) throw new ConcordError('not-found', `${id} has no run ${text.slice(0, 40)}: run ids are whole numbers; open one from the contract's drift page`);
    const summary = await services.reads.getContract(id);
    const run = await services.runs.getRun(id, runId);
    sendPage(req, res, assets, { title: `${id} run ${runId}`, section: 'contracts', content: runPage({ summary, run, report: readRunReport(run.report) }) });
  }, context.errors);
}
