import { requireRole } from '../auth/permissions.js';
import type { AuditEntry, AuditFilter } from '../storage/audit-log.js';
import type { Page } from '../storage/paging.js';
import type { Principal } from '../storage/principal-store.js';
import type { ServiceContext } from './service-context.js';

export interface AuditQueries {
  /** Audit entries, newest first; admins only (ConcordError `forbidden` otherwise). */
  list(filter: AuditFilter, principal: Principal): Promise<Page<AuditEntry>>;
}

export function createAuditQueries(context: ServiceContext): AuditQueries {
  return {
    list(filter, principal) {
      requireRole(principal, 'admin', 'read the audit log');
      return context.stores.audit.list(filter);
    },
  };
}
