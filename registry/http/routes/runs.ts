import type { Express } from 'express';
import { ConcordError, parseText } from '../../../contracts/index.js';
import { principalOf } from '../../auth/request-auth.js';
import { MAX_RUN_REPORT_BYTES } from '../../services/runs.js';
import type { BaselineAcceptRequest, RecordedBaseline, RecordedRun } from '../../services/runs.js';
import type { PrincipalNames } from '../../services/principal-names.js';
import type { RunSummary } from '../../storage/run-store.js';
import type { BaselineDetail, RunDetail, RunInfo, RunPruneRequest } from '../../../vocabulary/index.js';
import { readObjectBody, stringField } from '../body-fields.js';
import type { BodyObject } from '../body-fields.js';
import { nameParam, pageQuery, param, queryText } from '../../request/query.js';
import { readBodyText } from '../read-body.js';
import type { RouteContext } from './route-context.js';

/** A run as listings answer it: everything but the report. */
export function runSummaryView(run: RunSummary, names: PrincipalNames): RunInfo {
  return {
    id: run.id,
    contract: run.contractId,
    version: run.version,
    source: run.source,
    sourceDescription: run.sourceDescription,
    verdict: run.verdict,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    read: run.read,
    sampled: run.sampled,
    violations: run.violationCount,
    drift: run.driftCount,
    recordedBy: run.recordedBy,
    recordedByName: names.get(run.recordedBy) ?? null,
    recordedAt: run.recordedAt,
  };
}

function runView(run: RecordedRun, names: PrincipalNames): RunDetail {
  return { ...runSummaryView(run, names), report: run.report };
}

/** A baseline as the API answers it: the run, who accepted it (null when it passed) with their name, and since when it is the baseline. */
function baselineView(run: RecordedBaseline, names: PrincipalNames): BaselineDetail {
  const acceptedBy = run.acceptedBy ?? null;
  return { ...runView(run, names), acceptedBy, acceptedByName: acceptedBy === null ? null : (names.get(acceptedBy) ?? null), baselineSince: run.baselineSince };
}

/** The principals a baseline view names. */
function baselinePrincipals(run: RecordedBaseline): string[] {
  return run.acceptedBy === undefined ? [run.recordedBy] : [run.recordedBy, run.acceptedBy];
}

/** The members an accept request may have. */
const ACCEPT_FIELDS = ['source', 'run'] as const;

/** The accept request in `body` for `contract`; unknown members, a missing source and a run id that is not a whole number are 400s naming the member. */
function acceptRequest(contract: string, body: BodyObject): BaselineAcceptRequest {
  const unknown = Object.keys(body).find((key) => !(ACCEPT_FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) {
    throw new ConcordError('invalid-argument', `/${unknown.slice(0, 40)} is not a field of a baseline accept request: send only ${ACCEPT_FIELDS.join(', ')}`, { pointer: `/${unknown.slice(0, 40)}` });
  }
  const source = stringField(body, 'source', '/source', true);
  if (source === '') throw new ConcordError('invalid-argument', '/source is empty: name the source whose baseline you accept, like prod', { pointer: '/source' });
  const run = body.run;
  if (run !== undefined && run !== null && (typeof run !== 'number' || !Number.isSafeInteger(run) || run < 1)) {
    throw new ConcordError('invalid-argument', '/run must be the id of a run (a whole number, from GET /api/contracts/{id}/runs), or left out for the newest', { pointer: '/run' });
  }
  return { contract, source, ...(typeof run === 'number' ? { run } : {}) };
}

function sourceQuery(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

/** The members a prune request may have: anything else is a typo that would prune with a default instead. */
const PRUNE_FIELDS = ['olderThan', 'keepLatestPerSource', 'contract'] as const;

/** The prune request in `body`; unknown members and a count that is not a whole number are 400s naming the member. */
function pruneRequest(body: BodyObject): RunPruneRequest {
  const unknown = Object.keys(body).find((key) => !(PRUNE_FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) {
    throw new ConcordError('invalid-argument', `/${unknown.slice(0, 40)} is not a field of a prune request: send only ${PRUNE_FIELDS.join(', ')}`, { pointer: `/${unknown.slice(0, 40)}` });
  }
  const olderThan = stringField(body, 'olderThan', '/olderThan', true);
  const contract = stringField(body, 'contract', '/contract');
  const keep = body.keepLatestPerSource;
  if (keep !== undefined && keep !== null && (typeof keep !== 'number' || !Number.isInteger(keep))) {
    throw new ConcordError('invalid-argument', '/keepLatestPerSource must be a whole number of runs to keep per source, like 1', { pointer: '/keepLatestPerSource' });
  }
  return { olderThan, ...(typeof keep === 'number' ? { keepLatestPerSource: keep } : {}), ...(contract === undefined ? {} : { contract }) };
}

/** Checker run history: record a run, list runs, the latest run of a source, its baseline and accepting one (owner or admin), one run, current verdicts, pruning (admin). */
export function registerRunRoutes(app: Express, { services, read }: RouteContext): void {
  const { runs } = services;

  app.post('/api/contracts/:id/runs', async (req, res) => {
    const principal = principalOf(res);
    const body = await readBodyText(req, MAX_RUN_REPORT_BYTES);
    if (body.format === 'yaml') throw new ConcordError('unreadable-input', 'a check report is sent as application/json: post the JSON that `concord check --format json` writes');
    const report = parseText(body.text, { file: '<body>', format: 'json' }).value;
    const run = await runs.recordRun(nameParam(req, 'id', 'contract-id'), report, principal);
    res.status(201).json(runSummaryView(run, new Map([[principal.id, principal.name]])));
  });

  app.get('/api/contracts/:id/runs', read, async (req, res) => {
    const page = pageQuery(req);
    const source = sourceQuery(queryText(req, 'source'));
    const found = await runs.listRuns({ contract: nameParam(req, 'id', 'contract-id'), ...page, ...(source === undefined ? {} : { source }) });
    const names = await services.names.of(found.items.map((run) => run.recordedBy));
    res.json({ items: found.items.map((run) => runSummaryView(run, names)), limit: page.limit ?? null, offset: page.offset ?? 0, total: found.total });
  });

  app.get('/api/contracts/:id/runs/latest', read, async (req, res) => {
    const id = nameParam(req, 'id', 'contract-id');
    const source = sourceQuery(queryText(req, 'source'));
    if (source === undefined) throw new ConcordError('invalid-argument', `give the source whose latest run of ${id} you want, like ?source=prod (its name in the contract, or its description)`);
    const run = await runs.latestRun({ contract: id, source });
    if (run === undefined) {
      await services.reads.getContract(id);
      throw new ConcordError('not-found', `no run of ${id} on source ${source.slice(0, 200)} is recorded yet: the first check records its baseline`);
    }
    res.json(runView(run, await services.names.of([run.recordedBy])));
  });

  app.get('/api/contracts/:id/runs/baseline', read, async (req, res) => {
    const id = param(req, 'id');
    const source = sourceQuery(queryText(req, 'source'));
    if (source === undefined) throw new ConcordError('invalid-argument', `give the source whose baseline of ${id} you want, like ?source=prod (its name in the contract, or its description)`);
    const run = await runs.baselineRun({ contract: id, source });
    if (run === undefined) {
      await services.reads.getContract(id);
      throw new ConcordError('not-found', `${id} on source ${source.slice(0, 200)} has no baseline yet: the first passing check sets it, or its owner accepts a run (concord baseline accept)`);
    }
    res.json(baselineView(run, await services.names.of(baselinePrincipals(run))));
  });

  app.post('/api/contracts/:id/baseline', async (req, res) => {
    const principal = principalOf(res);
    const accepted = await runs.acceptBaseline(acceptRequest(param(req, 'id'), await readObjectBody(req)), principal);
    res.json(baselineView(accepted, await services.names.of(baselinePrincipals(accepted))));
  });

  app.get('/api/contracts/:id/runs/:run', read, async (req, res) => {
    const text = param(req, 'run');
    if (!/^\d{1,12}$/.test(text)) throw new ConcordError('invalid-argument', `run id ${text.slice(0, 20)} is not a number: take it from GET /api/contracts/{id}/runs`);
    const run = await runs.getRun(nameParam(req, 'id', 'contract-id'), Number(text));
    res.json(runView(run, await services.names.of([run.recordedBy])));
  });

  app.get('/api/runs/latest', read, async (req, res) => {
    const contract = queryText(req, 'contract');
    const latest = await runs.latestVerdicts(contract === undefined || contract === '' ? undefined : contract);
    const names = await services.names.of(latest.map((run) => run.recordedBy));
    res.json({ items: latest.map((run) => runSummaryView(run, names)) });
  });

  app.post('/api/runs/prune', async (req, res) => {
    const principal = principalOf(res);
    const deleted = await runs.pruneRuns(pruneRequest(await readObjectBody(req)), principal);
    res.json({ deleted });
  });
}
