import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanEnv, REPO_ROOT } from '../../e2e/registry-process.js';
import { concord } from '../../e2e/run-concord.js';
import { startReceiver } from '../../registry/http/webhook-receiver.js';
import type { Receiver } from '../../registry/http/webhook-receiver.js';
import { ordersContractText } from './orders-contract.js';

const CONTRACT = ordersContractText(['{ name: prod, type: file, path: ./orders.jsonl }']);

/** Fifty orders; `amount` as a string breaks the contract. */
function writeFeed(dir: string, breaking: boolean): void {
  const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ order_id: `o${i}`, amount: breaking ? `${i}.5` : i + 0.5 }));
  writeFileSync(join(dir, 'orders.jsonl'), `${lines.join('\n')}\n`);
}

/** The test receiver listens on 127.0.0.1, which alerts reach only when the jobs file allows private receivers. */
function jobsFile(dir: string, receiver: string, extra = '', allowPrivate = true): string {
  const file = join(dir, 'jobs.yaml');
  writeFileSync(
    file,
    `alerts:
  owner: ['${receiver}']
  allow-private: ${allowPrivate}
jobs:
  - name: orders-prod
    contract: orders.contract.yaml
    source: orders.jsonl
    every: 1h
    retry: { attempts: 2, backoff: 1s }
${extra}`,
  );
  return file;
}

describe('concord jobs (through the CLI, on real files and a loopback receiver)', () => {
  let dir: string;
  let receiver: Receiver;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-jobs-'));
    writeFileSync(join(dir, 'orders.contract.yaml'), CONTRACT);
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('run-once five times (pass, breaking, breaking, pass, pass): exit codes follow the verdicts, exactly two alerts arrive', async () => {
    const file = jobsFile(dir, receiver.url);
    const codes: number[] = [];
    for (const breaking of [false, true, true, false, false]) {
      writeFeed(dir, breaking);
      const result = await concord(['jobs', 'run-once', '--file', file]);
      codes.push(result.code);
      expect(result.stdout).toMatch(new RegExp(`^orders-prod\\t${breaking ? 'breaking' : 'pass'}\\tcommerce\\.orders 1\\.0\\.0 on file orders\\.jsonl(\\t|\\n)`));
      // A breaking run says why in the same line: the top finding names its rule and field.
      if (breaking) expect(result.stdout.split('\t')[3]).toMatch(/^field-type-changed at amount: /);
      else expect(result.stdout.trim().split('\t')).toHaveLength(3);
    }
    expect(codes).toEqual([0, 1, 1, 0, 0]);
    expect(receiver.received.map((request) => request.body.event)).toEqual(['concord.check.breaking', 'concord.check.recovered']);
    expect(receiver.received[0]?.body.alert).toMatchObject({ contract: 'commerce.orders', verdict: 'breaking', newFindings: expect.arrayContaining([expect.objectContaining({ field: 'amount', severity: 'breaking' })]) });
  }, 120_000);

  test('clean, drift, clean: the breaking run never becomes the baseline, so the third run passes and sends recovered then', async () => {
    // A carrier enum with a stable mix; the drift run sends an unlisted carrier instead of gls.
    const carriers = ordersContractText(['{ name: prod, type: file, path: ./orders.jsonl }']).replace(
      '    amount: { type: number }\n',
      '    amount: { type: number }\n    carrier: { type: string, enum: [dhl, ups, gls] }\n',
    );
    writeFileSync(join(dir, 'orders.contract.yaml'), carriers);
    const feed = (drifted: boolean): void => {
      const carrier = (i: number): string => (i % 10 < 6 ? 'dhl' : i % 10 < 9 ? 'ups' : drifted ? 'hermes' : 'gls');
      const lines = Array.from({ length: 1_000 }, (_, i) => JSON.stringify({ order_id: `o${i}`, amount: i + 0.5, carrier: carrier(i) }));
      writeFileSync(join(dir, 'orders.jsonl'), `${lines.join('\n')}\n`);
    };
    const file = jobsFile(dir, receiver.url);
    const seen: { code: number; verdict: string | undefined; alerts: number }[] = [];
    for (const drifted of [false, true, false]) {
      feed(drifted);
      const result = await concord(['jobs', 'run-once', '--file', file]);
      seen.push({ code: result.code, verdict: /^orders-prod\t(\w+)/.exec(result.stdout)?.[1], alerts: receiver.received.length });
    }
    expect(seen).toEqual([
      { code: 0, verdict: 'pass', alerts: 0 },
      { code: 1, verdict: 'breaking', alerts: 1 },
      { code: 0, verdict: 'pass', alerts: 2 },
    ]);
    expect(receiver.received.map((request) => request.body.event)).toEqual(['concord.check.breaking', 'concord.check.recovered']);
    expect(receiver.received[0]?.body.alert).toMatchObject({ newFindings: [expect.objectContaining({ rule: 'enum-value-unexpected', field: 'carrier' })] });
    expect(receiver.received[1]?.body.alert).toMatchObject({ verdict: 'pass', previousVerdict: 'breaking' });
  }, 120_000);

  test('a source that cannot be read is retried, kept as an incident, and exits 2 without a crash or an alert', async () => {
    const file = jobsFile(dir, receiver.url);
    const result = await concord(['jobs', 'run-once', '--file', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^orders-prod\tcould not run\t/);
    const incidents = readFileSync(join(dir, '.concord/jobs/incidents.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(incidents.map((incident) => [incident.job, incident.attempt, incident.attempts])).toEqual([
      ['orders-prod', 1, 2],
      ['orders-prod', 2, 2],
    ]);
    expect(incidents[0]?.retryAt).toEqual(expect.any(String));
    expect(result.stderr).toMatch(/"event":"incident"/);
    expect(receiver.received).toHaveLength(0);
  }, 60_000);

  test('a job that keeps failing alerts its owner once, counting across run-once processes, and once more when it runs again', async () => {
    const file = jobsFile(dir, receiver.url);
    const events = (): unknown[] => receiver.received.map((request) => request.body.event);
    expect((await concord(['jobs', 'run-once', '--file', file])).code).toBe(2);
    expect(events()).toEqual([]);
    const second = await concord(['jobs', 'run-once', '--file', file]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/"event":"alert","id":"[0-9a-f]+","kind":"job-incident","job":"orders-prod"/);
    expect(events()).toEqual(['concord.job.incident']);
    expect(receiver.received[0]?.body.incident).toMatchObject({ job: 'orders-prod', source: 'orders.jsonl', failures: 3, lastError: { code: 'source-unavailable' } });
    writeFeed(dir, false);
    expect((await concord(['jobs', 'run-once', '--file', file])).code).toBe(0);
    expect(events()).toEqual(['concord.job.incident', 'concord.job.recovered']);
  }, 90_000);

  test('run-once --job with an unknown name, or a bad jobs file, exits 2 with the reason', async () => {
    const file = jobsFile(dir, receiver.url);
    const unknown = await concord(['jobs', 'run-once', '--file', file, '--job', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/there is no job nope: the jobs are orders-prod/);
    writeFileSync(file, 'jobs: [{ name: a, contract: c.d, source: p, schedule: "nonsense" }]');
    const bad = await concord(['jobs', 'run-once', '--file', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/jobs\.yaml at \/jobs\/0\/schedule: "nonsense" is not a cron expression/);
  }, 60_000);

  test('without allow-private a loopback receiver is refused: by address when the file is read, after DNS when delivering', async () => {
    const strict = { CONCORD_WEBHOOK_ALLOW_PRIVATE: '' };
    writeFeed(dir, true);
    const literal = await concord(['jobs', 'run-once', '--file', jobsFile(dir, receiver.url, '', false)], strict);
    expect(literal.code).toBe(2);
    expect(literal.stderr).toMatch(/jobs\.yaml at \/alerts\/owner\/0\/url: alert receiver of the owner http:\/\/127\.0\.0\.1:\d+\/… is refused: 127\.0\.0\.1 is a loopback address; set alerts\.allow-private: true/);
    const byName = await concord(['jobs', 'run-once', '--file', jobsFile(dir, receiver.url.replace('127.0.0.1', 'localhost'), '', false)], strict);
    expect(byName.code).toBe(1);
    expect(byName.stderr).toMatch(/"event":"alert-gave-up".*"error":"refused: localhost \((127\.0\.0\.1|::1)\) is a loopback address; set alerts\.allow-private: true/);
    expect(receiver.received).toHaveLength(0);
  }, 60_000);

  test('jobs run-once --help says how to allow private receivers', async () => {
    const result = await concord(['jobs', 'run-once', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/need alerts\.allow-private: true in the jobs file or\s+CONCORD_WEBHOOK_ALLOW_PRIVATE=true; link-local ones \(cloud metadata\) are always refused/);
  }, 30_000);

  test('delivery logs name each receiver by origin and a short hash of its URL: two receivers on one host differ, their paths stay out', async () => {
    const file = jobsFile(dir, `${receiver.url}/team-a-SECRET`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(`owner: ['${receiver.url}/team-a-SECRET']`, `owner: ['${receiver.url}/team-a-SECRET', '${receiver.url}/team-b-SECRET']`));
    writeFeed(dir, true);
    const result = await concord(['jobs', 'run-once', '--file', file]);
    expect(result.code).toBe(1);
    const sent = result.stderr
      .split('\n')
      .filter((line) => line.includes('"event":"alert-sent"'))
      .map((line) => (JSON.parse(line) as { receiver: string }).receiver);
    expect(sent).toHaveLength(2);
    const origin = new URL(receiver.url).origin;
    for (const label of sent) expect(label).toMatch(new RegExp(`^${origin.replace(/[.]/g, '\\.')}/… #[0-9a-f]{8}$`));
    expect(new Set(sent).size).toBe(2);
    expect(result.stderr).not.toContain('SECRET');
  }, 60_000);

  test('the daemon runs jobs on schedule and stops cleanly on SIGTERM, delivering queued alerts', async () => {
    writeFeed(dir, true);
    const file = jobsFile(dir, receiver.url).replace('every: 1h', 'every: 1h');
    writeFileSync(file, readFileSync(file, 'utf8').replace('every: 1h', "schedule: '* * * * * *'"));
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../../cli/main.ts', import.meta.url)), 'jobs', 'run', '--file', file], { cwd: REPO_ROOT, env: cleanEnv() });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    while (!stderr.includes('"event":"job-run"') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/"event":"jobs-started"/);
    expect(stderr).toMatch(/"event":"job-run","job":"orders-prod".*"verdict":"breaking"/);
    expect(stderr).toMatch(/"event":"jobs-stopped","undeliveredAlerts":0/);
    expect(receiver.received.map((request) => request.body.event)).toEqual(['concord.check.breaking']);
  }, 60_000);
});
