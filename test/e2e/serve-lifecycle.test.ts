import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SHUTDOWN_GRACE_MS } from '../../cli/graceful-shutdown.js';
import { createRegistryClient } from '../../registry/client/registry-client.js';
import { startRegistry } from './registry-process.js';
import type { RegistryProcess } from './registry-process.js';

const TOKEN_LINE = /shown only this once/;
const TOKEN = /cnc_[A-Za-z0-9_-]{43}/g;
const ADMIN_TOKEN = 'lifecycle-admin-token-0123456789abcdefghijk';

let folder: string;
const started: RegistryProcess[] = [];

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'concord-serve-'));
});

afterAll(async () => {
  for (const server of started) await server.stop('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

async function start(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<RegistryProcess> {
  const server = await startRegistry(args, env);
  started.push(server);
  return server;
}

/** A contract body, sent in two halves so the request is surely in flight between them. */
function halfSentPublish(url: string, token: string, version: string): { readonly finish: () => void; readonly answer: Promise<IncomingMessage> } {
  const body = JSON.stringify({
    contract: 'lifecycle.slow',
    version,
    owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
    schema: { type: 'object', properties: { id: { type: 'string' } } },
  });
  const half = Math.floor(body.length / 2);
  const target = new URL('/api/contracts', url);
  let finish!: () => void;
  const answer = new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
    });
    outgoing.on('response', resolve);
    outgoing.on('error', reject);
    outgoing.write(body.slice(0, half));
    outgoing.flushHeaders();
    finish = () => outgoing.end(body.slice(half));
  });
  return { finish, answer };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the admin token', () => {
  test('is generated and printed once on the first start, and not on the next', async () => {
    const db = join(folder, 'token.db');
    const first = await start(['--db', db, '--seed-examples']);
    await first.waitFor(/seeded example contracts: .*\n/);
    expect(first.stdout()).toMatch(/^concord registry listening on http:\/\/127\.0\.0\.1:\d+ \(SQLite file .*token\.db\)/m);
    expect(first.stderr()).toMatch(TOKEN_LINE);
    const tokens = first.stderr().match(TOKEN) ?? [];
    expect(tokens).toHaveLength(1);
    const admin = createRegistryClient({ baseUrl: first.url, token: tokens[0] });
    expect((await admin.listAudit({ limit: 1 })).total).toBeGreaterThan(0);
    expect((await admin.health()).database).toBe('sqlite');
    expect(first.stdout()).toMatch(/seeded example contracts: .*commerce\.orders 1\.4\.0, commerce\.orders 2\.1\.0/);
    expect((await admin.listContracts()).items.map((item) => item.contract)).toEqual(
      expect.arrayContaining(['commerce.customers', 'commerce.orders', 'commerce.payments']),
    );
    expect(await first.stop('SIGINT')).toBe(0);

    const second = await start(['--db', db, '--seed-examples']);
    expect(second.stderr()).not.toMatch(TOKEN_LINE);
    expect(second.stderr()).not.toMatch(TOKEN);
    expect(second.stdout()).not.toMatch(/seeded/);
    // The token printed on the first start still works.
    expect((await createRegistryClient({ baseUrl: second.url, token: tokens[0] }).listAudit({ limit: 1 })).total).toBeGreaterThan(0);
    expect(await second.stop()).toBe(0);
  }, 90_000);

  test('is not generated when CONCORD_ADMIN_TOKEN is set, and a short one is refused', async () => {
    const db = join(folder, 'configured.db');
    const server = await start(['--db', db], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(server.stderr()).not.toMatch(TOKEN);
    expect((await createRegistryClient({ baseUrl: server.url, token: ADMIN_TOKEN }).listAudit()).total).toBeGreaterThanOrEqual(0);
    expect(await server.stop()).toBe(0);
    await expect(startRegistry(['--db', db], { CONCORD_ADMIN_TOKEN: 'changeme' })).rejects.toThrow(/at least 32/);
  }, 60_000);
});

describe('graceful shutdown', () => {
  test('finishes a request in flight, then exits 0', async () => {
    const server = await start(['--db', join(folder, 'drain.db')], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
    const slow = halfSentPublish(server.url, ADMIN_TOKEN, '1.0.0');
    await pause(300);
    server.child.kill('SIGTERM');
    await pause(300);
    slow.finish();
    const answer = await slow.answer;
    expect(answer.statusCode).toBe(201);
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toMatch(/stopped/);
  }, 60_000);

  test(`cuts a request still in flight ${SHUTDOWN_GRACE_MS} ms after the signal`, async () => {
    const server = await start(['--db', join(folder, 'cut.db')], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
    const stuck = halfSentPublish(server.url, ADMIN_TOKEN, '1.0.0');
    const outcome = stuck.answer.then(
      () => 'answered',
      () => 'cut',
    );
    await pause(300);
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(SHUTDOWN_GRACE_MS);
    expect(took).toBeLessThan(SHUTDOWN_GRACE_MS + 5_000);
    expect(await outcome).toBe('cut');
    expect(server.stderr()).toMatch(/cut/);
  }, 60_000);
});
