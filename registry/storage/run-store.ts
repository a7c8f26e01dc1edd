import type { Selectable } from 'kysely';
import { ConcordError } from '../../contracts/index.js';
import type { Verdict } from '../../vocabulary/index.js';
import { systemClock, timestamp } from './clock.js';
import type { Clock } from './clock.js';
import { fromJsonText, toJsonText } from './json-text.js';
import type { JsonObject } from './json-text.js';
import { pageOf } from './paging.js';
import type { Page, PageRequest } from './paging.js';
import { mapStorageErrors } from './storage-errors.js';
import type { CheckRunsTable, Executor } from './tables.js';


/** A run to record: the report itself plus the columns listings read without parsing it. */
export interface NewRun {
  readonly contractId: string;
  readonly version: string;
  /** The baseline key: the source's name from the contract, else its description. */
  readonly source: string;
  readonly sourceDescription: string;
  readonly verdict: Verdict;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly read: number;
  readonly sampled: number;
  readonly violationCount: number;
  readonly driftCount: number;
  readonly report: JsonObject;
  /** Principal id of the checker that recorded it. */
  readonly recordedBy: string;
}

/** A recorded run without its report, for listings. */
export interface RunSummary extends Omit<NewRun, 'report'> {
  readonly id: number;
  readonly recordedAt: string;
}

/** A recorded run with its full report. */
export interface StoredRun extends RunSummary {
  readonly report: JsonObject;
}

/** A source's baseline: the run its next check compares with, and how it became that. */
export interface BaselineRun extends StoredRun {
  /** The principal who accepted the run as baseline; absent when the run passed and so became it. */
  readonly acceptedBy?: string;
  /** When it became the baseline. */
  readonly baselineSince: string;
}

/** Which run becomes a source's baseline, and who said so. */
export interface BaselineChange {
  readonly contractId: string;
  readonly source: string;
  readonly runId: number;
  /** The principal accepting it; absent when a passing run becomes the baseline by itself. */
  readonly acceptedBy?: string;
}

export interface RunFilter extends PageRequest {
  readonly contractId: string;
  /** Only runs of this source key; all sources when absent. */
  readonly source?: string;
}

/** Which runs retention removes: those recorded before `olderThan`, except each source's newest. */
export interface RunPruning {
  readonly olderThan: Date;
  /**
   * Runs kept per (contract, source) whatever their age, newest first: at least 1, at most
   * MAX_KEEP_LATEST_PER_SOURCE. The newest is the current verdict; each source's baseline run is
   * kept besides, whatever its age.
   */
  readonly keepLatestPerSource: number;
  /** Only this contract's runs; every contract's when absent. */
  readonly contractId?: string;
}

/**
 * Runs deleted per statement when pruning. Each batch is its own short statement, so on SQLite
 * the write lock is released between batches and checkers recording runs wait for one batch
 * (milliseconds) rather than for the whole purge of a table grown over months; on PostgreSQL it
 * bounds the rows one statement locks and the work lost to a cancelled request.
 */
export const PRUNE_BATCH_SIZE = 500;

/**
 * Most runs per source retention may be told to keep. Each candidate row looks up the id of its
 * source's N-th newest run, a walk of N index entries; 1,000 is far more history than a baseline
 * or a trend chart reads while keeping that walk short.
 */
export const MAX_KEEP_LATEST_PER_SOURCE = 1_000;

export interface RunStore {
  /** Stores a run; ConcordError `not-found` when the contract version does not exist. */
  insert(run: NewRun): Promise<RunSummary>;
  /** Runs of a contract (and source), newest recorded first. */
  list(filter: RunFilter): Promise<Page<RunSummary>>;
  /** One run of a contract by id; undefined when there is none. */
  get(contractId: string, id: number): Promise<StoredRun | undefined>;
  /** The newest run of a contract's source: the previous verdict, which alerts compare with. */
  latest(contractId: string, source: string): Promise<StoredRun | undefined>;
  /** The baseline of a contract's source (the run its next check compares with); undefined when none was set. */
  baseline(contractId: string, source: string): Promise<BaselineRun | undefined>;
  /** Makes `change.runId` its source's baseline, replacing the one before. */
  setBaseline(change: BaselineChange): Promise<void>;
  /** The newest run of every (contract, source) pair, by contract then source; one contract's when given. */
  latestPerSource(contractId?: string): Promise<readonly RunSummary[]>;
  /**
   * Deletes the runs `pruning` selects, PRUNE_BATCH_SIZE at a time (not in one transaction unless
   * the store is on one), and returns how many went. ConcordError `invalid-argument` for a
   * `keepLatestPerSource` that is not a whole number from 1 to MAX_KEEP_LATEST_PER_SOURCE.
   */
  pruneRuns(pruning: RunPruning): Promise<number>;
}

export interface RunStoreOptions {
  /** Defaults to the system clock. */
  readonly clock?: Clock;
}

const SUMMARY_COLUMNS = [
  'id',
  'contract_id',
  'version',
  'source',
  'source_description',
  'verdict',
  'started_at',
  'duration_ms',
  'records_read',
  'records_sampled',
  'violation_count',
  'drift_count',
  'recorded_by',
  'recorded_at',
] as const;

type SummaryRow = Pick<Selectable<CheckRunsTable>, (typeof SUMMARY_COLUMNS)[number]>;

/** Checker run history over `executor`. */
export function createRunStore(executor: Executor, options: RunStoreOptions = {}): RunStore {
  const clock = options.clock ?? systemClock;
  return {
    async insert(run) {
      const row = await mapStorageErrors(
        { missing: `${run.contractId} ${run.version} is not published: record runs only against a published version` },
        () =>
          executor
            .insertInto('check_runs')
            .values({
              contract_id: run.contractId,
              version: run.version,
              source: run.source,
              source_description: run.sourceDescription,
              verdict: run.verdict,
              started_at: run.startedAt,
              duration_ms: run.durationMs,
              records_read: run.read,
              records_sampled: run.sampled,
              violation_count: run.violationCount,
              drift_count: run.driftCount,
              report: toJsonText(run.report),
              recorded_by: run.recordedBy,
              recorded_at: timestamp(clock()),
            })
            .returning(SUMMARY_COLUMNS)
            .executeTakeFirstOrThrow(),
      );
      return toSummary(row);
    },

    async list(filter) {
      const { limit, offset } = pageOf(filter);
      let query = executor.selectFrom('check_runs').where('contract_id', '=', filter.contractId);
      if (filter.source !== undefined) query = query.where('source', '=', filter.source);
      const [rows, count] = await Promise.all([
        query.select(SUMMARY_COLUMNS).orderBy('id', 'desc').limit(limit).offset(offset).execute(),
        query.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toSummary), total: Number(count.total) };
    },

    async get(contractId, id) {
      const row = await executor.selectFrom('check_runs').selectAll().where('contract_id', '=', contractId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toStored(row);
    },

    async latest(contractId, source) {
      const row = await executor
        .selectFrom('check_runs')
        .selectAll()
        .where('contract_id', '=', contractId)
        .where('source', '=', source)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? undefined : toStored(row);
    },

    async baseline(contractId, source) {
      const row = await executor
        .selectFrom('check_baselines as base')
        .innerJoin('check_runs as run', 'run.id', 'base.run_id')
        .selectAll('run')
        .select(['base.accepted_by', 'base.set_at'])
        .where('base.contract_id', '=', contractId)
        .where('base.source', '=', source)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const { accepted_by: acceptedBy, set_at: since, ...run } = row;
      return Object.freeze({ ...toStored(run), ...(acceptedBy === null ? {} : { acceptedBy }), baselineSince: since });
    },

    async setBaseline(change) {
      const values = { run_id: change.runId, accepted_by: change.acceptedBy ?? null, set_at: timestamp(clock()) };
      await executor
        .insertInto('check_baselines')
        .values({ contract_id: change.contractId, source: change.source, ...values })
        .onConflict((conflict) => conflict.columns(['contract_id', 'source']).doUpdateSet(values))
        .execute();
    },

    async latestPerSource(contractId) {
      let newest = executor.selectFrom('check_runs').select((eb) => eb.fn.max('id').as('id')).groupBy(['contract_id', 'source']);
      if (contractId !== undefined) newest = newest.where('contract_id', '=', contractId);
      const rows = await executor
        .selectFrom('check_runs')
        .select(SUMMARY_COLUMNS)
        .where('id', 'in', newest)
        .orderBy('contract_id')
        .orderBy('source')
        .execute();
      return rows.map(toSummary);
    },

    async pruneRuns(pruning) {
      checkKeepLatestPerSource(pruning.keepLatestPerSource);
      let deleted = 0;
      for (;;) {
        const batch = await deletePruneBatch(executor, pruning);
        deleted += batch;
        if (batch < PRUNE_BATCH_SIZE) return deleted;
      }
    },
  };
}

/** Refuses a count of runs to keep per source that is not a whole number from 1 to MAX_KEEP_LATEST_PER_SOURCE. */
export function checkKeepLatestPerSource(keep: number): void {
  if (!Number.isInteger(keep) || keep < 1 || keep > MAX_KEEP_LATEST_PER_SOURCE) {
    throw new ConcordError(
      'invalid-argument',
      `keepLatestPerSource ${String(keep).slice(0, 20)} is not a whole number from 1 to ${MAX_KEEP_LATEST_PER_SOURCE}: keep at least the newest run of each source, the baseline of its next check`,
      { pointer: '/keepLatestPerSource' },
    );
  }
}

/**
 * Deletes up to PRUNE_BATCH_SIZE runs recorded before the cutoff, oldest first, and returns how
 * many. A run is kept while fewer than `keepLatestPerSource` newer runs of its contract and source
 * exist: "newest" is the highest id, as `latest` and `latestPerSource` read it. The subquery finds
 * the id of the source's N-th newest run (none when the source has fewer, and a comparison with
 * null keeps the row), so the same SQL runs on SQLite and PostgreSQL.
 */
async function deletePruneBatch(executor: Executor, pruning: RunPruning): Promise<number> {
  let candidates = executor
    .selectFrom('check_runs as old')
    .select('old.id')
    .where('old.recorded_at', '<', timestamp(pruning.olderThan))
    .where((eb) =>
      eb(
        'old.id',
        '<',
        eb
          .selectFrom('check_runs as newer')
          .select('newer.id')
          .whereRef('newer.contract_id', '=', 'old.contract_id')
          .whereRef('newer.source', '=', 'old.source')
          .orderBy('newer.id', 'desc')
          .limit(1)
          .offset(pruning.keepLatestPerSource - 1),
      ),
    );
  // A source's baseline stays whatever its age: the next check compares with it.
  candidates = candidates.where('old.id', 'not in', executor.selectFrom('check_baselines').select('run_id'));
  if (pruning.contractId !== undefined) candidates = candidates.where('old.contract_id', '=', pruning.contractId);
  const result = await executor
    .deleteFrom('check_runs')
    .where('id', 'in', candidates.orderBy('old.recorded_at').orderBy('old.id').limit(PRUNE_BATCH_SIZE))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

function toSummary(row: SummaryRow): RunSummary {
  return Object.freeze({
    id: row.id,
    contractId: row.contract_id,
    version: row.version,
    source: row.source,
    sourceDescription: row.source_description,
    verdict: row.verdict as Verdict,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    read: row.records_read,
    sampled: row.records_sampled,
    violationCount: row.violation_count,
    driftCount: row.drift_count,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  });
}

function toStored(row: Selectable<CheckRunsTable>): StoredRun {
  return Object.freeze({ ...toSummary(row), report: fromJsonText<JsonObject>(row.report, 'check_runs.report') });
}
