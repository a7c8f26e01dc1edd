import semver from 'semver';
import { changelogJson, judge, ConcordError, requiredBump } from '../../contracts/index.js';
import type { RegistryResolver } from '../../contracts/index.js';
import type { ListContractsFilter } from '../storage/contract-queries.js';
import type { ContractSummary, StoredVersion, VersionHeader } from '../storage/contract-records.js';
import { pageOf } from '../storage/paging.js';
import type { Page, PageRequest } from '../storage/paging.js';
import { cachedChanges } from './history.js';
import type { HistoryMemo } from './history.js';
import type { EvaluationPool } from '../evaluation/evaluation-pool.js';
import type { RegistryStores } from './registry-stores.js';
import { checkRange, highestInRange } from './resolve.js';
import type { Changelog } from '../../vocabulary/index.js';

/** The version name that stands for the highest published, non-yanked release. */
export const LATEST = 'latest';

export interface ContractReads {
  /** Throws ConcordError `not-found` for an unknown contract. */
  getContract(id: string): Promise<ContractSummary>;
  listContracts(filter: ListContractsFilter): Promise<Page<ContractSummary>>;
  /** Oldest first. Throws `not-found` for an unknown contract. */
  listVersions(id: string): Promise<readonly VersionHeader[]>;
  /**
   * One page of {@link listVersions}, oldest first: `limit` 1..MAX_PAGE_SIZE (default
   * DEFAULT_PAGE_SIZE), `offset` from the oldest. Throws `invalid-argument` for a page out of range.
   */
  pageVersions(id: string, page: PageRequest): Promise<Page<VersionHeader> & { readonly limit: number; readonly offset: number }>;
  /** `version` may be {@link LATEST}. Throws `not-found` when there is no such version. */
  getVersion(id: string, version: string): Promise<StoredVersion>;
  /** The highest published, non-yanked version in `range`. Throws `not-found` when none is, `invalid-argument` for a bad range. */
  resolve(id: string, range: string): Promise<StoredVersion>;
  /**
   * Like {@link getVersion} and {@link resolve} (`range` given), without the document and schema:
   * one cheap read for callers that keep the immutable rest by content hash.
   */
  findHeader(id: string, selector: { readonly version: string } | { readonly range: string }): Promise<VersionHeader>;
  /** Resolves `registry:` refs in contract bodies to the record schema of the version they resolve to. */
  readonly resolveRegistryRef: RegistryResolver;
  /**
   * The changelog between two published versions, judged in the newer one's mode. A diff the
   * cache lacks is computed in the evaluation pool: ConcordError `too-complex` past its deadline.
   */
  changelog(id: string, from: string, to: string): Promise<Changelog>;
}

/** Read access to contracts and versions over `stores`. */
export function createContractReads(stores: RegistryStores, memo: HistoryMemo, evaluation: EvaluationPool): ContractReads {
  const { contracts } = stores;
  const unknownContract = (id: string) => new ConcordError('not-found', `contract ${id} does not exist: check the id in GET /api/contracts, or publish it first`);

  const reads: ContractReads = {
    async getContract(id) {
      const summary = await contracts.getContract(id);
      if (summary === undefined) throw unknownContract(id);
      return summary;
    },

    listContracts: (filter) => contracts.listContracts(filter),

    async listVersions(id) {
      const versions = await contracts.listVersions(id);
      if (versions.length === 0) throw unknownContract(id);
      return versions;
    },

    async pageVersions(id, page) {
      const { limit, offset } = pageOf(page);
      const versions = await reads.listVersions(id);
      return { items: versions.slice(offset, offset + limit), total: versions.length, limit, offset };
    },

    async getVersion(id, version) {
      const found = version === LATEST ? await contracts.latestVersion(id) : await contracts.getVersion(id, version);
      if (found !== undefined) return found;
      if ((await contracts.getContract(id)) === undefined) throw unknownContract(id);
      const what = version === LATEST ? 'has no published, non-yanked release' : `has no version ${version}`;
      throw new ConcordError('not-found', `${id} ${what}: list its versions with GET /api/contracts/${id}/versions`);
    },

    async resolve(id, range) {
      const best = await reads.findHeader(id, { range });
      return reads.getVersion(id, best.version);
    },

    async findHeader(id, selector) {
      const versions = await reads.listVersions(id);
      if ('range' in selector) {
        checkRange(selector.range, id);
        const best = highestInRange(versions, selector.range);
        if (best === undefined) {
          throw new ConcordError('not-found', `no published, non-yanked version of ${id} satisfies ${selector.range}: widen the range or list the versions`);
        }
        return best;
      }
      const found =
        selector.version === LATEST
          ? versions.filter((header) => header.yanked === undefined && semver.prerelease(header.version) === null).at(-1)
          : versions.find((header) => header.version === selector.version);
      if (found !== undefined) return found;
      const what = selector.version === LATEST ? 'has no published, non-yanked release' : `has no version ${selector.version}`;
      throw new ConcordError('not-found', `${id} ${what}: list its versions with GET /api/contracts/${id}/versions`);
    },

    async resolveRegistryRef(target) {
      const versions = await contracts.listVersions(target.contract);
      const best = versions.length === 0 ? undefined : highestInRange(versions, target.range);
      const stored = best === undefined ? undefined : await contracts.getVersion(target.contract, best.version);
      if (stored === undefined) {
        throw new ConcordError(
          'ref-unresolved',
          `registry:${target.contract}@${target.range} matches no published, non-yanked version: publish ${target.contract} first or widen the range`,
        );
      }
      return stored.bundledSchema;
    },

    async changelog(id, from, to) {
      const [before, after] = await Promise.all([reads.getVersion(id, from), reads.getVersion(id, to)]);
      const older = memo.entry(before).contract;
      const newer = memo.entry(after).contract;
      const cached = await cachedChanges(stores.diffCache, memo, newer, [older]);
      const { mode, policy } = newer.compatibility;
      // A diff not in the cache is computed in the evaluation pool, within its deadline, off the event loop.
      const findings = judge(await evaluation.session().changes(cached, older, newer), mode, policy);
      await cached.save(stores.diffCache);
      const json = changelogJson({
        compatible: !findings.some((finding) => finding.severity === 'breaking'),
        mode,
        policy,
        requiredBump: requiredBump(findings),
        changes: findings,
        contract: id,
        from: before.version,
        to: after.version,
      });
      return { ...json, contract: id, from: before.version, to: after.version };
    },
  };
  return reads;
}
