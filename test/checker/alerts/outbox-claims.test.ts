import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createAlertDispatcher } from '../../../checker/alerts/dispatcher.js';
import { CLAIM_LEASE_MS, createAlertOutbox } from '../../../checker/alerts/outbox.js';
import type { AlertOutbox, NewDelivery } from '../../../checker/alerts/outbox.js';
import { alertAddressPolicy } from '../../../checker/alerts/webhook-url.js';
import { REPO_ROOT } from '../../e2e/registry-process.js';
import { startReceiver } from '../../registry/http/webhook-receiver.js';
import type { Receiver } from '../../registry/http/webhook-receiver.js';

const DISPATCH = fileURLToPath(new URL('./dispatch-outbox.ts', import.meta.url));
const LOOPBACK_ALLOWED = alertAddressPolicy(true);

function deliveries(url: string, count: number): NewDelivery[] {
  return Array.from({ length: count }, (_, n) => ({ alertId: `alert-${n}`, url, format: 'json' as const, for: 'owner', payload: { n } }));
}

interface Child {
  readonly ready: Promise<void>;
  go(): void;
  readonly result: Promise<{ sent: string[]; pending: number }>;
}

/** A dispatcher process over `dir` that starts sending when told to. */
function dispatcherProcess(dir: string): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', DISPATCH, dir], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  let stdout = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.startsWith('ready\n')) onReady();
  });
  const result = new Promise<{ sent: string[]; pending: number }>((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`dispatcher exited ${code}: ${stdout}`));
      else resolve(JSON.parse(stdout.split('\n')[1] ?? '') as { sent: string[]; pending: number });
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), result };
}

describe('one outbox folder, several dispatchers: each delivery is sent by one of them', () => {
  let dir: string;
  let receiver: Receiver | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concord-outbox-'));
  });
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  test('two dispatcher processes racing over 50 pending deliveries send each exactly once', async () => {
    // A slow receiver keeps both processes busy at the same time, so they really race.
    receiver = await startReceiver(() => 200, () => new Promise((resolve) => setTimeout(resolve, 15)));
    const outbox = createAlertOutbox({ dir });
    await outbox.enqueue(deliveries(receiver.url, 50), new Date());
    const children = [dispatcherProcess(dir), dispatcherProcess(dir)];
    await Promise.all(children.map((child) => child.ready));
    for (const child of children) child.go();
    const [a, b] = await Promise.all(children.map((child) => child.result));
    const ids = receiver.received.map((request) => request.headers['x-concord-delivery-id']);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    expect((a?.sent.length ?? 0) + (b?.sent.length ?? 0)).toBe(50);
    expect(a?.sent.length).toBeGreaterThan(0);
    expect(b?.sent.length).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'pending'))).toEqual([]);
    expect(readdirSync(join(dir, 'inflight'))).toEqual([]);
    expect(readdirSync(join(dir, 'sent'))).toHaveLength(50);
  }, 60_000);

  test('of two claims of one delivery only the first wins, and a delivery already sent cannot be claimed again', async () => {
    const first = createAlertOutbox({ dir });
    const second = createAlertOutbox({ dir });
    const [queued] = await first.enqueue(deliveries('http://127.0.0.1:9/hook', 1), new Date());
    const id = queued?.id ?? '';
    const claims = await Promise.all([first.claim(id, new Date()), second.claim(id, new Date())]);
    expect(claims.filter((claim) => claim !== undefined)).toHaveLength(1);
    expect(await first.enqueue(deliveries('http://127.0.0.1:9/hook', 1), new Date())).toEqual([]);
    const winner = claims.find((claim) => claim !== undefined);
    if (winner === undefined) throw new Error('expected a claim');
    await first.markDelivered(winner, new Date());
    expect(await second.claim(id, new Date())).toBeUndefined();
  });

  /** Claims every pending delivery through `outbox` and never settles them: a dispatcher that died mid-send. */
  async function abandonClaims(outbox: AlertOutbox): Promise<void> {
    for (const delivery of await outbox.pending()) await outbox.claim(delivery.id, new Date());
  }

  test('a claim older than the lease is taken back and sent; a fresh claim is left to its owner', async () => {
    receiver = await startReceiver();
    const crashed = createAlertOutbox({ dir });
    const [stale, fresh] = await crashed.enqueue(deliveries(receiver.url, 2), new Date());
    await abandonClaims(crashed);
    const inflight = readdirSync(join(dir, 'inflight'));
    expect(inflight).toHaveLength(2);
    const staleFile = inflight.find((name) => name.startsWith(`${stale?.id}.`)) ?? '';
    const old = new Date(Date.now() - CLAIM_LEASE_MS - 5_000);
    utimesSync(join(dir, 'inflight', staleFile), old, old);

    const dispatcher = createAlertDispatcher({ outbox: createAlertOutbox({ dir }), policy: LOOPBACK_ALLOWED });
    const outcomes = await dispatcher.runOnce();
    expect(outcomes.map((outcome) => [outcome.kind, outcome.message.delivery.id])).toEqual([['delivered', stale?.id]]);
    expect(receiver.received.map((request) => request.headers['x-concord-delivery-id'])).toEqual([stale?.id]);
    expect(readdirSync(join(dir, 'inflight'))).toEqual([expect.stringMatching(new RegExp(`^${fresh?.id}\\.`))]);
    expect(await dispatcher.runOnce()).toEqual([]);
    expect(receiver.received).toHaveLength(1);
  });

  test('a delivery that failed goes back to pending with its attempt counted, due later, and is not claimed before then', async () => {
    receiver = await startReceiver(() => 503);
    const outbox = createAlertOutbox({ dir });
    await outbox.enqueue(deliveries(receiver.url, 1), new Date());
    const dispatcher = createAlertDispatcher({ outbox, policy: LOOPBACK_ALLOWED, schedule: { baseDelayMs: 60_000, maxDelayMs: 60_000, maxAttempts: 5, jitter: 'none' } });
    expect((await dispatcher.runOnce()).map((outcome) => outcome.kind)).toEqual(['retry']);
    expect(await outbox.pending()).toEqual([expect.objectContaining({ attempts: 1, lastError: 'the receiver answered HTTP 503' })]);
    expect(readdirSync(join(dir, 'inflight'))).toEqual([]);
    expect(await dispatcher.runOnce()).toEqual([]);
    expect(receiver.received).toHaveLength(1);
  });
});
