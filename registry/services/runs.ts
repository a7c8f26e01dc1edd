import { ConcordError } from '../../contracts/index.js';
import { isAdmin, namespaceOf, requireOwner, requireRole } from '../auth/permissions.js';
import type { Page } from '../storage/paging.js';
import type { Principal } from '../storage/principal-store.js';
import { checkKeepLatestPerSource } from '../storage/run-store.js';
import type { BaselineRun, RunSummary, StoredRun } from '../storage/run-store.js';
import type { BaselineAcceptRequest as BaselineAcceptBody, CheckReport, RunPruneRequest } from '../../vocabulary/index.js';
import { SERVICE_AUDIT_ACTIONS } from './audit-actions.js';
import type { ContractReads } from './contract-reads.js';
import { withTransaction } from './registry-stores.js';
import { runCutoff } from './run-age.js';
import { checkRunReport } from './run-report-check.js';
import type { ServiceContext } from './service-context.js';

/**
 * Largest check report body, in bytes. A report holds grouped violations with a few examples
 * each and one profile entry per field: a 1,000-field feed comes to a few hundred kilobytes.
 * 2 MiB leaves room for that while bounding what one request makes the registry parse and store.
 */
export const MAX_RUN_REPORT_BYTES = 2 * 1024 * 1024;

export interface RunListQuery {
  readonly contract: string;
  /** Only this source key; every source when absent. */
  readonly source?: string;
  /** 1..MAX_PAGE_SIZE, default DEFAULT_PAGE_SIZE. */
  readonly limit?: number;
  /** Default 0. */
  readonly offset?: number;
}

/** Runs retention keeps per source unless told otherwise: the newest, the baseline of the next check. */
export const DEFAULT_KEEP_LATEST_PER_SOURCE = 1;

/** What `POST /api/contracts/{id}/baseline` asks for, with the contract it names in its path. */
export interface BaselineAcceptRequest extends BaselineAcceptBody {
  readonly contract: string;
}

/** A stored run with its report as the check report it is: recordRun, the only writer, stores nothing else. */
export type RecordedRun = Omit<StoredRun, 'report'> & { readonly report: CheckReport };

/** A source's baseline with its report as the check report it is. */
export type RecordedBaseline = Omit<BaselineRun, 'report'> & { readonly report: CheckReport };

/**
 * Checker run history. Who may record: an admin, or a publisher whose token is scoped to the
 * contract's namespace. Checker jobs should run as a principal of their own (a publisher token
 * named e.g. `checker-commerce`), so the audit log tells recorded runs from publishes. Readers
 * may read history but never write it.
 */
export interface RunService {
  /**
   * Validates `report` (a CheckReport as JSON), checks that its contract matches `contractId` and
   * its version is published, stores it and audits the write. ConcordError `invalid-argument` for
   * a bad shape, `not-found` for an unknown contract or version, `forbidden` for readers and
   * publishers of other namespaces.
   */
  recordRun(contractId: string, report: unknown, principal: Principal): Promise<RunSummary>;
  /** Runs of a contract, newest recorded first; `not-found` for an unknown contract. */
  listRuns(query: RunListQuery): Promise<Page<RunSummary>>;
  /** The newest run of a contract's source (the previous verdict); undefined when none was recorded. */
  latestRun(query: { readonly contract: string; readonly source: string }): Promise<RecordedRun | undefined>;
  /**
   * The baseline of a contract's source: the newest run whose verdict was pass, or the run a
   * person accepted since (whichever came last); undefined when there is none. A breaking or
   * warning run never becomes the baseline by itself.
   */
  baselineRun(query: { readonly contract: string; readonly source: string }): Promise<RecordedBaseline | undefined>;
  /**
   * Makes a run (default the source's newest) the source's baseline, whatever its verdict: a
   * person saying "this is the feed now". Only the contract's owner or an admin may; audited.
   * ConcordError `forbidden` for anyone else, `not-found` for an unknown contract, a source with no
   * runs or a run of another source.
   */
  acceptBaseline(request: BaselineAcceptRequest, principal: Principal): Promise<RecordedBaseline>;
  /** One run by id; `not-found` when the contract has no such run. */
  getRun(contract: string, id: number): Promise<RecordedRun>;
  /** The newest run of every contract and source (one contract's when given): the current verdicts. */
  latestVerdicts(contract?: string): Promise<readonly RunSummary[]>;
  /**
   * Deletes runs recorded before the cutoff except each source's newest `keepLatestPerSource`
   * (see RunStore.pruneRuns), returns how many went and audits it. Admins only: ConcordError
   * `forbidden` for anyone else, `invalid-argument` (with a pointer) for a bad cutoff or count,
   * `not-found` for an unknown contract. The deletion runs in batches outside a transaction, so
   * the audit entry follows it with the count actually deleted.
   */
  pruneRuns(request: RunPruneRequest, principal: Principal): Promise<number>;
}

/** The key a source's baseline is stored under: its name from the contract when it has one, else its description. */
export function runSourceKey(report: { readonly source: string; readonly sourceName?: string }): string {
  return report.sourceName ?? report.source;
}

function requireRecorder(principal: Principal, contractId: string): void {
  if (isAdmin(principal)) return;
  const namespace = namespaceOf(contractId);
  if (principal.role === 'publisher' && principal.namespaces.includes(namespace)) return;
  throw new ConcordError(
    'forbidden',
    `${principal.name} (${principal.role}) may not record check runs for ${contractId}: give the checker a publisher token scoped to ${namespace} (concord token create --name checker-${namespace} --role publisher --namespace ${namespace}) or an admin token`,
  );
}

/**
 * `run` with its report typed as what it is. The store keeps reports as plain JSON objects; every
 * one it holds came through recordRun, which stored it only after checkRunReport had validated it
 * against CheckReportSchema.
 */
function recorded<T extends StoredRun>(run: T): Omit<T, 'report'> & { readonly report: CheckReport } {
  return { ...run, report: run.report as CheckReport };
}

function recordedOrNone<T extends StoredRun>(run: T | undefined): (Omit<T, 'report'> & { readonly report: CheckReport }) | undefined {
  return run === undefined ? undefined : recorded(run);
}

/** Run history over the context's stores; every recorded run has an audit entry in its transaction. */
export function createRunService(context: ServiceContext, reads: ContractReads): RunService {
  const { stores, clock } = context;
  return {
    async recordRun(contractId, body, principal) {
      requireRecorder(principal, contractId);
      const report = checkRunReport(body, contractId);
      const header = await reads.findHeader(contractId, { version: report.version });
      if (header.version !== report.version) {
        throw new ConcordError('invalid-argument', `the report names version ${report.version} of ${contractId}: a run is recorded against the exact version it checked, like ${header.version}`, { pointer: '/version' });
      }
      const source = runSourceKey(report);
      return withTransaction(stores, clock, async (trx) => {
        const run = await trx.runs.insert({
          contractId,
          version: report.version,
          source,
          sourceDescription: report.source,
          verdict: report.verdict,
          startedAt: report.startedAt,
          durationMs: Math.round(report.durationMs),
          read: report.read,
          sampled: report.sampled,
          violationCount: report.violations.length,
          driftCount: report.drift.length,
          report,
          recordedBy: principal.id,
        });
        // Only a passing run becomes the yardstick of the next check; a breaking one never does.
        const baseline = report.verdict === 'pass';
        if (baseline) await trx.runs.setBaseline({ contractId, source, runId: run.id });
        await trx.audit.append({
          actor: principal.id,
          action: SERVICE_AUDIT_ACTIONS.runRecord,
          contractId,
          toVersion: report.version,
          detail: { run: run.id, source, verdict: report.verdict, baseline },
        });
        return run;
      });
    },

    async listRuns(query) {
      await reads.getContract(query.contract);
      return stores.runs.list({
        contractId: query.contract,
        ...(query.source === undefined ? {} : { source: query.source }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
        ...(query.offset === undefined ? {} : { offset: query.offset }),
      });
    },

    latestRun: async (query) => recordedOrNone(await stores.runs.latest(query.contract, query.source)),

    baselineRun: async (query) => recordedOrNone(await stores.runs.baseline(query.contract, query.source)),

    async acceptBaseline(request, principal) {
      requireOwner(principal, await reads.getContract(request.contract), 'accept a baseline of');
      const run = request.run === undefined ? await stores.runs.latest(request.contract, request.source) : await stores.runs.get(request.contract, request.run);
      if (run === undefined) {
        throw new ConcordError(
          'not-found',
          request.run === undefined
            ? `${request.contract} has no run on source ${request.source.slice(0, 200)} to accept: run a check of it first`
            : `${request.contract} has no run ${request.run}: list its runs with GET /api/contracts/${request.contract}/runs`,
        );
      }
      if (run.source !== request.source) {
        throw new ConcordError('invalid-argument', `run ${run.id} of ${request.contract} checked source ${run.source.slice(0, 200)}, not ${request.source.slice(0, 200)}: accept it for its own source`, { pointer: '/run' });
      }
      return withTransaction(stores, clock, async (trx) => {
        await trx.runs.setBaseline({ contractId: request.contract, source: request.source, runId: run.id, acceptedBy: principal.id });
        await trx.audit.append({
          actor: principal.id,
          action: SERVICE_AUDIT_ACTIONS.baselineAccept,
          contractId: request.contract,
          toVersion: run.version,
          detail: { run: run.id, source: request.source, verdict: run.verdict },
        });
        return recorded((await trx.runs.baseline(request.contract, request.source))!);
      });
    },

    async getRun(contract, id) {
      const run = await stores.runs.get(contract, id);
      if (run === undefined) throw new ConcordError('not-found', `${contract} has no run ${id}: list its runs with GET /api/contracts/${contract}/runs`);
      return recorded(run);
    },

    latestVerdicts: (contract) => stores.runs.latestPerSource(contract),

    async pruneRuns(request, principal) {
      requireRole(principal, 'admin', 'prune check runs');
      const olderThan = runCutoff(request.olderThan, clock(), '/olderThan');
      const keepLatestPerSource = request.keepLatestPerSource ?? DEFAULT_KEEP_LATEST_PER_SOURCE;
      checkKeepLatestPerSource(keepLatestPerSource);
      if (request.contract !== undefined) await reads.getContract(request.contract);
      const deleted = await stores.runs.pruneRuns({ olderThan, keepLatestPerSource, ...(request.contract === undefined ? {} : { contractId: request.contract }) });
      await stores.audit.append({
        actor: principal.id,
        action: SERVICE_AUDIT_ACTIONS.runPrune,
        ...(request.contract === undefined ? {} : { contractId: request.contract }),
        detail: { deleted, olderThan: olderThan.toISOString(), keepLatestPerSource },
      });
      return deleted;
    },
  };
}
