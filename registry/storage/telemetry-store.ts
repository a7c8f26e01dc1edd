import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { ConsumerUsage, FieldFailures, VersionTelemetry } from '../../vocabulary/index.js';
import { fromJsonText, toJsonText } from './json-text.js';
import type { ConsumerTelemetryTable, Executor } from './tables.js';

/**
 * Failing fields kept per (consumer, contract, version), most frequent first. Each report brings
 * at most MAX_TELEMETRY_FIELDS; keeping a few more lets a field that fails now and then climb into
 * the top ten over time without the row growing with every report.
 */
export const MAX_STORED_FIELDS = 32;

export interface TelemetryStore {
  /** Adds one report's counts to its (consumer, contract, version) row, creating it; `at` becomes its last_seen. */
  add(consumer: string, contractId: string, report: VersionTelemetry, at: string): Promise<void>;
  /** Per consumer of the contract that ever reported: the version it reported last, with that version's counts. */
  usageOfContract(contractId: string): Promise<ConsumerUsage[]>;
}

type Row = Selectable<ConsumerTelemetryTable>;

function mergeFields(stored: readonly FieldFailures[], added: readonly FieldFailures[]): FieldFailures[] {
  const counts = new Map<string, number>();
  for (const { field, count } of [...stored, ...added]) counts.set(field, (counts.get(field) ?? 0) + count);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_STORED_FIELDS).map(([field, count]) => ({ field, count }));
}

function usageOf(row: Row): ConsumerUsage {
  const validated = Number(row.validated);
  const rejected = Number(row.rejected);
  return {
    consumer: row.consumer,
    contract: row.contract_id,
    lastSeen: row.last_seen,
    versionInUse: row.version,
    validated,
    rejected,
    rejectRate: validated === 0 ? 0 : rejected / validated,
    topFields: fromJsonText<FieldFailures[]>(row.top_fields, 'consumer_telemetry.top_fields'),
  };
}

/** Agent telemetry over `executor`; run `add` inside a transaction so a row's fields and counts move together. */
export function createTelemetryStore(executor: Executor): TelemetryStore {
  return {
    async add(consumer, contractId, report, at) {
      const before = await executor
        .selectFrom('consumer_telemetry')
        .select('top_fields')
        .where('consumer', '=', consumer)
        .where('contract_id', '=', contractId)
        .where('version', '=', report.version)
        .executeTakeFirst();
      const stored = before === undefined ? [] : fromJsonText<FieldFailures[]>(before.top_fields, 'consumer_telemetry.top_fields');
      await executor
        .insertInto('consumer_telemetry')
        .values({
          consumer,
          contract_id: contractId,
          version: report.version,
          validated: report.validated,
          rejected: report.rejected,
          top_fields: toJsonText(mergeFields(stored, report.topFields)),
          first_seen: at,
          last_seen: at,
        })
        .onConflict((conflict) =>
          conflict.columns(['consumer', 'contract_id', 'version']).doUpdateSet((eb) => ({
            // Counts add in the database, so two reports committing at once both count.
            validated: sql`consumer_telemetry.validated + ${eb.ref('excluded.validated')}`,
            rejected: sql`consumer_telemetry.rejected + ${eb.ref('excluded.rejected')}`,
            top_fields: eb.ref('excluded.top_fields'),
            last_seen: eb.ref('excluded.last_seen'),
          })),
        )
        .execute();
    },

    async usageOfContract(contractId) {
      const rows = await executor.selectFrom('consumer_telemetry').selectAll().where('contract_id', '=', contractId).orderBy('consumer').orderBy('last_seen', 'desc').orderBy('version', 'desc').execute();
      const latest = new Map<string, Row>();
      for (const row of rows) if (!latest.has(row.consumer)) latest.set(row.consumer, row);
      return [...latest.values()].map(usageOf);
    },
  };
}
