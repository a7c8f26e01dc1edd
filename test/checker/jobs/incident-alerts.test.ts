import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createAlertDispatcher } from '../../../checker/alerts/dispatcher.js';
import type { IncidentAlert } from '../../../checker/alerts/incident-alert.js';
import { createAlertOutbox } from '../../../checker/alerts/outbox.js';
import { incidentPayloadFor } from '../../../checker/alerts/payloads.js';
import { recipientOf } from '../../../checker/alerts/recipients.js';
import { createChecker } from '../../../checker/index.js';
import { describeJobSource } from '../../../checker/jobs/incident.js';
import { createIncidentAlerts, DEFAULT_INCIDENT_AFTER } from '../../../checker/jobs/incident-alerts.js';
import { createIncidentStateStore } from '../../../checker/jobs/incident-state.js';
import { createJobCheck } from '../../../checker/jobs/job-check.js';
import { loadJobsFile, parseJobsText } from '../../../checker/jobs/jobs-file.js';
import type { JobsConfig } from '../../../checker/jobs/jobs-file.js';
import { createScheduler } from '../../../checker/jobs/scheduler.js';
import type { JobOutcome } from '../../../checker/jobs/job-attempts.js';
import { loadCheckedContractFile } from '../../../checker/resolve-contract.js';
import { startReceiver } from '../../registry/http/webhook-receiver.js';
import type { Receiver } from '../../registry/http/webhook-receiver.js';
import { ordersContractText } from './orders-contract.js';

/** A feed on 127.0.0.1 that answers 503 until it is told it is back, then two valid orders. */
async function startFeed(): Promise<{ url: string; up: { value: boolean }; requests: { count: number }; close(): Promise<void> }> {
  const up = { value: false };
  const requests = { count: 0 };
  const server: Server = createServer((_req, res) => {
    requests.count += 1;
    if (!up.value) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ order_id: 'o1', amount: 1.5 }, { order_id: 'o2', amount: 2.5 }]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`,
    up,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function contractText(feedUrl: string): string {
  return ordersContractText([`{ name: prod, type: http, url: '${feedUrl}', retries: 0, timeoutMs: 2000 }`]);
}

/** One attempt per run, so each trigger is one failure; the receiver on 127.0.0.1 needs allow-private. */
function jobsText(receiver: string, extra = ''): string {
  return `alerts:
  owner: ['${receiver}']
  allow-private: true
${extra}jobs:
  - name: orders-prod
    contract: orders.contract.yaml
    source: prod
    every: 1h
    retry: { attempts: 1, backoff: 1s }
`;
}

describe('incident alerts of a job whose source is down (real feed, receiver and files on 127.0.0.1)', () => {
  let dir: string;
  let receiver: Receiver;
  let feed: Awaited<ReturnType<typeof startFeed>>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-incidents-'));
    receiver = await startReceiver();
    feed = await startFeed();
    writeFileSync(join(dir, 'orders.contract.yaml'), contractText(feed.url));
    writeFileSync(join(dir, 'jobs.yaml'), jobsText(receiver.url));
  });
  afterEach(async () => {
    await receiver.close();
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What `concord jobs run` builds from the jobs file, anew each call: as after a restart of the daemon. */
  function daemon(config: JobsConfig) {
    const outbox = createAlertOutbox({ dir: config.alertDir });
    const dispatcher = createAlertDispatcher({ outbox, policy: config.alertPolicy });
    const alerts: IncidentAlert[] = [];
    const incidents = createIncidentAlerts({
      states: createIncidentStateStore(config.incidentStateDir),
      outbox,
      owners: config.ownerReceivers.map((receiver) => recipientOf(receiver, 'owner', config.alertPolicy)),
      after: config.incidentAfter,
      onAlert: (alert) => alerts.push(alert),
    });
    const outcomes: JobOutcome[] = [];
    const scheduler = createScheduler({
      jobs: config.jobs,
      run: createJobCheck({ loadContract: (file) => loadCheckedContractFile(file), checker: createChecker({ baselineDir: config.baselineDir }) }),
      onIncident: (incident) => incidents.failed(incident),
      onOutcome: async (outcome) => {
        outcomes.push(outcome);
        await incidents.outcome(outcome);
      },
    });
    /** One run of the job, then every queued alert delivered. */
    const runOnce = async (): Promise<void> => {
      await scheduler.trigger('orders-prod');
      expect(await dispatcher.drain(3_000)).toBe(0);
    };
    return { runOnce, alerts, outcomes, stop: () => scheduler.stop(100) };
  }

  test('one incident alert after the third failure, none for later ones (across a restart), one recovered alert when the feed is back', async () => {
    const config = await loadJobsFile(join(dir, 'jobs.yaml'));
    expect(config.incidentAfter).toBe(DEFAULT_INCIDENT_AFTER);
    const first = daemon(config);
    await first.runOnce();
    await first.runOnce();
    expect(receiver.received).toHaveLength(0);
    await first.runOnce();
    expect(receiver.received).toHaveLength(1);
    await first.runOnce();
    await first.stop();
    expect(first.outcomes.map((outcome) => outcome.kind)).toEqual(['failed', 'failed', 'failed', 'failed']);

    const second = daemon(await loadJobsFile(join(dir, 'jobs.yaml')));
    await second.runOnce();
    expect(receiver.received).toHaveLength(1);
    expect(second.alerts).toEqual([]);
    feed.up.value = true;
    await second.runOnce();
    await second.runOnce();
    await second.stop();
    expect(second.outcomes.map((outcome) => outcome.kind)).toEqual(['failed', 'report', 'report']);
    expect(feed.requests.count).toBe(7);

    expect(receiver.received.map((request) => request.body.event)).toEqual(['concord.job.incident', 'concord.job.recovered']);
    const [incident, recovered] = receiver.received.map((request) => request.body.incident as Record<string, unknown>);
    expect(incident).toMatchObject({ kind: 'incident', job: 'orders-prod', contract: 'orders.contract.yaml', source: 'prod', failures: 3, lastError: { code: 'source-unavailable', message: expect.stringMatching(/503/) } });
    expect(incident).not.toHaveProperty('alertId');
    // Alerts name the contract as the jobs file wrote it, not by this machine's absolute path.
    expect(JSON.stringify(receiver.received.map((request) => request.body))).not.toContain(dir);
    expect(recovered).toMatchObject({ kind: 'recovered', job: 'orders-prod', failures: 5, since: incident?.since, recoveredAt: expect.any(String) });
    expect(receiver.received[0]?.headers['x-concord-alert-id']).toBe(incident?.id);
    expect(readdirSync(config.incidentStateDir)).toEqual([]);
  }, 60_000);

  test('alerts.incident-after: 1 alerts on the first failure; the state file holds the streak until the job runs again', async () => {
    writeFileSync(join(dir, 'jobs.yaml'), jobsText(receiver.url, '  incident-after: 1\n'));
    const config = await loadJobsFile(join(dir, 'jobs.yaml'));
    expect(config.incidentAfter).toBe(1);
    const run = daemon(config);
    await run.runOnce();
    expect(receiver.received.map((request) => request.body.event)).toEqual(['concord.job.incident']);
    expect(existsSync(join(config.incidentStateDir, 'orders-prod.json'))).toBe(true);
    feed.up.value = true;
    await run.runOnce();
    await run.stop();
    expect(receiver.received.map((request) => request.body.event)).toEqual(['concord.job.incident', 'concord.job.recovered']);
    expect(existsSync(join(config.incidentStateDir, 'orders-prod.json'))).toBe(false);
  }, 30_000);

  test('fewer failures than the threshold, then a good run: no alert at all, and the count starts over', async () => {
    const config = await loadJobsFile(join(dir, 'jobs.yaml'));
    const run = daemon(config);
    await run.runOnce();
    await run.runOnce();
    feed.up.value = true;
    await run.runOnce();
    feed.up.value = false;
    await run.runOnce();
    await run.runOnce();
    await run.stop();
    expect(receiver.received).toHaveLength(0);
    expect(run.alerts).toEqual([]);
  }, 30_000);
});

describe('incident alert settings and content', () => {
  test.each([
    ['  incident-after: 0\n', /alerts\/incident-after: must be a whole number of at least 1/],
    ['  incident-after: two\n', /alerts\/incident-after: must be a whole number of at least 1/],
  ])('a jobs file with %j is refused', (extra, message) => {
    expect(() => parseJobsText(jobsText('https://hooks.example.com/concord', extra), '/tmp/jobs.yaml')).toThrow(message);
  });

  test.each([
    ['postgres://reader:s3cret@db.internal:5432/shop?table=orders', 'postgres://reader@db.internal:5432/shop?table=orders'],
    ['https://api.example.com/orders?api_key=abc&page=1#/data', 'https://api.example.com/orders?api_key=***&page=1#/data'],
    ['prod', 'prod'],
    ['/feeds/orders-*.jsonl', '/feeds/orders-*.jsonl'],
  ])('the source %s is described as %s', (source, described) => {
    expect(describeJobSource(source)).toBe(described);
  });

  const alert: IncidentAlert = {
    id: 'abc',
    kind: 'incident',
    job: 'orders-prod',
    contract: 'commerce.orders@^1',
    source: 'http https://api.example.com/<orders>',
    failures: 3,
    since: '2026-11-24T01:00:00.000Z',
    lastError: { code: 'source-unavailable', message: 'answered HTTP 503', at: '2026-11-24T01:02:00.000Z' },
    summary: 'Job orders-prod could not run 3 times',
  };

  test('the JSON payload is { event, incident } and the Slack one names the job, source, failures and last error, escaped', () => {
    expect(incidentPayloadFor(alert, 'json')).toEqual({ event: 'concord.job.incident', incident: alert });
    const slack = JSON.stringify(incidentPayloadFor(alert, 'slack'));
    expect(slack).toContain(':rotating_light: Job orders-prod could not run 3 times');
    expect(slack).toContain('source http https://api.example.com/&lt;orders&gt;');
    expect(slack).toContain('3 failed attempts since 2026-11-24T01:00:00.000Z');
    expect(slack).toContain('answered HTTP 503');
    expect(JSON.stringify(incidentPayloadFor({ ...alert, kind: 'recovered', recoveredAt: '2026-11-24T02:00:00.000Z' }, 'slack'))).toContain(':white_check_mark:');
  });
});
