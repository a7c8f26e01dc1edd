import type { Transaction } from 'kysely';
import type { Executor, Tables } from './tables.js';

/**
 * Runs `work` in a transaction: the caller's, when `executor` already is one (so the work commits
 * or rolls back with it), otherwise a new one. On SQLite a new read-write transaction begins
 * with `BEGIN IMMEDIATE` (see sqlite-dialect.ts).
 */
export function inTransaction<T>(executor: Executor, work: (trx: Transaction<Tables>) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return work(executor as Transaction<Tables>);
  return executor.transaction().execute(work);
}
