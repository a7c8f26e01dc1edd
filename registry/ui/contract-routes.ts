import type { Request, Response, Router } from 'express';
import semver from 'semver';
import type { ContractDocument } from '../../contracts/index.js';
import { normalizeContract } from '../../contracts/index.js';
import { LATEST } from '../services/contract-reads.js';
import { highestInRange } from '../services/resolve.js';
import { param, queryInteger, queryText } from '../request/query.js';
import { contractPage } from './pages/contract-page.js';
import { versionsPage } from './pages/versions-page.js';
import type { ChangelogView } from './pages/versions-page.js';
import type { UiRouteContext } from './route-context.js';
import { schemaTree } from './schema-tree.js';
import { sendPage } from './ui-response.js';
import { verdictsByContract } from './catalog-routes.js';

/**
 * Versions per page of the UI's version list. A contract with hundreds of versions once made a
 * 385 KB page; 50 rows fit a screen or two and keep the page to tens of kilobytes.
 */
export const VERSIONS_PAGE_SIZE = 50;

/** The contract page and its versions and changes. */
export function registerContractRoutes(app: Router, context: UiRouteContext): void {
  const { services, assets } = context;
  const { reads } = services;

  app.get('/contracts/:id', ...context.reading, async (req: Request, res: Response) => {
    const id = param(req, 'id');
    const summary = await reads.getContract(id);
    const shown = await reads.getVersion(id, queryText(req, 'version') ?? summary.latestVersion ?? LATEST);
    // Only documents that passed validation are stored, so the stored document is a ContractDocument.
    const contract = normalizeContract({ ...(shown.document as ContractDocument), schema: shown.bundledSchema });
    const [versions, pins, latest, usage] = await Promise.all([reads.listVersions(id), services.pins.listContractConsumers(id), services.runs.latestVerdicts(id), services.telemetry.usageOfContract(id)]);
    const usageOf = new Map(usage.map((each) => [each.consumer, each]));
    const consumers = pins.map((pin) => {
      const reported = usageOf.get(pin.consumer);
      const resolved = highestInRange(versions, pin.range)?.version;
      return {
        consumer: pin.consumer,
        ...(pin.contact === undefined ? {} : { contact: pin.contact }),
        range: pin.range,
        fields: pin.fields,
        ...(resolved === undefined ? {} : { resolved }),
        ...(reported === undefined ? {} : { usage: reported }),
      };
    });
    const names = await services.names.of([shown.publishedBy, summary.ownerPrincipalId]);
    sendPage(req, res, assets, {
      title: `${id} ${shown.version}`,
      section: 'contracts',
      content: contractPage({ summary, shown, contract, tree: schemaTree(contract.schema), versions, consumers, verdicts: verdictsByContract(latest).get(id) ?? [], names }),
    });
  }, context.errors);

  app.get('/contracts/:id/versions', ...context.reading, async (req: Request, res: Response) => {
    const id = param(req, 'id');
    const [summary, all] = await Promise.all([reads.getContract(id), reads.listVersions(id)]);
    // Newest first: the offset counts from the newest version.
    const offset = queryInteger(req, 'offset') ?? 0;
    const end = Math.max(0, all.length - offset);
    const start = Math.max(0, end - VERSIONS_PAGE_SIZE);
    const versions = all.slice(start, end);
    const earlier = all[start - 1];
    const from = queryText(req, 'from');
    const to = queryText(req, 'to');
    let changelog: ChangelogView | undefined;
    if (from !== undefined && to !== undefined && from !== '' && to !== '') {
      // Changes read from the older version to the newer, whichever way round they were picked.
      const [older, newer] = semver.valid(from) !== null && semver.valid(to) !== null && semver.gt(from, to) ? [to, from] : [from, to];
      changelog = await reads.changelog(id, older, newer);
    }
    const names = await services.names.of(versions.map((header) => header.publishedBy));
    sendPage(req, res, assets, {
      title: `${id} versions`,
      section: 'contracts',
      content: versionsPage({ summary, versions, names, total: all.length, offset, pageSize: VERSIONS_PAGE_SIZE, ...(earlier === undefined ? {} : { earlier }), ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), ...(changelog === undefined ? {} : { changelog }) }),
    });
  }, context.errors);
}
