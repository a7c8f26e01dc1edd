import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pino from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { bootstrapAdmin } from '../../../registry/auth/bootstrap-admin.js';
import { createRegistry } from '../../../registry/create-registry.js';
import type { Registry } from '../../../registry/create-registry.js';
import { createPrincipalStore } from '../../../registry/storage/principal-store.js';
import { ADMIN_TOKEN, asAdmin, ordersDocument } from '../http/registry-harness.js';
import { freshDatabase } from './storage-targets.js';
import type { TestDatabase } from './storage-targets.js';

/*
 * A full disk, for real: SQLite's `max_page_count` caps the registry's own connection at the
 * pages the file has, so the next write that needs a page fails with SQLITE_FULL exactly as on a
 * full filesystem, without a size-limited mount.
 */

let database: TestDatabase;
let registry: Registry;
let logged: string[];

beforeEach(async () => {
  database = await freshDatabase('sqlite');
  logged = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString('utf8'));
      done();
    },
  });
  await bootstrapAdmin(createPrincipalStore(database.database.db), { adminToken: ADMIN_TOKEN });
  registry = createRegistry({ database: database.database, adminToken: ADMIN_TOKEN, logger: pino({ level: 'error' }, sink), processMetrics: false, webhooks: { start: false } });
});

afterEach(async () => {
  await registry.close();
  await database.cleanup();
});

async function fillTheDisk(): Promise<number> {
  const { db } = database.database;
  const pages = Number((await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]?.page_count);
  // The WAL holds pages the file does not have yet; a checkpoint puts them in, so page_count is all of them.
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
  const settled = Number((await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]?.page_count);
  await sql.raw(`pragma max_page_count = ${Math.max(pages, settled)}`).execute(db);
  return Math.max(pages, settled);
}

const big = (version: string) =>
  ordersDocument(version, { description: 'a long description that needs pages of its own '.repeat(400) });

describe('a full disk on SQLite', () => {
  test('a publish answers 507 naming the cause, logs SQLITE_FULL, stores nothing, and works once there is room', async () => {
    expect((await request(registry.app).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
    await registry.settled();
    const pages = await fillTheDisk();
    const versions = async () => (await request(registry.app).get('/api/contracts/commerce.orders/versions').set(asAdmin)).body.versions.length as number;

    const refused = await request(registry.app).post('/api/contracts').set(asAdmin).send(big('1.1.0'));
    expect(refused.status, JSON.stringify(refused.body)).toBe(507);
    expect(refused.body.error.code).toBe('storage-full');
    expect(refused.body.error.message).toContain('SQLITE_FULL');
    expect(refused.body.error.message).toContain('nothing was stored');
    const log = logged.join('');
    expect(log).toContain('request failed: SQLITE_FULL');
    expect(log).toContain('database or disk is full');
    expect(log).not.toContain('cannot rollback');
    expect(await versions()).toBe(1);

    await sql.raw(`pragma max_page_count = ${pages * 100}`).execute(database.database.db);
    expect((await request(registry.app).post('/api/contracts').set(asAdmin).send(big('1.1.0'))).status).toBe(201);
    expect(await versions()).toBe(2);
  });
});
