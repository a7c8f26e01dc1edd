import { isConcordError } from '../../contracts/errors.js';
import type { RegistryClient } from '../../registry/client/index.js';
import type { CheckReport } from '../model.js';
import type { BaselineStore } from './baseline-store.js';

/**
 * Baselines in the registry's run history, over HTTP only (`registry/client`). The client needs a
 * token allowed to record runs: an admin, or a publisher scoped to the contract's namespace,
 * ideally a principal of the checker's own. `latest` answers undefined for any 404 (no run of the
 * source yet, or a contract the registry does not know, which `record` then reports); every
 * other failure (unreachable registry, refused token) is thrown.
 */
export function createRegistryBaselineStore(client: RegistryClient): BaselineStore {
  return {
    description: `registry ${client.baseUrl}`,
    async latest(contract, source) {
      try {
        // The registry stores exactly the report the checker posted; its shape was validated on the way in.
        return (await client.latestRun(contract, source)).report as unknown as CheckReport;
      } catch (error) {
        if (isConcordError(error) && error.code === 'not-found' && error.detail.remote?.status === 404) return undefined;
        throw error;
      }
    },
    async record(report) {
      await client.recordRun(report.contract, report);
    },
  };
}
