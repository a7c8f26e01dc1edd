import { sql, type Kysely } from 'kysely';
import type { AnyTables } from './open-sql-database.js';
import type { OrderColumn, SqlDialectName } from './sql-options.js';

/** Columns an `orderBy` may name: plain names, quoted by Concord, optionally followed by `asc` or `desc`. */
const ORDER_ITEM = /^([A-Za-z_][A-Za-z0-9_$]*)(?:\s+(asc|desc))?$/i;

/** Most columns an `orderBy` may list; a key longer than this is a mistake, not a key. */
export const MAX_ORDER_COLUMNS = 16;

/**
 * Parses an `orderBy` text (`"created_at, id desc"`) into columns, or returns the problem as text
 * when it is not a comma-separated list of plain column names, each optionally `asc`/`desc`.
 */
export function parseOrderBy(text: string): readonly OrderColumn[] | string {
  const items = text.split(',').map((item) => item.trim());
  if (items.length > MAX_ORDER_COLUMNS) return `lists more than ${MAX_ORDER_COLUMNS} columns`;
  const columns: OrderColumn[] = [];
  for (const item of items) {
    const match = ORDER_ITEM.exec(item);
    if (match === null) return `must be column names separated by commas, each optionally followed by asc or desc (got "${item}")`;
    columns.push({ column: match[1] as string, descending: match[2]?.toLowerCase() === 'desc' });
  }
  return columns;
}

/** `id`, `created_at desc, id` for reports. */
export function orderText(columns: readonly OrderColumn[]): string {
  return columns.map((c) => (c.descending ? `${c.column} desc` : c.column)).join(', ');
}

/**
 * The primary key columns of `table` (`name` or `schema.name`) in key order, empty when it has
 * none: Postgres from `pg_index`, MySQL/MariaDB from `information_schema`, SQLite from
 * `pragma_table_info`. A missing table also gives an empty list; the read then fails with its own message.
 */
export async function primaryKeyOf(db: Kysely<AnyTables>, dialect: SqlDialectName, table: string): Promise<readonly OrderColumn[]> {
  const [schema, name] = table.includes('.') ? (table.split('.') as [string, string]) : [undefined, table];
  let rows: readonly { readonly column: unknown }[];
  switch (dialect) {
    case 'postgres': {
      // Quoted the way Kysely quotes the table in the SELECT, so the same relation is found.
      const qualified = (schema === undefined ? '' : `"${schema}".`) + `"${name}"`;
      rows = (
        await sql<{ column: string }>`select a.attname as "column"
          from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
          where i.indrelid = to_regclass(${qualified}) and i.indisprimary
          order by array_position(i.indkey::int2[], a.attnum)`.execute(db)
      ).rows;
      break;
    }
    case 'mysql':
      rows = (
        await sql<{ column: string }>`select column_name as \`column\` from information_schema.key_column_usage
          where table_schema = coalesce(${schema ?? null}, database()) and table_name = ${name} and constraint_name = 'PRIMARY'
          order by ordinal_position`.execute(db)
      ).rows;
      break;
    case 'sqlite':
      rows = (await sql<{ column: string }>`select name as "column" from pragma_table_info(${name}, ${schema ?? 'main'}) where pk > 0 order by pk`.execute(db)).rows;
      break;
  }
  return rows.map((row) => ({ column: String(row.column), descending: false }));
}
