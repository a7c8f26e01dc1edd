import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRegistryClient } from '../../../registry/client/index.js';
import { startRegistry } from '../../e2e/registry-process.js';
import type { RegistryProcess } from '../../e2e/registry-process.js';
import { concord } from '../../e2e/run-concord.js';
import { startReceiver } from '../../registry/http/webhook-receiver.js';
import type { Receiver } from '../../registry/http/webhook-receiver.js';
import { ordersContractText } from './orders-contract.js';

const ADMIN_TOKEN = 'jobs-registry-admin-token-0123456789abcdef';
const CONTRACT = ordersContractText();

function writeFeed(file: string, breaking: boolean): void {
  const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ order_id: `o${i}`, amount: breaking ? `${i}.5` : i + 0.5 }));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('concord jobs with a registry: run history, a checker principal and consumer routing', () => {
  let dir: string;
  let registry: RegistryProcess;
  const receivers: Record<'owner' | 'pinned' | 'other', Receiver | undefined> = { owner: undefined, pinned: undefined, other: undefined };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-jobs-registry-'));
    // The consumers register webhooks on 127.0.0.1, which the registry accepts only when told to.
    registry = await startRegistry(['--db', join(dir, 'registry.db'), '--webhook-allow-private'], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
    receivers.owner = await startReceiver();
    receivers.pinned = await startReceiver();
    receivers.other = await startReceiver();
  }, 120_000);

  afterAll(async () => {
    await registry.stop();
    for (const receiver of Object.values(receivers)) await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('runs are recorded by the checker principal, and the owner and the consumer pinned to the version hear the transition', async () => {
    const admin = createRegistryClient({ baseUrl: registry.url, token: ADMIN_TOKEN });
    await admin.publish(CONTRACT);
    await admin.publish(CONTRACT.replace('version: 1.0.0', 'version: 2.0.0').replace('amount: { type: number }', 'amount: { type: number }\n    note: { type: string }'));
    const checker = await admin.createToken({ name: 'checker-commerce', role: 'publisher', namespaces: ['commerce'] });
    const contact = { name: 'Sam Lee', email: 'sam@example.com' };
    await admin.putConsumer('agents.router', { contact, webhook: receivers.pinned?.url ?? '' });
    await admin.pin('agents.router', 'commerce.orders', { range: '^1' });
    await admin.putConsumer('agents.pricing', { contact, webhook: receivers.other?.url ?? '' });
    await admin.pin('agents.pricing', 'commerce.orders', { range: '^2' });

    const feed = join(dir, 'orders.jsonl');
    const jobs = join(dir, 'jobs.yaml');
    writeFileSync(jobs, `alerts:\n  owner: ['${receivers.owner?.url ?? ''}']\n  allow-private: true\njobs:\n  - { name: orders-v1, contract: 'commerce.orders@^1', source: '${feed}', every: 1h, retry: { attempts: 1 } }\n`);
    const env = { CONCORD_URL: registry.url, CONCORD_TOKEN: checker.token };
    writeFeed(feed, false);
    expect((await concord(['jobs', 'run-once', '--file', jobs], env)).code).toBe(0);
    writeFeed(feed, true);
    const breaking = await concord(['jobs', 'run-once', '--file', jobs], env);
    expect(breaking.code).toBe(1);

    const runs = await admin.listRuns('commerce.orders');
    expect(runs.items.map((run) => [run.verdict, run.version, run.recordedBy])).toEqual([
      ['breaking', '1.0.0', checker.principal.id],
      ['pass', '1.0.0', checker.principal.id],
    ]);
    expect(receivers.owner?.received.map((request) => request.body.event)).toEqual(['concord.check.breaking']);
    expect(receivers.pinned?.received.map((request) => request.body.event)).toEqual(['concord.check.breaking']);
    expect(receivers.other?.received).toHaveLength(0);
  }, 120_000);
});
