import { isConcordError } from '../../contracts/index.js';
import type { RegistryClient, RunDetail } from '../../registry/client/index.js';
import type { CheckReport } from '../model.js';
import type { BaselineStore } from './baseline-store.js';

/** The report of a run the registry answered, or undefined for a 404 (no such run yet, or an unknown contract). */
async function reportOrNone(fetch: () => Promise<RunDetail>): Promise<CheckReport | undefined> {
  try {
    return (await fetch()).report;
  } catch (error) {
    if (isConcordError(error) && error.code === 'not-found' && error.detail.remote?.status === 404) return undefined;
    throw error;
  }
}

/**
 * Baselines in the registry's run history, over HTTP only (`registry/client`). The client needs a
 * token allowed to record runs: an admin, or a publisher scoped to the contract's namespace,
 * ideally a principal of the checker's own. The registry itself makes a recorded passing run the
 * source's baseline (the rule of `becomesBaseline`) and keeps the ones a person accepted.
 * `latest` and `baseline` answer undefined for any 404 (no run of the source yet, or a contract
 * the registry does not know, which `record` then reports); every other failure (unreachable
 * registry, refused token) is thrown.
 */
export function createRegistryBaselineStore(client: RegistryClient): BaselineStore {
  return {
    description: `registry ${client.baseUrl}`,
    latest: (contract, source) => reportOrNone(() => client.latestRun(contract, source)),
    baseline: (contract, source) => reportOrNone(() => client.baselineRun(contract, source)),
    async record(report) {
      await client.recordRun(report.contract, report);
    },
  };
}
