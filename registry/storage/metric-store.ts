import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { MetricDefinition } from '../../contracts/index.js';
import { fromJsonText } from './json-text.js';
import { pageOf } from './paging.js';
import type { Page, PageRequest } from './paging.js';
import type { Executor, MetricDefinitionsTable } from './tables.js';
import { compareVersions } from './version-order.js';

/** One metric definition as published in one contract version. */
export interface StoredMetric {
  readonly contractId: string;
  readonly version: string;
  readonly name: string;
  readonly definition: MetricDefinition;
  /** Hash of what the metric means (see content-hash.ts); equal hashes mean the same numbers. */
  readonly meaningHash: string;
  /** True when this contract defines the metric; false when it reuses one via `reference`. */
  readonly canonical: boolean;
  /** `namespace.name#metric` of the reused definition. */
  readonly reference?: string;
}

/** A metric name across the registry, counted over each contract's latest version. */
export interface MetricNameSummary {
  readonly name: string;
  /** Contracts that define a metric of this name themselves. */
  readonly definitions: number;
  /** Distinct meanings among those definitions; more than one means the name is ambiguous. */
  readonly meanings: number;
}

export interface MetricNameFilter extends PageRequest {
  /** Case-insensitive prefix of the name. */
  readonly prefix?: string;
}

export interface MetricStore {
  /** Defined metric names, alphabetically. */
  listMetricNames(filter?: MetricNameFilter): Promise<Page<MetricNameSummary>>;
  /**
   * Where the metric `name` is defined: by default in each contract's latest version only, by
   * contract; with `allVersions`, every published definition, by contract and version.
   */
  definitionsOf(name: string, options?: { readonly allVersions?: boolean }): Promise<readonly StoredMetric[]>;
  /** Metrics in contracts' latest versions that reuse `contractId#metric`, by contract. */
  usesOf(contractId: string, metric: string): Promise<readonly StoredMetric[]>;
}

/** The registry-wide metric catalog over `executor`; rows are written by the publish transaction. */
export function createMetricStore(executor: Executor): MetricStore {
  const latest = () =>
    executor
      .selectFrom('metric_definitions')
      .innerJoin('contracts', (join) =>
        join
          .onRef('contracts.id', '=', 'metric_definitions.contract_id')
          .onRef('contracts.latest_version', '=', 'metric_definitions.version'),
      );

  return {
    async listMetricNames(filter = {}) {
      const { limit, offset } = pageOf(filter);
      let names = latest()
        .where('metric_definitions.is_canonical', '=', 1)
        .select((eb) => [
          'metric_definitions.name as name',
          eb.fn.count<number | string>('metric_definitions.contract_id').distinct().as('definitions'),
          eb.fn.count<number | string>('metric_definitions.meaning_hash').distinct().as('meanings'),
        ])
        .groupBy('metric_definitions.name');
      if (filter.prefix !== undefined && filter.prefix !== '') {
        const pattern = `${filter.prefix.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
        names = names.where((eb) => sql<boolean>`lower(${eb.ref('metric_definitions.name')}) like ${pattern} escape '!'`);
      }
      const [rows, count] = await Promise.all([
        names.orderBy('metric_definitions.name').limit(limit).offset(offset).execute(),
        executor
          .selectFrom(names.as('names'))
          .select((eb) => eb.fn.countAll<number | string>().as('total'))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((row) => Object.freeze({ name: row.name, definitions: Number(row.definitions), meanings: Number(row.meanings) })),
        total: Number(count.total),
      };
    },

    async definitionsOf(name, options = {}) {
      const rows =
        options.allVersions === true
          ? await executor.selectFrom('metric_definitions').selectAll().where('name', '=', name).where('is_canonical', '=', 1).execute()
          : await latest()
              .selectAll('metric_definitions')
              .where('metric_definitions.name', '=', name)
              .where('metric_definitions.is_canonical', '=', 1)
              .execute();
      return rows.map(toStoredMetric).sort(byContractThenVersion);
    },

    async usesOf(contractId, metric) {
      const rows = await latest()
        .selectAll('metric_definitions')
        .where('metric_definitions.reference', '=', `${contractId}#${metric}`)
        .execute();
      return rows.map(toStoredMetric).sort(byContractThenVersion);
    },
  };
}

function byContractThenVersion(a: StoredMetric, b: StoredMetric): number {
  if (a.contractId !== b.contractId) return a.contractId < b.contractId ? -1 : 1;
  return compareVersions(a.version, b.version);
}

function toStoredMetric(row: Selectable<MetricDefinitionsTable>): StoredMetric {
  return Object.freeze({
    contractId: row.contract_id,
    version: row.version,
    name: row.name,
    definition: fromJsonText<MetricDefinition>(row.definition, 'metric_definitions.definition'),
    meaningHash: row.meaning_hash,
    canonical: row.is_canonical === 1,
    ...(row.reference === null ? {} : { reference: row.reference }),
  });
}
