import type { Checker } from '../create-checker.js';
import type { CheckReport } from '../model.js';
import type { CheckedContract } from '../resolve-contract.js';
import type { RunJob } from './job-attempts.js';
import type { JobSpec } from './jobs-file.js';

export interface JobCheckOptions {
  /** Loads the job's contract for each run (a file, or `id@range` re-resolved, so a new version is picked up). */
  readonly loadContract: (contract: string) => Promise<CheckedContract>;
  /** The checker the jobs share (see createChecker): its baselines, alerts and validator cache. */
  readonly checker: Pick<Checker, 'check'>;
}

/** The run of a job through the checker's pipeline: load the contract, then check, alert and record (Checker.check). */
export function createJobCheck(options: JobCheckOptions): RunJob {
  return async (job: JobSpec, signal: AbortSignal): Promise<CheckReport> => {
    const contract = await options.loadContract(job.contract);
    return options.checker.check({ contract, source: job.source, sampler: job.sample, signal });
  };
}
