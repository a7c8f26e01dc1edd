import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, sql, SqliteDialect } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CheckReport } from '../../../checker/model.js';
import type { CheckedContract } from '../../../checker/resolve-contract.js';
import { runCheck } from '../../../checker/run-check.js';
import { createSource } from '../../../checker/sources/index.js';
import { MAX_ORDER_COLUMNS } from '../../../checker/sources/sql/sql-order.js';
import { contractContentHash } from '../../../contracts/content-hash.js';
import type { Contract } from '../../../contracts/model.js';
import { readAll } from './read-all.js';

/*
 * The same table gives the same sample and the same verdict, run after run, even after writes
 * have scrambled its physical order. Rows 1..SAMPLE are clean; the rows after them carry a status
 * the contract does not allow. After an UPDATE of every other early row (Postgres moves updated
 * rows to the end of the heap; VACUUM FULL then rewrites it in that order), an unordered
 * `LIMIT SAMPLE` reads late, bad rows and the verdict turns breaking; read by the primary key it
 * stays the clean first rows.
 */

const ROWS = 2_000;
const SAMPLE = 500;
const PG_URL = process.env.CONCORD_TEST_PG_URL;
const MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';
const table = `concord_order_${randomBytes(4).toString('hex')}`;
let dir: string;

interface Target {
  readonly dialect: 'sqlite' | 'postgres' | 'mysql';
  url(): string;
  admin(): Kysely<never>;
  /** Writes that change the physical order of the rows without changing their content. */
  readonly scramble: readonly string[];
}

const targets: Target[] = [
  {
    dialect: 'sqlite',
    url: () => `sqlite:${join(dir, 'feed.db')}`,
    admin: () => new Kysely<never>({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(dir, 'feed.db')) }) }),
    scramble: [`update ${table} set note = note where id % 2 = 0`, 'vacuum'],
  },
  ...(PG_URL === undefined
    ? []
    : [
        {
          dialect: 'postgres' as const,
          url: () => PG_URL,
          admin: () => new Kysely<never>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: PG_URL, max: 1 }) }) }),
          scramble: [`update ${table} set note = note || '' where id % 2 = 0 and id <= ${SAMPLE}`, `vacuum full ${table}`, `analyze ${table}`],
        },
      ]),
  {
    dialect: 'mysql',
    url: () => MYSQL_URL,
    admin: () => new Kysely<never>({ dialect: new MysqlDialect({ pool: createPool({ uri: MYSQL_URL, connectionLimit: 1 }) }) }),
    // InnoDB keeps rows in key order, but a full scan may walk a covering secondary index instead.
    scramble: [`update ${table} set note = concat(note, '') where id % 2 = 0`, `optimize table ${table}`],
  },
];

const CONTRACT: Contract = {
  id: 'shop.orders',
  version: '1.0.0',
  owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
  status: 'active',
  compatibility: { mode: 'forward', policy: 'strict' },
  schema: {
    type: 'object',
    required: ['id', 'status'],
    properties: { id: { type: 'integer' }, status: { type: 'string', enum: ['placed', 'paid'] }, note: { type: 'string' } },
  },
  metrics: [],
  features: [],
  sources: [],
  tags: [],
};
const CHECKED: CheckedContract = { contract: CONTRACT, hash: contractContentHash(CONTRACT), origin: 'test' };

const admins = new Map<string, Kysely<never>>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-sql-order-'));
  for (const target of targets) {
    const db = target.admin();
    admins.set(target.dialect, db);
    await sql.raw(`create table ${table} (id integer primary key, status varchar(20) not null, note varchar(40) not null)`).execute(db);
    // A covering index on (status, id) lets MariaDB answer an unordered SELECT in status order.
    await sql.raw(`create index ${table}_status on ${table} (status, note, id)`).execute(db);
    // Inserted from the last id down, so the physical order starts far from the key order.
    for (let to = ROWS; to > 0; to -= 500) {
      const values = Array.from({ length: 500 }, (_, k) => {
        const id = to - k;
        return `(${id}, '${id <= SAMPLE ? (id % 2 === 0 ? 'paid' : 'placed') : 'legacy'}', 'n${id % 7}')`;
      });
      await sql.raw(`insert into ${table} (id, status, note) values ${values.join(',')}`).execute(db);
    }
    for (const statement of target.scramble) await sql.raw(statement).execute(db);
  }
});

afterAll(async () => {
  for (const db of admins.values()) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
    await db.destroy();
  }
  await rm(dir, { recursive: true, force: true });
});

const source = (target: Target, fields: Record<string, unknown>) => createSource({ name: 'orders-db', type: 'sql', url: target.url(), ...fields } as never);
const ids = (records: readonly unknown[]): number[] => records.map((r) => (r as { id: number }).id);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k);

/** What must not change between runs over the same data: everything but the clock. */
function outcome(report: CheckReport): unknown {
  return { verdict: report.verdict, selection: report.selection, read: report.read, sampled: report.sampled, profile: report.profile, violations: report.violations, drift: report.drift };
}

describe.each(targets.map((t) => [t.dialect, t] as const))('%s', (_name, target) => {
  test('a head sample is the first rows by primary key, the same three times in a row', async () => {
    const reports: CheckReport[] = [];
    for (let round = 0; round < 3; round += 1) {
      reports.push(await runCheck({ contract: CHECKED, source: source(target, { table }), sourceName: 'orders-db', sampler: { kind: 'head', size: SAMPLE } }));
    }
    expect(reports[0]?.verdict).toBe('pass');
    expect(reports[0]?.selection).toEqual({ kind: 'first', text: `first ${SAMPLE} by id`, orderBy: 'id', stable: true });
    expect(reports[0]?.profile.fields.find((f) => f.field === 'id')?.numeric).toMatchObject({ min: 1, max: SAMPLE });
    expect(outcome(reports[1]!)).toEqual(outcome(reports[0]!));
    expect(outcome(reports[2]!)).toEqual(outcome(reports[0]!));
    const { records } = await readAll(source(target, { table }), { limit: SAMPLE });
    expect(ids(records)).toEqual(range(1, SAMPLE));
  });

  test('a reservoir sample reads by the key with the default seed: the same sample and verdict three times', async () => {
    const reports: CheckReport[] = [];
    for (let round = 0; round < 3; round += 1) {
      reports.push(await runCheck({ contract: CHECKED, source: source(target, { table }), sampler: { kind: 'reservoir', size: SAMPLE } }));
    }
    expect(reports[0]?.selection).toEqual({ kind: 'random', text: `random ${SAMPLE} of ${ROWS} read by id, seed 1`, orderBy: 'id', stable: true });
    expect(reports[0]?.verdict).toBe('breaking');
    expect(outcome(reports[1]!)).toEqual(outcome(reports[0]!));
    expect(outcome(reports[2]!)).toEqual(outcome(reports[0]!));
  });

  test('orderBy in the spec decides the order, with desc', async () => {
    const { records } = await readAll(source(target, { table, orderBy: 'status desc, id' }), { limit: 3 });
    expect(records.map((r) => [(r as { status: string }).status, (r as { id: number }).id])).toEqual([
      ['placed', 1],
      ['placed', 3],
      ['placed', 5],
    ]);
    const report = await runCheck({ contract: CHECKED, source: source(target, { table, orderBy: 'id desc' }), sampler: { size: 10 } });
    expect(report.selection).toEqual({ kind: 'first', text: 'first 10 by id desc', orderBy: 'id desc', stable: true });
    expect(report.verdict).toBe('breaking');
  });

  test('a query without orderBy says its order is not stable; a whole read says so', async () => {
    const query = `select id, status, note from ${table} where id <= 20`;
    const unordered = await runCheck({ contract: CHECKED, source: source(target, { query }), sampler: { size: 5 } });
    expect(unordered.selection).toEqual({ kind: 'first', text: 'first 5 in database order, not stable: no primary key or orderBy', stable: false });
    const whole = await runCheck({ contract: CHECKED, source: source(target, { query }), sampler: { size: 50 } });
    expect(whole.selection).toEqual({ kind: 'whole', text: 'whole query result', stable: true });
    const table20 = await runCheck({ contract: CHECKED, source: source(target, { table, where: 'id <= 20' }), sampler: { size: 50 } });
    expect(table20.selection).toEqual({ kind: 'whole', text: 'whole table', orderBy: 'id', stable: true });
  });
});

test.each([
  ['id; drop table x', 'column names separated by commas'],
  ['id desc desc', 'column names separated by commas'],
  ['', 'non-empty'],
  [Array.from({ length: MAX_ORDER_COLUMNS + 1 }, (_, k) => `c${k}`).join(', '), `more than ${MAX_ORDER_COLUMNS} columns`],
])('orderBy %j is refused before connecting', (orderBy, message) => {
  expect(() => createSource({ name: 'orders-db', type: 'sql', url: 'sqlite:nowhere.db', table: 'orders', orderBy } as never)).toThrow(message);
});

test(`orderBy of exactly ${MAX_ORDER_COLUMNS} columns is accepted`, () => {
  const orderBy = Array.from({ length: MAX_ORDER_COLUMNS }, (_, k) => `c${k}`).join(', ');
  expect(() => createSource({ name: 'orders-db', type: 'sql', url: 'sqlite:nowhere.db', table: 'orders', orderBy } as never)).not.toThrow();
});
