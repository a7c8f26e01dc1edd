import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { openContract, type ContractHandle, type MarkEvent, type OpenContractOptions, type UpdateEvent } from '../../agent/index.js';
import { createRegistryClient } from '../../registry/client/index.js';
import { ordersDocument } from '../registry/http/registry-harness.js';
import { startLiveRegistry, type LiveRegistry } from './live-registry.js';

/*
 * The SDK against a real registry (the real app on a real SQLite file, on a loopback port),
 * through the same steps an agent goes through: open, validate, lose the registry, come back,
 * hear of a yank, report telemetry. The tests run in order and share the registry.
 */

const CONTACT = { name: 'Ada Agent', email: 'ada.agent@example.com' };
const GOOD = { order_id: 'o-1', customer_id: 'c-1', amount: 12.5 };
const BAD = { order_id: 'o-2', amount: 'twelve' };

let live: LiveRegistry;
let consumerToken: string;
const cacheDirs: string[] = [];
const handles: ContractHandle[] = [];

function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'concord-agent-'));
  cacheDirs.push(dir);
  return dir;
}

async function open(options: Partial<OpenContractOptions> & { readonly cacheDir: string }): Promise<ContractHandle> {
  const handle = await openContract({ url: live.url, token: consumerToken, ref: 'commerce.orders@^1', consumer: 'agents.router', pollInterval: 0, telemetry: 0, ...options });
  handles.push(handle);
  return handle;
}

function nextEvent<T>(handle: ContractHandle, event: 'update' | 'deprecated' | 'yanked'): Promise<T> {
  return new Promise((resolve) => handle.on(event, (payload) => resolve(payload as T)));
}

beforeAll(async () => {
  live = await startLiveRegistry();
  await live.admin.publish(ordersDocument('1.0.0', { schema: { ...(ordersDocument('1.0.0').schema as object), properties: { ...((ordersDocument('1.0.0').schema as { properties: object }).properties), email: { type: 'string', pii: true, description: 'Where receipts go.' } } } }));
  consumerToken = (await live.admin.createToken({ name: 'router agent', role: 'consumer' })).token;
}, 60_000);

afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
  live.failTelemetry = false;
});

afterAll(async () => {
  await live.close();
  for (const dir of cacheDirs) rmSync(dir, { recursive: true, force: true });
});

describe('openContract against a real registry', () => {
  const shared = { dir: '' };

  test('opens the pinned version, registers the consumer with its fields, and describes the fields', async () => {
    shared.dir = cacheDir();
    const handle = await open({ cacheDir: shared.dir, fields: ['order_id', 'amount'], register: { contact: CONTACT } });
    expect(handle.version).toBe('1.0.0');
    expect(handle.stale).toBe(false);
    expect(handle.since).toBeUndefined();
    expect(handle.metrics.map((metric) => metric.name)).toEqual(['net_revenue']);
    expect(handle.describe()).toEqual(expect.arrayContaining([
      { field: 'order_id', type: ['string'], required: true, pii: false },
      { field: 'email', type: ['string'], required: false, pii: true, description: 'Where receipts go.' },
      { field: 'customer.tier', type: ['string'], required: false, pii: false },
    ]));
    const consumer = await live.admin.getConsumer('agents.router');
    expect(consumer.pins).toEqual([expect.objectContaining({ contract: 'commerce.orders', range: '^1', fields: ['order_id', 'amount'] })]);
    // Written atomically: the cache folder holds the one file, no temporary left behind.
    expect(readdirSync(shared.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(shared.dir)).toHaveLength(1);
  });

  test('opening again confirms the same pin without writing it', async () => {
    const before = live.requests.length;
    await open({ cacheDir: shared.dir, fields: ['order_id', 'amount'], register: { contact: CONTACT } });
    expect(live.requests.slice(before).filter((line) => line.startsWith('PUT'))).toEqual([]);
  });

  test.each([
    ['a good record', GOOD, true, []],
    ['a record with a wrong type and a missing field', BAD, false, [
      { field: 'customer_id', rule: 'record-required' },
      { field: 'amount', rule: 'record-type' },
    ]],
  ])('validates %s', async (_name, record, valid, errors) => {
    const handle = await open({ cacheDir: shared.dir });
    const verdict = handle.validate(record);
    expect(verdict.valid).toBe(valid);
    expect(verdict.errors.map(({ field, rule }) => ({ field, rule }))).toEqual(errors);
    const gated = handle.gate([GOOD, record]);
    expect(gated.valid).toHaveLength(valid ? 2 : 1);
    expect(gated.rejected.map((entry) => entry.record)).toEqual(valid ? [] : [record]);
  });

  test('the version and resolve routes answer 304 to the ETag they gave', async () => {
    const client = createRegistryClient({ baseUrl: live.url, token: consumerToken });
    for (const selector of [{ range: '^1' }, { version: '1.0.0' }]) {
      const first = await client.revalidate('commerce.orders', selector);
      if (!first.changed) throw new Error('a read without an ETag must answer the version');
      expect(first.etag).toMatch(/^"[\w-]+"$/);
      expect(await client.revalidate('commerce.orders', selector, first.etag ?? undefined)).toEqual({ changed: false });
      expect((await client.revalidate('commerce.orders', selector, '"another"')).changed).toBe(true);
    }
  });

  test('serves the cached contract, marked stale since its last confirmation, while the registry is down', async () => {
    await live.stop();
    try {
      const handle = await open({ cacheDir: shared.dir, ttl: 0, timeoutMs: 1_000 });
      expect(handle.stale).toBe(true);
      expect(Date.parse(handle.since ?? '')).toBeLessThanOrEqual(Date.now());
      expect(handle.version).toBe('1.0.0');
      expect(handle.validate(GOOD).valid).toBe(true);
      expect(handle.validate(BAD).valid).toBe(false);
    } finally {
      await live.start();
    }
  });

  test('a stale handle is fresh again once a poll reaches the registry', async () => {
    await live.stop();
    const handle = await open({ cacheDir: shared.dir, ttl: 0, timeoutMs: 1_000 }).finally(() => live.start());
    expect(handle.stale).toBe(true);
    await handle.refresh();
    expect(handle.stale).toBe(false);
    expect(handle.since).toBeUndefined();
  });

  test('with an empty cache and no registry, opening fails saying so', async () => {
    await live.stop();
    try {
      await expect(open({ cacheDir: cacheDir(), timeoutMs: 1_000 })).rejects.toThrow(/cannot open commerce.orders@\^1: the registry gave no answer .* and there is no cached copy in /);
    } finally {
      await live.start();
    }
  });

  test('telemetry reaches the registry and shows on the contract\'s consumer, with field names and no values', async () => {
    // Handles closed by earlier tests sent their counts already; this test counts what it adds.
    const usageNow = async () => (await live.admin.listContractConsumers('commerce.orders')).items.find((item) => item.consumer === 'agents.router')?.usage;
    const before = await usageNow();
    const handle = await open({ cacheDir: shared.dir });
    for (const record of [GOOD, GOOD, GOOD, BAD, { ...BAD, amount: 'secret-amount-value' }]) handle.validate(record);
    await handle.flushTelemetry();
    expect(handle.telemetry).toEqual({ sent: 1, failed: 0, lastError: undefined, uncounted: 0 });
    const usage = await usageNow();
    expect(usage).toMatchObject({ versionInUse: '1.0.0', validated: (before?.validated ?? 0) + 5, rejected: (before?.rejected ?? 0) + 2 });
    expect(usage?.rejectRate).toBeCloseTo((usage?.rejected ?? 0) / (usage?.validated ?? 1));
    const fieldCount = (field: string, of: typeof usage) => of?.topFields.find((each) => each.field === field)?.count ?? 0;
    expect(fieldCount('amount', usage) - fieldCount('amount', before)).toBe(2);
    expect(fieldCount('customer_id', usage) - fieldCount('customer_id', before)).toBe(2);
    expect(Date.parse(usage?.lastSeen ?? '')).toBeGreaterThan(Date.now() - 60_000);
    const stored = await live.database.database.db.selectFrom('consumer_telemetry').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain('secret-amount-value');
  });

  test('a registry answering 500 to telemetry does not disturb validate, and the counts go with the next batch', async () => {
    const before = (await live.admin.listContractConsumers('commerce.orders')).items[0]?.usage?.validated ?? 0;
    live.failTelemetry = true;
    const handle = await open({ cacheDir: shared.dir });
    expect(handle.validate(GOOD)).toEqual({ valid: true, errors: [] });
    await expect(handle.flushTelemetry()).resolves.toBeUndefined();
    expect(handle.validate(BAD).valid).toBe(false);
    expect(handle.telemetry).toMatchObject({ sent: 0, failed: 1 });
    expect(handle.telemetry?.lastError).toMatch(/telemetry is down/);
    live.failTelemetry = false;
    await handle.flushTelemetry();
    expect(handle.telemetry).toMatchObject({ sent: 1, failed: 1 });
    expect((await live.admin.listContractConsumers('commerce.orders')).items[0]?.usage?.validated).toBe(before + 2);
  });

  test('telemetry to a registry that is down is counted, never thrown, and close() still resolves', async () => {
    const handle = await open({ cacheDir: shared.dir, timeoutMs: 500 });
    await live.stop();
    try {
      handle.validate(GOOD);
      await handle.close();
      expect(handle.telemetry).toMatchObject({ sent: 0, failed: 1 });
    } finally {
      await live.start();
    }
  });

  test('a yank of the version in use, then a new version in range, then its deprecation, are events', async () => {
    const handle = await open({ cacheDir: shared.dir });
    const yanked = nextEvent<MarkEvent>(handle, 'yanked');
    await live.admin.yank('commerce.orders', '1.0.0', 'it double counts refunds');
    await handle.refresh();
    expect(await yanked).toMatchObject({ contract: 'commerce.orders', version: '1.0.0', mark: { reason: 'it double counts refunds' } });
    expect(handle.yanked?.reason).toBe('it double counts refunds');

    const updated = nextEvent<UpdateEvent>(handle, 'update');
    await live.admin.publish(ordersDocument('1.1.0'));
    await handle.refresh();
    expect(await updated).toEqual({ contract: 'commerce.orders', from: '1.0.0', to: '1.1.0' });
    expect(handle.version).toBe('1.1.0');
    expect(handle.yanked).toBeNull();

    const deprecated = nextEvent<MarkEvent>(handle, 'deprecated');
    await live.admin.deprecate('commerce.orders', '1.1.0', 'read 2.x from June');
    await handle.refresh();
    expect(await deprecated).toMatchObject({ version: '1.1.0', mark: { reason: 'read 2.x from June' } });
  });

  test('the poll timer finds changes by itself', async () => {
    const handle = await open({ cacheDir: shared.dir, ttl: 0, pollInterval: 50 });
    const updated = nextEvent<UpdateEvent>(handle, 'update');
    await live.admin.publish(ordersDocument('1.2.0'));
    expect(await updated).toEqual({ contract: 'commerce.orders', from: '1.1.0', to: '1.2.0' });
  });
});
