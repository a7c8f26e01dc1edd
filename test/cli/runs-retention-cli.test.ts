import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveConfig } from '../../cli/serve-config.js';
import { createContractStore } from '../../registry/storage/contract-store.js';
import { migrateToLatest } from '../../registry/storage/migrate.js';
import { openDatabase } from '../../registry/storage/open-database.js';
import { startRegistry } from '../e2e/registry-process.js';
import type { RegistryProcess } from '../e2e/registry-process.js';
import { acceptAll, addPublisher, publishInput, recordRunAt, sampleContract } from '../registry/storage/storage-targets.js';
import { runCli } from './run-cli.js';

const ADMIN_TOKEN = 'cli-retention-admin-token-0123456789abcdef';
const DAY_MS = 86_400_000;

describe('serve --run-retention settings', () => {
  test.each([
    [{}, {}, undefined],
    [{ runRetention: '90d' }, {}, 90 * 86_400],
    [{}, { CONCORD_RUN_RETENTION: '12h' }, 12 * 3_600],
    [{ runRetention: '2w' }, { CONCORD_RUN_RETENTION: '12h' }, 14 * 86_400],
    [{}, { CONCORD_RUN_RETENTION: '' }, undefined],
  ])('flags %j and environment %j keep runs for %s seconds', (flags, env, seconds) => {
    expect(serveConfig(flags, env).runRetentionSeconds).toBe(seconds);
  });

  test.each([
    [{ runRetention: 'forever' }, {}, /--run-retention "forever" is not a duration: .*like 90d/],
    [{ runRetention: '0d' }, {}, /--run-retention "0d" is not a duration/],
    [{}, { CONCORD_RUN_RETENTION: '2026-08-01' }, /CONCORD_RUN_RETENTION "2026-08-01" is not a duration/],
  ])('refuses flags %j and environment %j', (flags, env, message) => {
    expect(() => serveConfig(flags, env)).toThrow(message);
  });

  test('serve --help documents the option, its variable and what is kept', async () => {
    const result = await runCli(['serve', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--run-retention <age>\s+delete check runs older than this \(e\.g\. 90d\) at start\s+and hourly/);
    expect(result.stdout).toMatch(/CONCORD_RUN_RETENTION/);
    expect(result.stdout).toMatch(/except the newest run of every\s+contract and source/);
  }, 30_000);
});

describe('retention through a real registry and the concord CLI', () => {
  let folder: string;
  let server: RegistryProcess;

  /** The runs of commerce.orders as "source age" labels, recorded `ageDays` before now. */
  const HISTORY: readonly (readonly [string, number])[] = [
    ['prod', 90],
    ['staging', 60],
    ['prod', 45],
    ['prod', 10],
    ['prod', 3],
  ];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'concord-retention-'));
    const database = await openDatabase({ sqlitePath: join(folder, 'registry.db') });
    try {
      await migrateToLatest(database.db);
      await addPublisher(database);
      await createContractStore(database.db).publish(publishInput(sampleContract('1.0.0')), acceptAll);
      for (const [source, ageDays] of HISTORY) {
        await recordRunAt(database.db, source, new Date(Date.now() - ageDays * DAY_MS), `${source} ${ageDays}d`);
      }
    } finally {
      await database.close();
    }
    server = await startRegistry(['--db', join(folder, 'registry.db'), '--run-retention', '30d'], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const listed = async (): Promise<string[]> => {
    const response = await fetch(`${server.url}/api/contracts/commerce.orders/runs`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const body = (await response.json()) as { items: { sourceDescription: string }[] };
    return body.items.map((run) => run.sourceDescription);
  };

  test('the server prunes on start and logs the count; concord runs prune prints what it deleted', async () => {
    await server.waitFor(/run retention deleted 2 check runs recorded before/);
    expect(await listed()).toEqual(['prod 3d', 'prod 10d', 'staging 60d']);

    const pruned = await runCli(['runs', 'prune', '--older-than', '5d', '--url', server.url, '--token', ADMIN_TOKEN]);
    expect(pruned).toMatchObject({ code: 0, stdout: 'deleted 1 check runs older than 5d\n' });
    expect(await listed()).toEqual(['prod 3d', 'staging 60d']);

    const json = await runCli(['runs', 'prune', '--older-than', '1d', '--keep', '2', '--contract', 'commerce.orders', '--format', 'json', '--url', server.url, '--token', ADMIN_TOKEN]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ deleted: 0 });
    expect(await listed()).toEqual(['prod 3d', 'staging 60d']);
  }, 60_000);

  test('the registry refuses a bad age with a message naming it, and --keep is checked before any request', async () => {
    const bad = await runCli(['runs', 'prune', '--older-than', 'soon', '--url', server.url, '--token', ADMIN_TOKEN]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"soon" is neither a duration nor an ISO date/);
    const keep = await runCli(['runs', 'prune', '--older-than', '1d', '--keep', '0', '--url', 'http://127.0.0.1:9', '--token', ADMIN_TOKEN]);
    expect(keep.code).toBe(2);
    expect(keep.stderr).toMatch(/--keep 0 is not a whole number of at least 1/);
    expect(await listed()).toEqual(['prod 3d', 'staging 60d']);
  }, 60_000);
});
