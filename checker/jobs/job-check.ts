import type { BaselineStore } from '../baseline/baseline-store.js';
import { openCheckSource } from '../check-source.js';
import type { CheckReport } from '../model.js';
import type { CheckedContract } from '../resolve-contract.js';
import { runCheck } from '../run-check.js';
import type { RunJob } from './job-attempts.js';
import type { JobSpec } from './jobs-file.js';

export interface JobCheckOptions {
  /** Loads the job's contract for each run (a file, or `id@range` re-resolved, so a new version is picked up). */
  readonly loadContract: (contract: string) => Promise<CheckedContract>;
  /** Where baselines are read and recorded; wrap it with withAlerts to alert on transitions. */
  readonly baselines: BaselineStore;
  /** Environment for source credentials; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The folder local source paths are named relative to in reports (the jobs file's); default the working directory. */
  readonly sourceBase?: string;
}

/** The run of a job through the checker's pipeline (`runCheck`): load the contract, open the source, check, record. */
export function createJobCheck(options: JobCheckOptions): RunJob {
  return async (job: JobSpec, signal: AbortSignal): Promise<CheckReport> => {
    const contract = await options.loadContract(job.contract);
    const { source, sourceName } = openCheckSource(contract.contract, job.source, options.env ?? process.env, options.sourceBase);
    return runCheck({
      contract,
      source,
      ...(sourceName === undefined ? {} : { sourceName }),
      sampler: job.sample,
      baselineStore: options.baselines,
      signal,
    });
  };
}
