import type { CheckReport } from '../model.js';

/**
 * Where a check finds the previous run of the same contract and source (the baseline its
 * statistical drift and alert transitions compare with) and records the new one. Two
 * implementations: the registry's run history (registry-baseline-store.ts) and a local JSON file
 * per source (file-baseline-store.ts) when no registry is configured.
 */
export interface BaselineStore {
  /** Human name for logs: `registry http://...`, `files .concord/baselines`. */
  readonly description: string;
  /** The newest recorded report of `contract` on `source` (see {@link baselineSourceKey}); undefined when there is none yet. */
  latest(contract: string, source: string): Promise<CheckReport | undefined>;
  /** Records `report` as the newest run of its contract and source. */
  record(report: CheckReport): Promise<void>;
}

/**
 * The key a source's runs are kept under, the same rule as the registry's: the source's name
 * when it came from the contract's `sources`, otherwise its description (which has no secrets).
 */
export function baselineSourceKey(report: Pick<CheckReport, 'source' | 'sourceName'>): string {
  return report.sourceName ?? report.source;
}
