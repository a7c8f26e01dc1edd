import type { Express, Request, Response } from 'express';
import { principalOf } from '../../auth/request-auth.js';
import type { MarkKind } from '../../storage/contract-records.js';
import { objectField, personField, readObjectBody, stringField } from '../body-fields.js';
import { nameParam, param } from '../../request/query.js';
import { contractPrincipals, contractView, versionHeaderView, versionPrincipals } from '../views.js';
import type { RouteContext } from './route-context.js';
import type { ContractInfo, MarkedVersion } from '../../../vocabulary/index.js';

/** Writes on a contract other than publishing: deprecate and yank versions, transfer ownership. */
export function registerContractAdminRoutes(app: Express, { services }: RouteContext): void {
  const mark = (kind: MarkKind) =>
    async function markVersion(req: Request, res: Response): Promise<void> {
      const principal = principalOf(res);
      const body = await readObjectBody(req);
      const reason = stringField(body, 'reason', '/reason', true);
      const id = nameParam(req, 'id', 'contract-id');
      const header = await services.deprecation.mark(id, param(req, 'version'), kind, reason, principal);
      res.json({ contract: id, ...versionHeaderView(header, await services.names.of(versionPrincipals(header))) } satisfies MarkedVersion);
    };
  app.post('/api/contracts/:id/versions/:version/deprecate', mark('deprecated'));
  app.post('/api/contracts/:id/versions/:version/yank', mark('yanked'));

  app.post('/api/contracts/:id/transfer', async (req, res) => {
    const principal = principalOf(res);
    const body = await readObjectBody(req);
    const owner = objectField(body, 'owner', '/owner');
    const person = personField(body, 'owner', '/owner');
    const to = { ...person, principal: stringField(owner, 'principal', '/owner/principal', true) };
    const summary = await services.ownership.transfer(nameParam(req, 'id', 'contract-id'), to, principal);
    res.json(contractView(summary, await services.names.of(contractPrincipals(summary))) satisfies ContractInfo);
  });
}
