import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, sql, SqliteDialect } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSource } from '../../../checker/sources/index.js';
import { readAll } from './read-all.js';

const ROWS = 3_000;
const PG_URL = process.env.CONCORD_TEST_PG_URL;
const MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';
const table = `concord_src_${randomBytes(4).toString('hex')}`;
let dir: string;

interface Target {
  readonly dialect: 'sqlite' | 'postgres' | 'mysql';
  url(): string;
  admin(): Kysely<never>;
  /** Connections the source may have left open, seen by the server. */
  openConnections?(db: Kysely<never>): Promise<number>;
}

const targets: Target[] = [
  {
    dialect: 'sqlite',
    url: () => `sqlite:${join(dir, 'feed.db')}`,
    admin: () => new Kysely<never>({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(dir, 'feed.db')) }) }),
  },
  ...(PG_URL === undefined
    ? []
    : [
        {
          dialect: 'postgres' as const,
          url: () => `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}application_name=${table}`,
          admin: () => new Kysely<never>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: PG_URL, max: 1 }) }) }),
          openConnections: async (db: Kysely<never>) =>
            Number((await sql<{ n: string }>`select count(*) as n from pg_stat_activity where application_name = ${table}`.execute(db)).rows[0]?.n),
        },
      ]),
  {
    dialect: 'mysql',
    url: () => MYSQL_URL,
    admin: () => new Kysely<never>({ dialect: new MysqlDialect({ pool: createPool({ uri: MYSQL_URL, connectionLimit: 1 }) }) }),
    openConnections: async (db: Kysely<never>) =>
      Number((await sql<{ n: number }>`select count(*) as n from information_schema.processlist where db = 'test'`.execute(db)).rows[0]?.n) - 1,
  },
];

const admins = new Map<string, Kysely<never>>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-sql-source-'));
  for (const target of targets) {
    const db = target.admin();
    admins.set(target.dialect, db);
    const dateType = target.dialect === 'sqlite' ? 'text' : 'date';
    const amountType = target.dialect === 'sqlite' ? 'real' : 'decimal(10,2)';
    await sql.raw(`create table ${table} (id integer primary key, name varchar(40), amount ${amountType}, big bigint, day ${dateType})`).execute(db);
    for (let from = 0; from < ROWS; from += 500) {
      const values = Array.from({ length: 500 }, (_, k) => {
        const id = from + k;
        const big = id === 1 ? '9007199254740993' : String(id * 1000);
        return `(${id}, 'name ${id}', ${id}.25, ${big}, '2026-11-${String((id % 28) + 1).padStart(2, '0')}')`;
      });
      await sql.raw(`insert into ${table} (id, name, amount, big, day) values ${values.join(',')}`).execute(db);
    }
  }
});

afterAll(async () => {
  for (const db of admins.values()) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
    await db.destroy();
  }
  await rm(dir, { recursive: true, force: true });
});

const source = (target: Target, fields: Record<string, unknown>) =>
  createSource({ name: 'orders-db', type: 'sql', url: target.url(), ...fields } as never);
const ids = (records: unknown[]): number[] => records.map((r) => (r as { id: number }).id);

describe.each(targets.map((t) => [t.dialect, t] as const))('%s', (_name, target) => {
  test('reads a whole table as JSON values', async () => {
    const { records } = await readAll(source(target, { table }));
    expect(records).toHaveLength(ROWS);
    const byId = new Map(records.map((r) => [(r as { id: number }).id, r]));
    expect(byId.get(7)).toEqual({ id: 7, name: 'name 7', amount: 7.25, big: 7000, day: '2026-11-08' });
    // Beyond 2^53 the digits are kept as text rather than rounded.
    expect((byId.get(1) as { big: unknown }).big).toBe('9007199254740993');
  });

  test('the limit becomes LIMIT and the where condition filters', async () => {
    expect((await readAll(source(target, { table }), { limit: 5 })).records).toHaveLength(5);
    const { records } = await readAll(source(target, { table, where: 'id >= 2995 -- a trailing comment' }));
    expect(ids(records).sort((a, b) => a - b)).toEqual([2995, 2996, 2997, 2998, 2999]);
  });

  test('a read-only query, with where and limit around it', async () => {
    const { records } = await readAll(source(target, { query: `select id, name from ${table} where id < 10;`, where: 'id > 6' }), { limit: 2 });
    expect(records).toHaveLength(2);
    expect(Object.keys(records[0] as object).sort()).toEqual(['id', 'name']);
  });

  test.each([
    ['where', { where: 'id > 1; drop table x' }, 'more than one statement'],
    ['query', { query: 'select 1; delete from x' }, 'more than one statement'],
    ['where with ;', { where: 'id > 1;' }, 'without ";"'],
    ['unterminated string', { where: "name = 'x" }, 'never ends'],
    ['table', { table: 'orders; drop' }, 'plain name'],
  ])('refuses %s before connecting', (_what, fields, message) => {
    const withTable = 'query' in fields || 'table' in fields ? fields : { table, ...fields };
    expect(() => source(target, withTable)).toThrow(message);
  });

  test('a missing table is source-unavailable saying what to check', async () => {
    await expect(readAll(source(target, { table: `${table}_missing` }))).rejects.toMatchObject({
      code: 'source-unavailable',
      message: expect.stringContaining('check the table name'),
    });
  });

  test('leaving the loop early releases the connection', async () => {
    const { records } = await readAll(source(target, { table }), {}, 3);
    expect(records).toHaveLength(3);
    const admin = admins.get(target.dialect) as Kysely<never>;
    if (target.openConnections !== undefined) await expect.poll(() => target.openConnections?.(admin), { timeout: 5_000 }).toBe(0);
    // The table is not locked by a transaction left open: a write goes through at once.
    await sql.raw(`update ${table} set name = name where id = 0`).execute(admin);
  });
});

describe('read-only', () => {
  test.runIf(PG_URL !== undefined)('postgres runs the query in a read-only transaction', async () => {
    const admin = admins.get('postgres') as Kysely<never>;
    await sql.raw(`create sequence ${table}_seq`).execute(admin);
    try {
      const target = targets.find((t) => t.dialect === 'postgres') as Target;
      await expect(readAll(source(target, { query: `select nextval('${table}_seq') as id` }))).rejects.toMatchObject({
        code: 'source-unavailable',
        message: expect.stringContaining('read-only'),
      });
    } finally {
      await sql.raw(`drop sequence ${table}_seq`).execute(admin);
    }
  });

  test('mysql runs the query in a read-only transaction', async () => {
    const admin = admins.get('mysql') as Kysely<never>;
    await sql.raw(`create table ${table}_w (n int)`).execute(admin);
    await sql.raw(`create function ${table}_f() returns int modifies sql data begin insert into ${table}_w values (1); return 1; end`).execute(admin);
    try {
      const target = targets.find((t) => t.dialect === 'mysql') as Target;
      await expect(readAll(source(target, { query: `select ${table}_f() as id` }))).rejects.toMatchObject({ code: 'source-unavailable' });
      const count = await sql<{ n: number }>`select count(*) as n from ${sql.table(`${table}_w`)}`.execute(admin);
      expect(Number(count.rows[0]?.n)).toBe(0);
    } finally {
      await sql.raw(`drop function ${table}_f`).execute(admin);
      await sql.raw(`drop table ${table}_w`).execute(admin);
    }
  });

  test('sqlite opens the file read-only: a missing file is not created', async () => {
    const target = { ...targets[0], url: () => `sqlite:${join(dir, 'absent.db')}` } as Target;
    await expect(readAll(source(target, { table }))).rejects.toMatchObject({ code: 'source-unavailable', message: expect.stringContaining('check the database file path') });
    const { access } = await import('node:fs/promises');
    await expect(access(join(dir, 'absent.db'))).rejects.toThrow();
  });

  test('an unreachable server is source-unavailable', async () => {
    const target = { ...targets[0], dialect: 'postgres', url: () => 'postgres://postgres@127.0.0.1:1/test' } as Target;
    await expect(readAll(source(target, { table }))).rejects.toMatchObject({ code: 'source-unavailable', message: expect.stringContaining('check the host') });
  });
});
