import { PostgresAdapter, SqliteAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/** The SQL dialects Concord's storage supports. */
export type SqlDialect = 'sqlite' | 'postgres';

/**
 * Names the dialect behind a kysely instance (or transaction), so one migration or store can take
 * the few dialect-specific branches (triggers, row locks) without being told from outside.
 * Throws for any other dialect because every statement here was written for these two only.
 */
export function dialectOf(db: Pick<Kysely<unknown>, 'getExecutor'>): SqlDialect {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  throw new Error('Concord storage supports SQLite and PostgreSQL only');
}

/**
 * Makes a table append-only in the database itself: UPDATE and DELETE raise an error naming the
 * table, whatever code (or person with a SQL prompt) issues them.
 */
export async function forbidUpdateAndDelete(db: Kysely<unknown>, table: string, reason: string): Promise<void> {
  const message = `${table} is append-only: ${reason}`;
  if (dialectOf(db) === 'sqlite') {
    for (const operation of ['update', 'delete'] as const) {
      await sql`
        create trigger ${sql.id(`${table}_no_${operation}`)}
        before ${sql.raw(operation)} on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(message)}); end
      `.execute(db);
    }
    return;
  }
  const fn = `${table}_append_only`;
  await sql`
    create function ${sql.id(fn)}() returns trigger language plpgsql as $body$
    begin
      raise exception using errcode = 'restrict_violation', message = ${sql.lit(message)};
    end
    $body$
  `.execute(db);
  await sql`
    create trigger ${sql.id(`${table}_no_update_delete`)}
    before update or delete on ${sql.table(table)}
    for each row execute function ${sql.id(fn)}()
  `.execute(db);
}

/** Drops what {@link forbidUpdateAndDelete} created, for a migration's `down`. */
export async function allowUpdateAndDelete(db: Kysely<unknown>, table: string): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    for (const operation of ['update', 'delete'] as const) {
      await sql`drop trigger if exists ${sql.id(`${table}_no_${operation}`)}`.execute(db);
    }
    return;
  }
  await sql`drop trigger if exists ${sql.id(`${table}_no_update_delete`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function if exists ${sql.id(`${table}_append_only`)}()`.execute(db);
}
