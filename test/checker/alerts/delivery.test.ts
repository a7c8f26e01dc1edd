import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Alert } from '../../../checker/alerts/alert.js';
import { createTransitionAlerts } from '../../../checker/alerts/transition-alerts.js';
import { createAlertDispatcher } from '../../../checker/alerts/dispatcher.js';
import type { AlertDeliveryOutcome as DeliveryOutcome } from '../../../checker/alerts/dispatcher.js';
import { createAlertOutbox } from '../../../checker/alerts/outbox.js';
import { createRecipientResolver } from '../../../checker/alerts/recipients.js';
import { alertFor } from '../../../checker/alerts/transitions.js';
import { createWebhookAlertSink } from '../../../checker/alerts/webhook-sink.js';
import { alertAddressPolicy } from '../../../checker/alerts/webhook-url.js';
import type { AddressPolicy, RetrySchedule } from '../../../delivery/index.js';
import { recordRun } from '../../../checker/record-run.js';
import type { RunRecording } from '../../../checker/record-run.js';
import { createFileBaselineStore } from '../../../checker/baseline/file-baseline-store.js';
import type { CheckReport, Verdict } from '../../../checker/model.js';
import { startReceiver } from '../../registry/http/webhook-receiver.js';
import type { Receiver } from '../../registry/http/webhook-receiver.js';
import { checkReport } from '../../registry/http/runs-fixture.js';

const FAST: RetrySchedule = { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 6, jitter: 'none' };
/** The test receivers listen on 127.0.0.1, which alerts reach only when the operator allows private receivers. */
const LOOPBACK_ALLOWED = alertAddressPolicy(true);
const PUBLIC_ONLY = alertAddressPolicy(false);

/** What runCheck does after one run: alert on its transition, then record it. */
async function checkRun(store: RunRecording, report: CheckReport): Promise<void> {
  await recordRun(report, store);
}

function reportOf(verdict: Verdict, n: number): CheckReport {
  return checkReport({ verdict, startedAt: new Date(Date.UTC(2026, 10, 23, 0, n)).toISOString() });
}

describe('alert delivery through the on-disk outbox to loopback receivers', () => {
  let dir: string;
  let receiver: Receiver | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concord-alerts-'));
  });
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  function pipeline(url: string, schedule: RetrySchedule = FAST, policy: AddressPolicy = LOOPBACK_ALLOWED) {
    const outbox = createAlertOutbox({ dir: join(dir, 'alerts') });
    const outcomes: DeliveryOutcome[] = [];
    const dispatcher = createAlertDispatcher({ outbox, schedule, policy, onOutcome: (outcome) => outcomes.push(outcome) });
    const sink = createWebhookAlertSink({ outbox, recipients: createRecipientResolver({ owner: [{ url }], policy }) });
    const alerts: Alert[] = [];
    const store: RunRecording = { baselines: createFileBaselineStore({ dir: join(dir, 'baselines') }), alerts: createTransitionAlerts(sink, { onAlert: (alert) => alerts.push(alert) }) };
    return { outbox, dispatcher, store, alerts, outcomes };
  }

  test('five runs (pass, breaking, breaking, pass, pass) deliver exactly two alerts', async () => {
    receiver = await startReceiver();
    const { dispatcher, store } = pipeline(receiver.url);
    const verdicts: Verdict[] = ['pass', 'breaking', 'breaking', 'pass', 'pass'];
    for (const [n, verdict] of verdicts.entries()) {
      await checkRun(store, reportOf(verdict, n));
      expect(await dispatcher.drain(2_000)).toBe(0);
    }
    expect(receiver.received.map((request) => request.body.event)).toEqual(['concord.check.breaking', 'concord.check.recovered']);
    const first = receiver.received[0];
    expect(first?.headers['content-type']).toBe('application/json');
    expect(first?.headers['x-concord-alert-id']).toBe((first?.body.alert as Alert).id);
    expect(first?.body.alert).toMatchObject({ contract: 'commerce.orders', version: '1.0.0', verdict: 'breaking', previousVerdict: 'pass' });
  });

  test('a receiver that answers 503 to the first attempts gets the alert once it is back, exactly once', async () => {
    receiver = await startReceiver((n) => (n <= 3 ? 503 : 200));
    const { dispatcher, store, outcomes } = pipeline(receiver.url);
    await checkRun(store, reportOf('pass', 0));
    await checkRun(store, reportOf('breaking', 1));
    expect(await dispatcher.drain(5_000)).toBe(0);
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((request) => (request.body.alert as Alert).id)).size).toBe(1);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['retry', 'retry', 'retry', 'delivered']);
    const waits = outcomes.slice(0, 3).map((outcome) => (outcome.kind === 'retry' ? outcome.nextAttemptAt.getTime() : 0));
    expect(waits[1]! - waits[0]!).toBeGreaterThanOrEqual(FAST.baseDelayMs);
    expect(outcomes[0]).toMatchObject({ error: 'the receiver answered HTTP 503' });
  });

  test('alerts queued while the receiver is unreachable survive a restart of the checker and are delivered by the next one', async () => {
    receiver = await startReceiver();
    const url = receiver.url;
    await receiver.close();
    const before = pipeline(url);
    await checkRun(before.store, reportOf('pass', 0));
    await checkRun(before.store, reportOf('breaking', 1));
    expect(await before.dispatcher.drain(0)).toBe(1);
    expect(before.outcomes[0]).toMatchObject({ kind: 'retry', error: expect.stringMatching(/could not be reached: ECONNREFUSED/) });

    const port = new URL(url).port;
    receiver = undefined;
    const received: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(Number(port), '127.0.0.1', () => resolve()));
    try {
      const after = pipeline(url);
      expect(await after.dispatcher.drain(3_000)).toBe(0);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ event: 'concord.check.breaking' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('the same alert sent twice (a check repeated after a crash) is delivered once', async () => {
    receiver = await startReceiver();
    const { outbox, dispatcher } = pipeline(receiver.url);
    const sink = createWebhookAlertSink({ outbox, recipients: createRecipientResolver({ owner: [{ url: receiver.url }, { url: receiver.url }], policy: LOOPBACK_ALLOWED }) });
    const alert = alertFor(reportOf('pass', 0), reportOf('breaking', 1));
    if (alert === undefined) throw new Error('expected an alert');
    await sink.send(alert);
    await dispatcher.drain(1_000);
    await sink.send({ ...alert, startedAt: '2030-01-01T00:00:00.000Z' });
    await dispatcher.drain(1_000);
    expect(receiver.received).toHaveLength(1);
  });

  test('a delivery that never succeeds is kept in failed/ after the last attempt, not dropped', async () => {
    receiver = await startReceiver(() => 500);
    const { outbox, dispatcher, store, outcomes } = pipeline(receiver.url, { baseDelayMs: 5, maxDelayMs: 10, maxAttempts: 3, jitter: 'none' });
    await checkRun(store, reportOf('breaking', 0));
    expect(await dispatcher.drain(3_000)).toBe(0);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['retry', 'retry', 'gave-up']);
    const failed = await outbox.failed();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 3, lastError: 'the receiver answered HTTP 500', for: 'owner' });
    expect(readdirSync(join(outbox.dir, 'pending'))).toEqual([]);
  });

  test('a receiver that never answers is given up on after the delivery timeout and retried', async () => {
    receiver = await startReceiver(() => 'hang');
    const outbox = createAlertOutbox({ dir: join(dir, 'alerts') });
    const outcomes: DeliveryOutcome[] = [];
    const dispatcher = createAlertDispatcher({ outbox, schedule: FAST, timeoutMs: 100, policy: LOOPBACK_ALLOWED, onOutcome: (outcome) => outcomes.push(outcome) });
    const sink = createWebhookAlertSink({ outbox, recipients: createRecipientResolver({ owner: [{ url: receiver.url }], policy: LOOPBACK_ALLOWED }) });
    const alert = alertFor(undefined, reportOf('breaking', 0));
    if (alert === undefined) throw new Error('expected an alert');
    await sink.send(alert);
    await dispatcher.runOnce();
    expect(outcomes).toEqual([expect.objectContaining({ kind: 'retry', error: expect.stringMatching(/could not be reached/) })]);
    expect(await outbox.pending()).toHaveLength(1);
  });

  test('by default a receiver whose host name resolves to 127.0.0.1 never hears the alert: the delivery is given up at once, with the reason, in failed/', async () => {
    receiver = await startReceiver();
    const byName = receiver.url.replace('127.0.0.1', 'localhost');
    const { outbox, dispatcher, store, outcomes } = pipeline(byName, FAST, PUBLIC_ONLY);
    await checkRun(store, reportOf('pass', 0));
    await checkRun(store, reportOf('breaking', 1));
    expect(await dispatcher.drain(2_000)).toBe(0);
    expect(receiver.received).toHaveLength(0);
    expect(outcomes).toEqual([expect.objectContaining({ kind: 'gave-up', error: expect.stringMatching(/^refused: localhost \((127\.0\.0\.1|::1)\) is a loopback address; set alerts\.allow-private: true in the jobs file/) })]);
    expect(await outbox.failed()).toEqual([expect.objectContaining({ url: byName, attempts: 1, lastError: outcomes[0]?.kind === 'gave-up' ? outcomes[0].error : '' })]);
  });

  test('a delivery queued for 127.0.0.1 while private receivers were allowed is refused by a dispatcher that no longer allows them, without connecting', async () => {
    receiver = await startReceiver();
    const allowed = pipeline(receiver.url);
    await checkRun(allowed.store, reportOf('breaking', 0));
    const outcomes: DeliveryOutcome[] = [];
    const strict = createAlertDispatcher({ outbox: allowed.outbox, schedule: FAST, onOutcome: (outcome) => outcomes.push(outcome) });
    expect(await strict.drain(2_000)).toBe(0);
    expect(receiver.received).toHaveLength(0);
    expect(outcomes).toEqual([
      expect.objectContaining({ kind: 'gave-up', error: 'refused: 127.0.0.1 is a loopback address; set alerts.allow-private: true in the jobs file (or CONCORD_WEBHOOK_ALLOW_PRIVATE=true) to allow it' }),
    ]);
  });

  test('a redirect is not followed: the redirect target never hears the alert', async () => {
    const target = await startReceiver();
    receiver = await startReceiver();
    const redirecting = createServer((_req, res) => res.writeHead(307, { location: target.url }).end());
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', () => resolve()));
    try {
      const url = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/hook`;
      const { dispatcher, store, outcomes } = pipeline(url, { baseDelayMs: 5, maxDelayMs: 10, maxAttempts: 2, jitter: 'none' });
      await checkRun(store, reportOf('breaking', 0));
      await dispatcher.drain(2_000);
      expect(outcomes.map((outcome) => outcome.kind)).toEqual(['retry', 'gave-up']);
      expect(target.received).toHaveLength(0);
    } finally {
      await new Promise((resolve) => redirecting.close(resolve));
      await target.close();
    }
  });
});
