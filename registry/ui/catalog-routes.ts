import type { Request, Response, Router } from 'express';
import { ConcordError } from '../../contracts/index.js';
import type { ContractStatus } from '../../contracts/index.js';
import { queryInteger, queryText } from '../request/query.js';
import type { RegistryServices } from '../services/registry-services.js';
import type { ContractSummary } from '../storage/contract-records.js';
import type { ListContractsFilter } from '../storage/contract-queries.js';
import { MAX_PAGE_SIZE } from '../storage/paging.js';
import type { RunSummary } from '../storage/run-store.js';
import type { VerdictLabel } from './components.js';
import { catalogPage, STATUS_CHOICES, VERDICT_CHOICES } from './pages/catalog-page.js';
import type { CatalogFilter, CatalogRow } from './pages/catalog-page.js';
import type { SourceVerdict } from './pages/contract-page.js';
import type { UiRouteContext } from './route-context.js';
import { sendPage } from './ui-response.js';

/** Contracts per catalog page: a screenful that stays quick with a consumer count per row. */
export const CATALOG_PAGE_SIZE = 50;

/**
 * Most contracts the verdict filter looks through. The verdict is not a column the store can
 * filter on, so matching contracts are read in pages and filtered here; two thousand covers a
 * large registry and bounds the work of one page view. Past it, the page says so.
 */
export const MAX_VERDICT_SCAN = 2_000;

function choice<T extends string>(name: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  const found = choices.find((each) => each === value);
  if (found === undefined) throw new ConcordError('invalid-argument', `${name} "${value.slice(0, 40)}" is not one of ${choices.join(', ')}: pick one from the list`);
  return found;
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Latest verdicts by contract, from the run history. */
export function verdictsByContract(latest: readonly RunSummary[]): ReadonlyMap<string, readonly SourceVerdict[]> {
  const byContract = new Map<string, SourceVerdict[]>();
  for (const run of latest) {
    const list = byContract.get(run.contractId) ?? [];
    list.push({ source: run.source, verdict: run.verdict, at: run.startedAt, version: run.version, runId: run.id });
    byContract.set(run.contractId, list);
  }
  return byContract;
}

function hasVerdict(verdicts: readonly SourceVerdict[] | undefined, wanted: VerdictLabel): boolean {
  if (wanted === 'none') return verdicts === undefined || verdicts.length === 0;
  return verdicts?.some((entry) => entry.verdict === wanted) ?? false;
}

interface Selection {
  readonly items: readonly ContractSummary[];
  readonly total: number;
  readonly scanned?: { readonly looked: number; readonly matching: number };
}

/** Contracts matching the store's filters and, when given, the verdict, one page of them. */
async function select(
  services: RegistryServices,
  filter: ListContractsFilter,
  verdict: VerdictLabel | undefined,
  verdicts: ReadonlyMap<string, readonly SourceVerdict[]>,
  offset: number,
): Promise<Selection> {
  if (verdict === undefined) return services.reads.listContracts({ ...filter, limit: CATALOG_PAGE_SIZE, offset });
  const matching: ContractSummary[] = [];
  let looked = 0;
  let total = 0;
  do {
    const page = await services.reads.listContracts({ ...filter, limit: MAX_PAGE_SIZE, offset: looked });
    total = page.total;
    looked += page.items.length;
    matching.push(...page.items.filter((summary) => hasVerdict(verdicts.get(summary.id), verdict)));
    if (page.items.length === 0) break;
  } while (looked < total && looked < MAX_VERDICT_SCAN);
  return {
    items: matching.slice(offset, offset + CATALOG_PAGE_SIZE),
    total: matching.length,
    ...(looked < total ? { scanned: { looked, matching: total } } : {}),
  };
}

/** The catalog at `/`. */
export function registerCatalogRoutes(app: Router, context: UiRouteContext): void {
  const { services, assets } = context;
  app.get('/', ...context.reading, async (req: Request, res: Response) => {
    const filter: CatalogFilter = Object.fromEntries(
      (['q', 'namespace', 'owner', 'tag', 'status', 'verdict'] as const).map((name) => [name, present(queryText(req, name))]).filter(([, value]) => value !== undefined),
    );
    const status = choice<ContractStatus>('status', filter.status, STATUS_CHOICES);
    const verdict = choice<VerdictLabel>('verdict', filter.verdict, VERDICT_CHOICES);
    const offset = queryInteger(req, 'offset') ?? 0;
    const storeFilter: ListContractsFilter = {
      ...(filter.q === undefined ? {} : { query: filter.q }),
      ...(filter.namespace === undefined ? {} : { namespace: filter.namespace }),
      ...(filter.owner === undefined ? {} : { owner: filter.owner }),
      ...(filter.tag === undefined ? {} : { tag: filter.tag }),
      ...(status === undefined ? {} : { status }),
    };
    const verdicts = verdictsByContract(await services.runs.latestVerdicts());
    const selection = await select(services, storeFilter, verdict, verdicts, offset);
    const rows: CatalogRow[] = await Promise.all(
      selection.items.map(async (summary) => ({
        summary,
        consumers: (await services.pins.listContractConsumers(summary.id)).length,
        verdicts: verdicts.get(summary.id) ?? [],
      })),
    );
    sendPage(req, res, assets, {
      title: 'Contracts',
      section: 'contracts',
      content: catalogPage({
        filter,
        rows,
        total: selection.total,
        offset,
        limit: CATALOG_PAGE_SIZE,
        ...(selection.scanned === undefined ? {} : { scanned: selection.scanned }),
      }),
    });
  }, context.errors);
}
