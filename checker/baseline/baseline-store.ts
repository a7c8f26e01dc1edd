import type { CheckReport } from '../model.js';

/**
 * Where a check finds the previous runs of the same contract and source and records the new one.
 * Two different previous runs matter: the newest (`latest`, the verdict alerts compare with) and
 * the baseline (`baseline`, the profile statistical drift compares with). A run becomes the
 * baseline only when its verdict is pass (see {@link becomesBaseline}) or when a person accepts
 * it (`accept`), so a breaking run never becomes the yardstick of the next check and a fixed feed
 * passes again at once. Two implementations: the registry's run history
 * (registry-baseline-store.ts) and local JSON files per source (file-baseline-store.ts) when no
 * registry is configured.
 */
export interface BaselineStore {
  /** Human name for logs: `registry http://...`, `files .concord/baselines`. */
  readonly description: string;
  /** The newest recorded report of `contract` on `source` (see {@link baselineSourceKey}); undefined when there is none yet. */
  latest(contract: string, source: string): Promise<CheckReport | undefined>;
  /** The baseline report of `contract` on `source`: its newest passing run, or the run accepted since; undefined when there is none. */
  baseline(contract: string, source: string): Promise<CheckReport | undefined>;
  /** Records `report` as the newest run of its contract and source, and as their baseline when {@link becomesBaseline} says so. */
  record(report: CheckReport): Promise<void>;
}

/**
 * Whether a recorded run becomes its source's baseline by itself: only a passing one. A warning
 * or breaking run would make the drift it shows the new normal, and the fix look like drift.
 */
export function becomesBaseline(report: Pick<CheckReport, 'verdict'>): boolean {
  return report.verdict === 'pass';
}

/**
 * The key a source's runs are kept under, the same rule as the registry's: the source's name
 * when it came from the contract's `sources`, otherwise its description (which has no secrets).
 */
export function baselineSourceKey(report: Pick<CheckReport, 'source' | 'sourceName'>): string {
  return report.sourceName ?? report.source;
}
