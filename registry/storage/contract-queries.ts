import { sql } from 'kysely';
import type { ContractStatus } from '../../contracts/index.js';
import { HEADER_COLUMNS, toHeader, toStoredVersion, toSummary } from './contract-records.js';
import type { ContractSummary, MarkRow, StoredVersion, VersionHeader } from './contract-records.js';
import { pageOf } from './paging.js';
import type { Page, PageRequest } from './paging.js';
import type { Executor } from './tables.js';
import { isPrerelease, sortByVersion } from './version-order.js';

export interface ListContractsFilter extends PageRequest {
  /** Case-insensitive substring of the id or title. */
  readonly query?: string;
  readonly namespace?: string;
  /** Owner e-mail (case-insensitive) or owner principal id. */
  readonly owner?: string;
  readonly tag?: string;
  readonly status?: ContractStatus;
}

export interface LatestVersionOptions {
  /** Defaults to false: `2.0.0-rc.1` does not count as newer than `1.4.0`. */
  readonly includePrerelease?: boolean;
  /** Defaults to false: a yanked version is never the latest one. */
  readonly includeYanked?: boolean;
}

export interface ContractQueries {
  getContract(id: string): Promise<ContractSummary | undefined>;
  /** Published contracts matching every given filter, by id. */
  listContracts(filter?: ListContractsFilter): Promise<Page<ContractSummary>>;
  /** Every published version of a contract in semver order, oldest first; empty for an unknown contract. */
  listVersions(id: string): Promise<readonly VersionHeader[]>;
  /**
   * Whether `headers` (a listVersions answer for `id`) are still every version of the contract with
   * every mark. Versions and marks are append-only (triggers refuse updates and deletes), so equal
   * counts mean equal rows: one statement of two counts answers it instead of reading every row.
   */
  isCurrent(id: string, headers: readonly VersionHeader[]): Promise<boolean>;
  /** Like listVersions, with documents and schemas. */
  listStoredVersions(id: string): Promise<readonly StoredVersion[]>;
  /** The given versions with documents and schemas, in semver order; versions not published are left out. */
  getStoredVersions(id: string, versions: readonly string[]): Promise<readonly StoredVersion[]>;
  getVersion(id: string, version: string): Promise<StoredVersion | undefined>;
  latestVersion(id: string, options?: LatestVersionOptions): Promise<StoredVersion | undefined>;
}

/**
 * Versions per statement in getStoredVersions. A publish loads only the versions whose models it
 * does not hold yet, at most a whole history; 500 keeps each statement far below SQLite's and
 * PostgreSQL's limits on bound parameters while a history of hundreds takes one or two.
 */
export const VERSION_BATCH = 500;

/** Escapes LIKE wildcards with `!` so a search for `100%` finds exactly that. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** Read access to contracts and their versions over `executor`. */
export function createContractQueries(executor: Executor): ContractQueries {
  const marksOf = (id: string, version?: string): Promise<MarkRow[]> => {
    let query = executor.selectFrom('version_marks').selectAll().where('contract_id', '=', id);
    if (version !== undefined) query = query.where('version', '=', version);
    return query.execute();
  };

  const tagsOf = async (ids: readonly string[]): Promise<ReadonlyMap<string, string[]>> => {
    const byContract = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byContract;
    const rows = await executor.selectFrom('contract_tags').selectAll().where('contract_id', 'in', ids).execute();
    for (const row of rows) byContract.get(row.contract_id)?.push(row.tag);
    return byContract;
  };

  const queries: ContractQueries = {
    async getContract(id) {
      const row = await executor
        .selectFrom('contracts')
        .selectAll()
        .where('id', '=', id)
        .where('latest_version', 'is not', null)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return toSummary(row, (await tagsOf([id])).get(id) ?? []);
    },

    async listContracts(filter = {}) {
      const { limit, offset } = pageOf(filter);
      let query = executor.selectFrom('contracts').where('latest_version', 'is not', null);
      if (filter.namespace !== undefined) query = query.where('namespace', '=', filter.namespace);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter.owner !== undefined) {
        const owner = filter.owner;
        query = query.where((eb) =>
          eb.or([eb(eb.fn('lower', ['owner_email']), '=', owner.toLowerCase()), eb('owner_principal_id', '=', owner)]),
        );
      }
      if (filter.tag !== undefined) {
        const tag = filter.tag;
        query = query.where('id', 'in', (eb) => eb.selectFrom('contract_tags').select('contract_id').where('tag', '=', tag));
      }
      if (filter.query !== undefined && filter.query !== '') {
        const pattern = containsPattern(filter.query);
        query = query.where(
          (eb) => sql<boolean>`(lower(${eb.ref('id')}) like ${pattern} escape '!' or lower(${eb.ref('title')}) like ${pattern} escape '!')`,
        );
      }
      const [rows, count] = await Promise.all([
        query.selectAll().orderBy('id').limit(limit).offset(offset).execute(),
        query.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow(),
      ]);
      const tags = await tagsOf(rows.map((row) => row.id));
      return { items: rows.map((row) => toSummary(row, tags.get(row.id) ?? [])), total: Number(count.total) };
    },

    async listVersions(id) {
      const [rows, marks] = await Promise.all([
        executor.selectFrom('contract_versions').select(HEADER_COLUMNS).where('contract_id', '=', id).execute(),
        marksOf(id),
      ]);
      return sortByVersion(rows.map((row) => toHeader(row, marks)));
    },

    async isCurrent(id, headers) {
      if (headers.some((header) => header.contractId !== id)) return false;
      const marks = headers.reduce((count, header) => count + (header.deprecated === undefined ? 0 : 1) + (header.yanked === undefined ? 0 : 1), 0);
      // One statement, so both counts come from the same snapshot.
      const row = await executor
        .selectNoFrom((eb) => [
          eb.selectFrom('contract_versions').select(eb.fn.countAll<number | string | bigint>().as('n')).where('contract_id', '=', id).as('versions'),
          eb.selectFrom('version_marks').select(eb.fn.countAll<number | string | bigint>().as('n')).where('contract_id', '=', id).as('marks'),
        ])
        .executeTakeFirstOrThrow();
      return Number(row.versions) === headers.length && Number(row.marks) === marks;
    },

    async listStoredVersions(id) {
      const [rows, marks] = await Promise.all([
        executor.selectFrom('contract_versions').selectAll().where('contract_id', '=', id).execute(),
        marksOf(id),
      ]);
      return sortByVersion(rows.map((row) => toStoredVersion(row, marks)));
    },

    async getStoredVersions(id, versions) {
      const wanted = [...new Set(versions)];
      const stored: StoredVersion[] = [];
      for (let start = 0; start < wanted.length; start += VERSION_BATCH) {
        const batch = wanted.slice(start, start + VERSION_BATCH);
        const [rows, marks] = await Promise.all([
          executor.selectFrom('contract_versions').selectAll().where('contract_id', '=', id).where('version', 'in', batch).execute(),
          executor.selectFrom('version_marks').selectAll().where('contract_id', '=', id).where('version', 'in', batch).execute(),
        ]);
        stored.push(...rows.map((row) => toStoredVersion(row, marks)));
      }
      return sortByVersion(stored);
    },

    async getVersion(id, version) {
      const [row, marks] = await Promise.all([
        executor
          .selectFrom('contract_versions')
          .selectAll()
          .where('contract_id', '=', id)
          .where('version', '=', version)
          .executeTakeFirst(),
        marksOf(id, version),
      ]);
      return row === undefined ? undefined : toStoredVersion(row, marks);
    },

    async latestVersion(id, options = {}) {
      const candidates = (await queries.listVersions(id)).filter(
        (header) =>
          (options.includePrerelease === true || !isPrerelease(header.version)) &&
          (options.includeYanked === true || header.yanked === undefined),
      );
      const latest = candidates.at(-1);
      return latest === undefined ? undefined : queries.getVersion(id, latest.version);
    },
  };
  return queries;
}
