import { requireRole } from '../auth/permissions.js';
import type { AuditEntry, AuditFilter } from '../storage/audit-log.js';
import type { Page } from '../storage/paging.js';
import type { Principal } from '../storage/principal-store.js';
import type { ServiceContext } from './service-context.js';

export interface AuditQueries {
  /** Audit entries, newest first; admins only (ConcordError `forbidden` otherwise). `actor` is a principal's id or name. */
  list(filter: AuditFilter, principal: Principal): Promise<Page<AuditEntry>>;
}

export function createAuditQueries(context: ServiceContext): AuditQueries {
  return {
    async list(filter, principal) {
      requireRole(principal, 'admin', 'read the audit log');
      if (filter.actor === undefined || (await context.stores.principals.getPrincipal(filter.actor)) !== undefined) return context.stores.audit.list(filter);
      // Entries record ids; a name that is no id is looked up, so people can filter by the name they know.
      const named = await context.stores.principals.findPrincipalByName(filter.actor);
      return context.stores.audit.list(named === undefined ? filter : { ...filter, actor: named.id });
    },
  };
}
