import type { Express } from 'express';
import { ConcordError } from '../../../contracts/index.js';
import { principalOf } from '../../auth/request-auth.js';
import { ROLES } from '../../storage/principal-store.js';
import { readObjectBody, stringField, stringListField } from '../body-fields.js';
import { pageQuery, param, queryText } from '../../request/query.js';
import { auditView, principalView, tokenView } from '../views.js';
import type { RouteContext } from './route-context.js';
import type { AuditPage, CreatedToken, PrincipalInfo, RevokedToken, TokenPage } from '../../../vocabulary/index.js';

/** Admin-only routes (the audit log and API tokens), and who the caller is. */
export function registerAdminRoutes(app: Express, { services }: RouteContext): void {
  app.get('/api/audit', async (req, res) => {
    const principal = principalOf(res);
    const page = pageQuery(req);
    const contractId = queryText(req, 'contract');
    const actor = queryText(req, 'actor');
    const found = await services.audit.list(
      { ...page, ...(contractId === undefined ? {} : { contractId }), ...(actor === undefined ? {} : { actor }) },
      principal,
    );
    const names = await services.names.of(found.items.map((entry) => entry.actor));
    res.json({ items: found.items.map((entry) => auditView(entry, names)), limit: page.limit ?? null, offset: page.offset ?? 0, total: found.total } satisfies AuditPage);
  });

  app.post('/api/tokens', async (req, res) => {
    const principal = principalOf(res);
    const body = await readObjectBody(req);
    const name = stringField(body, 'name', '/name', true);
    const roleText = stringField(body, 'role', '/role', true);
    const role = ROLES.find((each) => each === roleText);
    if (role === undefined) throw new ConcordError('invalid-argument', `/role "${roleText.slice(0, 20)}" is not a role: use one of ${ROLES.join(', ')}`, { pointer: '/role' });
    const namespaces = stringListField(body, 'namespaces', '/namespaces');
    const issued = await services.tokens.create({ name, role, ...(namespaces === undefined ? {} : { namespaces }) }, principal);
    res.status(201).json({ principal: principalView(issued.principal), token: issued.token, tokenId: issued.tokenInfo.id } satisfies CreatedToken);
  });

  app.get('/api/tokens', async (req, res) => {
    const principal = principalOf(res);
    const page = pageQuery(req);
    const found = await services.tokens.list(page, principal);
    res.json({ items: found.items.map(tokenView), limit: page.limit ?? null, offset: page.offset ?? 0, total: found.total } satisfies TokenPage);
  });

  app.get('/api/whoami', (_req, res) => {
    res.json(principalView(principalOf(res)) satisfies PrincipalInfo);
  });

  app.delete('/api/tokens/:id', async (req, res) => {
    const principal = principalOf(res);
    const id = param(req, 'id');
    await services.tokens.revoke(id, principal);
    res.json({ id, revoked: true } satisfies RevokedToken);
  });
}
