import { ConcordError, sameMeaning } from '../../contracts/index.js';
import type { Contract, MetricDefinition, Person } from '../../contracts/index.js';
import type { ContractQueries } from '../storage/contract-queries.js';
import type { MetricNameSummary, MetricStore, StoredMetric } from '../storage/metric-store.js';
import type { Page, PageRequest } from '../storage/paging.js';
import type { MetricInfo } from '../../vocabulary/index.js';

/** The parts of a metric compared as expressions: spacing, operand order and `=` vs `==` do not count. */
const EXPRESSION_KEYS = ['expression', 'filter', 'numerator', 'denominator'] as const;
/** The parts of a metric compared as plain values. */
const VALUE_KEYS = ['type', 'aggregation', 'unit', 'grain', 'window'] as const;

function describe(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/**
 * How two definitions of a metric differ in meaning: type, aggregation, unit, grain and window
 * by value; expression, filter, numerator and denominator by `sameMeaning`. Empty when they mean
 * the same numbers. Name, description, owner, tags and dimensions do not count.
 */
export function meaningDifferences(ours: MetricDefinition, theirs: MetricDefinition): string[] {
  const differences: string[] = [];
  for (const key of VALUE_KEYS) {
    if (ours[key] !== theirs[key]) differences.push(`${key} ${describe(ours[key])} vs ${describe(theirs[key])}`);
  }
  for (const key of EXPRESSION_KEYS) {
    const a = ours[key];
    const b = theirs[key];
    const same = a === undefined || b === undefined ? a === b : sameMeaning(a, b);
    if (!same) differences.push(`${key} ${describe(a)} vs ${describe(b)}`);
  }
  return differences;
}

function describeOwner(person: Person): string {
  return `${person.name} <${person.email}>`;
}

/** Where a metric reference `namespace.name#metric` points. */
function splitReference(reference: string): { readonly contract: string; readonly metric: string } {
  const hash = reference.indexOf('#');
  return { contract: reference.slice(0, hash), metric: reference.slice(hash + 1) };
}

/** What the registry holds that a candidate's metrics are judged against, read before judging. */
export interface MetricFacts {
  /** For each metric name the candidate defines or references: its definitions in contracts' latest versions. */
  readonly definitions: ReadonlyMap<string, readonly StoredMetric[]>;
  /** The owners of the other contracts defining those names, for naming them in a refusal. */
  readonly owners: ReadonlyMap<string, Person>;
}

/** Reads the {@link MetricFacts} for `candidate`'s metrics. */
export async function metricFacts(candidate: Contract, metrics: MetricStore, contracts: ContractQueries): Promise<MetricFacts> {
  const names = new Set<string>();
  for (const metric of candidate.metrics) names.add(metric.references === undefined ? metric.name : splitReference(metric.references).metric);
  const definitions = new Map<string, readonly StoredMetric[]>();
  const owners = new Map<string, Person>();
  for (const name of names) {
    const found = await metrics.definitionsOf(name);
    definitions.set(name, found);
    for (const other of found) {
      if (other.contractId === candidate.id || owners.has(other.contractId)) continue;
      const summary = await contracts.getContract(other.contractId);
      if (summary !== undefined) owners.set(other.contractId, summary.owner);
    }
  }
  return { definitions, owners };
}

/**
 * Metric names are registry-wide: refuses a candidate whose metric has the name of another
 * contract's metric (in that contract's latest version) with a different meaning, naming both
 * owners, unless it `references` the canonical definition. A reference must point to a metric
 * that is published. Returns the refusal messages, each with whether it is a reference to an
 * unpublished metric; empty when the candidate may be published.
 */
export function metricConflicts(candidate: Contract, facts: MetricFacts): { readonly message: string; readonly unpublishedReference: boolean }[] {
  const problems: { readonly message: string; readonly unpublishedReference: boolean }[] = [];
  for (const metric of candidate.metrics) {
    const owner = describeOwner(metric.owner ?? candidate.owner);
    if (metric.references !== undefined) {
      const target = splitReference(metric.references);
      if (target.contract === candidate.id) continue;
      const defined = facts.definitions.get(target.metric) ?? [];
      if (!defined.some((definition) => definition.contractId === target.contract)) {
        problems.push({
          message: `metric ${metric.name} references ${metric.references}, which is not published: publish ${target.contract} with metric ${target.metric} first, or define the metric here`,
          unpublishedReference: true,
        });
      }
      continue;
    }
    for (const other of facts.definitions.get(metric.name) ?? []) {
      if (other.contractId === candidate.id) continue;
      const differences = meaningDifferences(metric, other.definition);
      if (differences.length === 0) continue;
      const otherOwner = other.definition.owner ?? facts.owners.get(other.contractId);
      const theirs = otherOwner === undefined ? other.contractId : `${other.contractId} (owner ${describeOwner(otherOwner)})`;
      problems.push({
        message:
          `metric ${metric.name} in ${candidate.id} (owner ${owner}) means something else than ${metric.name} in ${theirs}: ${differences.join('; ')}. ` +
          `Use the same definition, rename the metric, or add references: ${other.contractId}#${other.name}`,
        unpublishedReference: false,
      });
      break;
    }
  }
  return problems;
}

export interface MetricCatalog {
  list(filter: PageRequest & { readonly prefix?: string }): Promise<Page<MetricNameSummary>>;
  /** Throws ConcordError `not-found` for a name no published contract defines. */
  get(name: string): Promise<MetricInfo>;
}

/** Reads of the registry-wide metric catalog. */
export function createMetricCatalog(metrics: MetricStore, contracts: ContractQueries): MetricCatalog {
  return {
    list: (filter) => metrics.listMetricNames(filter),

    async get(name) {
      const definitions = await metrics.definitionsOf(name);
      const [canonical, ...others] = definitions;
      if (canonical === undefined) {
        throw new ConcordError('not-found', `no published contract defines metric ${name}: check the name in GET /api/metrics`);
      }
      const contract = await contracts.getContract(canonical.contractId);
      const owner = canonical.definition.owner ?? contract?.owner ?? { name: 'unknown', email: 'unknown' };
      const uses: StoredMetric[] = [];
      for (const definition of definitions) uses.push(...(await metrics.usesOf(definition.contractId, name)));
      return {
        name,
        owner,
        contract: canonical.contractId,
        version: canonical.version,
        definition: canonical.definition,
        usedBy: uses.map((use) => ({ contract: use.contractId, version: use.version, metric: use.name })),
        alsoDefinedBy: others.map((other) => ({ contract: other.contractId, version: other.version })),
      };
    },
  };
}
