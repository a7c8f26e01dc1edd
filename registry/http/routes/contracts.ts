import type { Express } from 'express';
import { ConcordError } from '../../../contracts/index.js';
import type { ContractStatus } from '../../../contracts/index.js';
import { principalOf, principalOrAnonymous } from '../../auth/request-auth.js';
import { LATEST } from '../../services/contract-reads.js';
import { sendTaggedJson } from '../etag.js';
import { nameParam, pageQuery, param, queryText } from '../../request/query.js';
import { readBodyText } from '../read-body.js';
import { contractPrincipals, contractView, publishView, versionHeaderView, versionPrincipals } from '../views.js';
import type { RouteContext } from './route-context.js';
import type { Changelog, ContractConsumers, ContractInfo, ContractPage, PublishResult, PublishVerdict, VersionPage } from '../../../vocabulary/index.js';

const STATUSES: readonly ContractStatus[] = ['draft', 'active', 'deprecated', 'retired'];

function statusQuery(text: string | undefined): ContractStatus | undefined {
  if (text === undefined || text === '') return undefined;
  const status = STATUSES.find((each) => each === text);
  if (status === undefined) throw new ConcordError('invalid-argument', `status=${text.slice(0, 20)} is not a contract status: use one of ${STATUSES.join(', ')}`);
  return status;
}

/** Contracts and their versions: list, read, publish, dry run, resolve and changelog. */
export function registerContractRoutes(app: Express, { services, read, versions, headers }: RouteContext): void {
  const { reads } = services;

  app.get('/api/contracts', read, async (req, res) => {
    const page = pageQuery(req);
    const filter = {
      ...page,
      ...Object.fromEntries(
        (['q', 'namespace', 'owner', 'tag'] as const)
          .map((name) => [name === 'q' ? 'query' : name, queryText(req, name)] as const)
          .filter(([, value]) => value !== undefined && value !== ''),
      ),
    };
    const status = statusQuery(queryText(req, 'status'));
    const found = await reads.listContracts({ ...filter, ...(status === undefined ? {} : { status }) });
    const names = await services.names.of(found.items.flatMap(contractPrincipals));
    res.json({ items: found.items.map((summary) => contractView(summary, names)), limit: page.limit ?? null, offset: page.offset ?? 0, total: found.total } satisfies ContractPage);
  });

  app.post('/api/contracts', async (req, res) => {
    const principal = principalOf(res);
    const result = await services.publishing.publish(await readBodyText(req), principal);
    res.status(result.outcome === 'published' ? 201 : 200).json(publishView(result, await services.names.of([result.version.publishedBy])) satisfies PublishResult);
  });

  app.get('/api/contracts/:id', read, async (req, res) => {
    const summary = await reads.getContract(nameParam(req, 'id', 'contract-id'));
    res.json(contractView(summary, await services.names.of(contractPrincipals(summary))) satisfies ContractInfo);
  });

  app.post('/api/contracts/:id/check', read, async (req, res) => {
    res.json((await services.impact.check(nameParam(req, 'id', 'contract-id'), await readBodyText(req), principalOrAnonymous(res))) satisfies PublishVerdict);
  });

  app.get('/api/contracts/:id/versions', read, async (req, res) => {
    const id = nameParam(req, 'id', 'contract-id');
    const page = await reads.pageVersions(id, pageQuery(req));
    const names = await services.names.of(page.items.flatMap(versionPrincipals));
    const after = page.offset + page.items.length;
    const next = after < page.total ? `/api/contracts/${encodeURIComponent(id)}/versions?limit=${page.limit}&offset=${after}` : null;
    res.json({ contract: id, versions: page.items.map((header) => versionHeaderView(header, names)), limit: page.limit, offset: page.offset, total: page.total, next } satisfies VersionPage);
  });

  app.get('/api/contracts/:id/versions/:version', read, async (req, res) => {
    const header = await headers(nameParam(req, 'id', 'contract-id'), { version: param(req, 'version') });
    sendTaggedJson(req, res, await versions.render(header, await services.names.of(versionPrincipals(header))));
  });

  app.get('/api/contracts/:id/resolve', read, async (req, res) => {
    const range = queryText(req, 'range');
    if (range === undefined) throw new ConcordError('invalid-argument', 'give the semver range to resolve, like ?range=^2');
    const header = await headers(nameParam(req, 'id', 'contract-id'), { range });
    sendTaggedJson(req, res, await versions.render(header, await services.names.of(versionPrincipals(header))));
  });

  app.get('/api/contracts/:id/changelog', read, async (req, res) => {
    const from = queryText(req, 'from');
    if (from === undefined) throw new ConcordError('invalid-argument', 'give the version to compare from, like ?from=1.0.0&to=2.0.0 (to defaults to latest)');
    res.json((await reads.changelog(nameParam(req, 'id', 'contract-id'), from, queryText(req, 'to') ?? LATEST)) satisfies Changelog);
  });

  app.get('/api/contracts/:id/consumers', read, async (req, res) => {
    const id = nameParam(req, 'id', 'contract-id');
    const [pins, usage] = await Promise.all([services.pins.listContractConsumers(id), services.telemetry.usageOfContract(id)]);
    const usageOf = new Map(usage.map((each) => [each.consumer, each]));
    res.json({ items: pins.map((pin) => ({ consumer: pin.consumer, contact: pin.contact ?? null, range: pin.range, fields: pin.fields, usage: usageOf.get(pin.consumer) ?? null })) } satisfies ContractConsumers);
  });
}
