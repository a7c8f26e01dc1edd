import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../../migrations/index.js';
import { migrateToLatest } from '../../../registry/storage/migrate.js';
import { isPostgresUrl, openDatabase, PG_POOL_MAX, SQLITE_BUSY_TIMEOUT_MS } from '../../../registry/storage/open-database.js';
import { createPrincipalStore } from '../../../registry/storage/principal-store.js';
import { holdSqliteWriteLock, probeSqliteWriteLock } from './child-processes.js';
import { freshDatabase, STORAGE_TARGETS } from './storage-targets.js';
import type { TestDatabase } from './storage-targets.js';

describe('choosing the database', () => {
  test.each([
    ['postgres://postgres@127.0.0.1:5432/test', true],
    ['postgresql://db.example.com/registry', true],
    ['POSTGRES://db.example.com/registry', true],
    ['mysql://db.example.com/registry', false],
    ['./registry.db', false],
    [undefined, false],
  ])('%s selects PostgreSQL: %s', (url, expected) => {
    expect(isPostgresUrl(url)).toBe(expected);
  });

  // The last one is one character past PostgreSQL's 63-character identifier limit.
  test.each(['Concord', 'concord-test', 'x; drop table contracts', '1st', 'c'.repeat(64)])(
    'refuses schema %j before connecting',
    async (schema) => {
      const attempt = openDatabase({ url: 'postgres://127.0.0.1:1/none', schema });
      await expect(attempt).rejects.toMatchObject({ code: 'invalid-argument' });
    },
  );

  test('refuses a schema for SQLite', async () => {
    await expect(openDatabase({ sqlitePath: ':memory:', schema: 'concord' })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  test('an unreachable PostgreSQL fails at open, naming the server but not the password', async () => {
    const attempt = openDatabase({ url: 'postgres://concord:s3cret@127.0.0.1:1/registry' });
    await expect(attempt).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('127.0.0.1:1/registry') });
    await expect(attempt).rejects.not.toMatchObject({ message: expect.stringContaining('s3cret') });
  });
});

describe('SQLite files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'concord-open-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('creates missing folders on the way to the file', async () => {
    const path = join(folder, 'nested', 'deeper', 'registry.db');
    const database = await openDatabase({ sqlitePath: path });
    await database.close();
    expect(existsSync(path)).toBe(true);
  });

  test(':memory: opens a private database per handle', async () => {
    const [a, b] = await Promise.all([openDatabase({ sqlitePath: ':memory:' }), openDatabase({ sqlitePath: ':memory:' })]);
    try {
      expect(await migrateToLatest(a.db)).toHaveLength(Object.keys(MIGRATIONS).length);
      await createPrincipalStore(a.db).createPrincipal({ id: 'only-in-a', name: 'A', role: 'reader' });
      expect(await migrateToLatest(b.db)).toHaveLength(Object.keys(MIGRATIONS).length);
      expect(await createPrincipalStore(b.db).getPrincipal('only-in-a')).toBeUndefined();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test.each([
    ['journal_mode', 'wal'],
    ['synchronous', 2],
    ['busy_timeout', SQLITE_BUSY_TIMEOUT_MS],
    ['foreign_keys', 1],
  ])('sets pragma %s to %s', async (pragma, expected) => {
    const database = await openDatabase({ sqlitePath: join(folder, `pragma-${pragma}.db`) });
    try {
      const { rows } = await sql<Record<string, unknown>>`pragma ${sql.raw(pragma)}`.execute(database.db);
      expect(Object.values(rows[0] ?? {})).toEqual([expected]);
    } finally {
      await database.close();
    }
  });
});

describe('SQLite locking', () => {
  let fresh: TestDatabase | undefined;
  afterEach(async () => {
    await fresh?.cleanup();
    fresh = undefined;
  });

  test.each([
    ['read write', 'busy'],
    ['read only', 'free'],
  ] as const)('a %s transaction holds the write lock from its start: another process finds it %s', async (accessMode, expected) => {
    fresh = await freshDatabase('sqlite');
    const location = fresh.location;
    const probe = await fresh.database.db
      .transaction()
      .setAccessMode(accessMode)
      .execute(async (trx) => {
        await trx.selectFrom('principals').selectAll().execute();
        return probeSqliteWriteLock(location);
      });
    expect(probe).toBe(expected);
  });

  test('handles on one file in one process wait for each other instead of failing', async () => {
    fresh = await freshDatabase('sqlite');
    const other = await fresh.openAnother();
    const order: string[] = [];
    await Promise.all([
      fresh.database.db.transaction().execute(async (trx) => {
        await createPrincipalStore(trx).createPrincipal({ id: 'first', name: 'First', role: 'reader' });
        await sleep(200);
        order.push('first committed');
      }),
      sleep(20).then(async () => {
        await createPrincipalStore(other.db).createPrincipal({ id: 'second', name: 'Second', role: 'reader' });
        order.push('second written');
      }),
    ]);
    expect(order).toEqual(['first committed', 'second written']);
  });

  test.each([
    ['shorter than', 'waits and succeeds', 500],
    ['one second past', 'fails with SQLITE_BUSY', SQLITE_BUSY_TIMEOUT_MS + 1_000],
  ])('another process holding the write lock %s the busy timeout: a write %s', async (_when, _outcome, holdMs) => {
    fresh = await freshDatabase('sqlite');
    const holder = await holdSqliteWriteLock(fresh.location, holdMs);
    const started = Date.now();
    const write = createPrincipalStore(fresh.database.db).createPrincipal({ name: 'Waiter', role: 'reader' });
    if (holdMs < SQLITE_BUSY_TIMEOUT_MS) {
      await expect(write).resolves.toMatchObject({ name: 'Waiter' });
    } else {
      await expect(write).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(SQLITE_BUSY_TIMEOUT_MS - 100);
    }
    expect((await holder.done).code).toBe(0);
  });
});

describe.each(STORAGE_TARGETS.filter((target) => target.dialect === 'postgres'))('PostgreSQL pools', (target) => {
  describe.skipIf(!target.available)('openDatabase', () => {
    let fresh: TestDatabase | undefined;
    afterEach(async () => {
      await fresh?.cleanup();
      fresh = undefined;
    });

    test('works in the schema it was given', async () => {
      fresh = await freshDatabase('postgres');
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(fresh.database.db);
      expect(rows[0]?.schema).toBe(fresh.location);
    });

    test('opens at most PG_POOL_MAX connections: one query past it waits for a free one', async () => {
      fresh = await freshDatabase('postgres');
      const { db } = fresh.database;
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: PG_POOL_MAX + 1 }, () =>
          sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.3)`.execute(db),
        ),
      );
      const pids = new Set(results.map((result) => result.rows[0]?.pid));
      expect(pids.size).toBe(PG_POOL_MAX);
      expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    });
  });
});
