import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createRegistryClient } from '../../registry/client/registry-client.js';
import { startRegistry } from './registry-process.js';
import type { RegistryProcess } from './registry-process.js';

/*
 * kill -9 in the middle of a stream of publishes: after a restart on the same SQLite file every
 * acknowledged version is there, and nothing half-written is — versions, audit entries and metric
 * rows agree, and SQLite finds the file intact.
 */

const ADMIN_TOKEN = 'crash-test-admin-token-0123456789abcdefghij';
const CONTRACT = 'crash.events';
/** Publishes acknowledged before the kill is armed; enough to be a stream, few enough to stay quick. */
const ACKS_BEFORE_KILL = 12;
/** Hard stop for the stream, should the kill never land. */
const MAX_PUBLISHES = 200;

let folder: string;
const servers: RegistryProcess[] = [];

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'concord-crash-'));
});

afterAll(async () => {
  for (const server of servers) await server.stop('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

function versionOf(n: number): string {
  return `1.${n}.0`;
}

/** Version n adds the optional field f<n>: an addition, so each is a valid minor release. */
function contractVersion(n: number): Record<string, unknown> {
  const properties: Record<string, unknown> = { id: { type: 'string' }, amount: { type: 'number' } };
  for (let i = 1; i <= n; i += 1) properties[`f${i}`] = { type: 'string' };
  return {
    contract: CONTRACT,
    version: versionOf(n),
    title: 'Crash test events',
    owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
    compatibility: 'forward',
    schema: { type: 'object', properties, required: ['id'] },
    metrics: [
      { name: 'crash_event_count', type: 'simple', aggregation: 'count', expression: 'id' },
      { name: 'crash_amount', type: 'simple', aggregation: 'sum', expression: 'amount' },
    ],
  };
}

async function start(db: string): Promise<RegistryProcess> {
  const server = await startRegistry(['--db', db], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
  servers.push(server);
  return server;
}

test('every acknowledged publish survives kill -9, and nothing half-written remains', async () => {
  const db = join(folder, 'registry.db');
  const first = await start(db);
  const client = createRegistryClient({ baseUrl: first.url, token: ADMIN_TOKEN, timeoutMs: 10_000 });

  const acknowledged: string[] = [];
  let killed = false;
  for (let n = 1; n <= MAX_PUBLISHES && !killed; n += 1) {
    const publish = client.publish(contractVersion(n));
    if (acknowledged.length === ACKS_BEFORE_KILL) {
      // The request is on its way: kill the server while it handles it (or the ones after it).
      setTimeout(() => first.child.kill('SIGKILL'), 2);
    }
    try {
      const result = await publish;
      expect(result.status).toBe(201);
      acknowledged.push(result.version);
    } catch (error) {
      killed = true;
      expect((error as { detail?: { remote?: { code?: string } } }).detail?.remote?.code).toMatch(/unreachable|timeout/);
    }
  }
  expect(killed).toBe(true);
  expect(await first.exited).toBe('SIGKILL');
  expect(acknowledged.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

  const second = await start(db);
  const after = createRegistryClient({ baseUrl: second.url, token: ADMIN_TOKEN });
  const listed = (await after.listVersions(CONTRACT)).versions.map((v) => v.version);
  // Every acknowledged version is there; at most the one in flight was committed unacknowledged.
  expect(listed.slice(0, acknowledged.length)).toEqual(acknowledged);
  expect(listed.length - acknowledged.length).toBeLessThanOrEqual(1);
  expect(listed).toEqual(Array.from({ length: listed.length }, (_, i) => versionOf(i + 1)));

  const audit = await after.listAudit({ contract: CONTRACT, limit: 200 });
  const audited = audit.items.filter((entry) => entry.action === 'contract.publish').map((entry) => entry.toVersion);
  expect([...audited].sort()).toEqual([...listed].sort());

  const latest = await after.getVersion(CONTRACT, 'latest');
  expect(latest.version).toBe(listed.at(-1));
  // The registry takes the next version as if nothing had happened.
  const next = await after.publish(contractVersion(listed.length + 1));
  expect(next.status).toBe(201);
  expect(await second.stop('SIGTERM')).toBe(0);

  const file = new BetterSqlite3(db, { readonly: true });
  try {
    expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
    const metricRows = file
      .prepare('select version, count(*) as n from metric_definitions where contract_id = ? group by version')
      .all(CONTRACT) as { version: string; n: number }[];
    const stored = [...listed, next.version];
    expect(metricRows.map((row) => row.version).sort()).toEqual([...stored].sort());
    expect(metricRows.every((row) => row.n === 2)).toBe(true);
    const versionRows = file.prepare('select count(*) as n from contract_versions where contract_id = ?').get(CONTRACT) as { n: number };
    expect(versionRows.n).toBe(stored.length);
  } finally {
    file.close();
  }
}, 120_000);
