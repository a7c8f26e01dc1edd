import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dialectOf } from './dialect.js';

/*
 * Two changes to `principals`:
 * - a `consumer` role, for agent builders who register and pin consumers without publishing;
 * - unique names, so people can name a principal (in `transfer`, in listings) instead of
 *   quoting its id. Names that were given twice before are told apart here, oldest first: the
 *   first keeps its name, later ones get " (2)", " (3)", ... appended.
 *
 * PostgreSQL alters the CHECK constraint in place. SQLite cannot, so the table is rebuilt, inside
 * the migration's transaction: the rows are copied aside, the table dropped and created anew
 * under the same name, and the rows copied back. `api_tokens`, `contracts` and
 * `contract_versions` reference principals by name, so their foreign keys point at the new table
 * without being touched; `defer_foreign_keys` lets the rows be missing for the moment in between,
 * and the commit still fails if any referenced principal did not come back. No table with
 * triggers (the append-only ones of 0002) is dropped or rewritten.
 */

const ROLES_BEFORE = ['admin', 'publisher', 'reader'] as const;
const ROLES_AFTER = ['admin', 'publisher', 'consumer', 'reader'] as const;

/** Longest principal name the token service accepts; a disambiguated name stays within it. */
const MAX_NAME_LENGTH = 128;

const roleCheck = (roles: readonly string[]) => sql`role in (${sql.join(roles.map((role) => sql.lit(role)))})`;

/** Gives every principal a name no other principal has, keeping the oldest holder's name as it is. */
async function renameDuplicates(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: string; name: string }>`select id, name from principals order by created_at, id`.execute(db);
  const taken = new Set(rows.map((row) => row.name));
  const seen = new Set<string>();
  for (const row of rows) {
    if (!seen.has(row.name)) {
      seen.add(row.name);
      continue;
    }
    let candidate = row.name;
    for (let n = 2; taken.has(candidate); n++) {
      const suffix = ` (${n})`;
      candidate = `${row.name.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
    }
    taken.add(candidate);
    seen.add(candidate);
    await sql`update principals set name = ${candidate} where id = ${row.id}`.execute(db);
  }
}

/** Rebuilds SQLite's `principals` with `roles` in its CHECK constraint, keeping every row. */
async function rebuildSqlitePrincipals(db: Kysely<unknown>, roles: readonly string[]): Promise<void> {
  // A savepoint opens a transaction when none is open (a plain Migrator run) and nests in the
  // caller's otherwise; deferred foreign keys are checked when the outermost one commits.
  await sql`savepoint principals_rebuild`.execute(db);
  try {
    await sql`pragma defer_foreign_keys = on`.execute(db);
    await sql`create table principals_rebuild as select id, name, role, namespaces, created_at from principals`.execute(db);
    await sql`drop table principals`.execute(db);
    await db.schema
      .createTable('principals')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('namespaces', 'text', (col) => col.notNull().defaultTo('[]'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addCheckConstraint('principals_role', roleCheck(roles))
      .execute();
    await sql`insert into principals (id, name, role, namespaces, created_at) select id, name, role, namespaces, created_at from principals_rebuild`.execute(db);
    await sql`drop table principals_rebuild`.execute(db);
    const { rows } = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db);
    if (rows.length > 0) throw new Error(`rebuilding principals left ${rows.length} rows pointing at missing principals`);
    await sql`release principals_rebuild`.execute(db);
  } catch (error) {
    await sql`rollback to principals_rebuild`.execute(db);
    await sql`release principals_rebuild`.execute(db);
    throw error;
  }
}

async function setRoles(db: Kysely<unknown>, roles: readonly string[]): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await rebuildSqlitePrincipals(db, roles);
    return;
  }
  await sql`alter table principals drop constraint principals_role`.execute(db);
  await sql`alter table principals add constraint principals_role check (${roleCheck(roles)})`.execute(db);
}

/** Adds the consumer role and makes principal names unique. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await renameDuplicates(db);
  await setRoles(db, ROLES_AFTER);
  await db.schema.createIndex('principals_name').on('principals').column('name').unique().execute();
}

/** Drops the unique names and the consumer role; refused while a consumer principal exists. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ total: number | string }>`select count(*) as total from principals where role = 'consumer'`.execute(db);
  if (Number(rows[0]?.total ?? 0) > 0) {
    throw new Error('principals with the consumer role exist: give them another role before undoing migration 0006');
  }
  await db.schema.dropIndex('principals_name').execute();
  await setRoles(db, ROLES_BEFORE);
}
