import type { Selectable } from 'kysely';
import { systemClock, timestamp } from './clock.js';
import type { Clock } from './clock.js';
import { fromJsonText, toJsonText } from './json-text.js';
import type { JsonObject } from './json-text.js';
import { pageOf } from './paging.js';
import type { Page, PageRequest } from './paging.js';
import type { AuditLogTable, Executor } from './tables.js';

/** One thing that happened in the registry. Entries are never changed or removed. */
export interface AuditEntry {
  readonly id: number;
  /** ISO-8601 UTC. */
  readonly at: string;
  /** Principal id of whoever did it. */
  readonly actor: string;
  /** Dotted verb, e.g. `contract.publish`; see {@link AUDIT_ACTIONS} for the ones storage writes. */
  readonly action: string;
  readonly contractId?: string;
  readonly fromVersion?: string;
  readonly toVersion?: string;
  readonly detail: JsonObject;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'detail'> & { readonly detail?: JsonObject };

/** Actions the stores record themselves, alongside the change they audit. */
export const AUDIT_ACTIONS = Object.freeze({
  publish: 'contract.publish',
  deprecate: 'version.deprecate',
  yank: 'version.yank',
  transferOwnership: 'contract.transfer-ownership',
});

export interface AuditFilter extends PageRequest {
  readonly contractId?: string;
  readonly actor?: string;
  readonly action?: string;
  /** Entries at or after this instant. */
  readonly since?: Date;
  /** Entries before this instant. */
  readonly until?: Date;
}

export interface AuditLog {
  /** Appends an entry; it commits with the transaction the log was created on, if any. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Entries matching every given filter, newest first. */
  list(filter?: AuditFilter): Promise<Page<AuditEntry>>;
}

export interface AuditLogOptions {
  /** Defaults to the system clock. */
  readonly clock?: Clock;
}

/**
 * The append-only audit log over `executor`. Create it on a transaction to make an entry commit
 * (or roll back) with the change it records.
 */
export function createAuditLog(executor: Executor, options: AuditLogOptions = {}): AuditLog {
  const clock = options.clock ?? systemClock;
  return {
    async append(entry) {
      const row = await executor
        .insertInto('audit_log')
        .values({
          at: timestamp(clock()),
          actor: entry.actor,
          action: entry.action,
          contract_id: entry.contractId ?? null,
          from_version: entry.fromVersion ?? null,
          to_version: entry.toVersion ?? null,
          detail: toJsonText(entry.detail ?? {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEntry(row);
    },

    async list(filter = {}) {
      const { limit, offset } = pageOf(filter);
      let query = executor.selectFrom('audit_log');
      if (filter.contractId !== undefined) query = query.where('contract_id', '=', filter.contractId);
      if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
      if (filter.action !== undefined) query = query.where('action', '=', filter.action);
      if (filter.since !== undefined) query = query.where('at', '>=', timestamp(filter.since));
      if (filter.until !== undefined) query = query.where('at', '<', timestamp(filter.until));
      const [rows, count] = await Promise.all([
        query.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
        query.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toEntry), total: Number(count.total) };
    },
  };
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return Object.freeze({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    ...(row.contract_id === null ? {} : { contractId: row.contract_id }),
    ...(row.from_version === null ? {} : { fromVersion: row.from_version }),
    ...(row.to_version === null ? {} : { toVersion: row.to_version }),
    detail: fromJsonText<JsonObject>(row.detail, 'audit_log.detail'),
  });
}
