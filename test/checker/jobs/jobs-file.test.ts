import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_JOB_RETRY, DEFAULT_JOB_TIMEOUT_MS, MAX_JOBS, parseJobsText } from '../../../checker/jobs/jobs-file.js';

const FILE = '/srv/concord/jobs.yaml';

const VALID = `
defaults:
  timeout: 2m
  retry: { attempts: 5, backoff: 10s }
  sample: { sampler: reservoir, size: 5000, seed: 7 }
alerts:
  owner:
    - https://hooks.slack.com/services/T0/B0/x
    - { url: 'http://127.0.0.1:9000/hook', format: slack }
  allow-private: true
  dir: state/alerts
baselines: state/baselines
jobs:
  - name: orders-prod
    contract: contracts/orders.contract.yaml
    source: prod
    schedule: '*/15 * * * *'
  - name: payments-files
    contract: commerce.payments@^2
    source: feeds/payments-*.jsonl.gz
    every: 1h
    timeout: 30s
    retry: { attempts: 1 }
    sample: { size: 100 }
  - name: refunds-api
    contract: /abs/refunds.contract.yaml
    source: https://api.example.com/refunds#/data
    every: 5m
`;

describe('the jobs file', () => {
  test('a full file: schedules, defaults, relative paths from the jobs file, owner receivers', () => {
    const config = parseJobsText(VALID, FILE);
    expect(config.jobs.map((job) => [job.name, job.contract, job.source, job.schedule])).toEqual([
      ['orders-prod', '/srv/concord/contracts/orders.contract.yaml', 'prod', { kind: 'cron', cron: '*/15 * * * *' }],
      ['payments-files', 'commerce.payments@^2', '/srv/concord/feeds/payments-*.jsonl.gz', { kind: 'interval', everyMs: 3_600_000 }],
      ['refunds-api', '/abs/refunds.contract.yaml', 'https://api.example.com/refunds#/data', { kind: 'interval', everyMs: 300_000 }],
    ]);
    expect(config.jobs[0]).toMatchObject({ timeoutMs: 120_000, retry: { attempts: 5, backoffMs: 10_000 }, sample: { kind: 'reservoir', size: 5000, seed: 7 } });
    expect(config.jobs[1]).toMatchObject({ timeoutMs: 30_000, retry: { attempts: 1, backoffMs: 10_000 }, sample: { size: 100 } });
    expect(config.ownerReceivers).toEqual([{ url: 'https://hooks.slack.com/services/T0/B0/x' }, { url: 'http://127.0.0.1:9000/hook', format: 'slack' }]);
    expect(config.alertPolicy.allowPrivate).toBe(true);
    expect(config.alertDir).toBe(join('/srv/concord', 'state/alerts'));
    expect(config.baselineDir).toBe(join('/srv/concord', 'state/baselines'));
    expect(config.incidentFile).toBe(join('/srv/concord', '.concord/jobs/incidents.jsonl'));
  });

  test('defaults when the file says nothing', () => {
    const config = parseJobsText('jobs: [{ name: a, contract: commerce.orders@^1, source: prod, every: 1m }]', FILE, {});
    expect(config.jobs[0]).toMatchObject({ timeoutMs: DEFAULT_JOB_TIMEOUT_MS, retry: DEFAULT_JOB_RETRY, sample: {} });
    expect(config.ownerReceivers).toEqual([]);
    expect(config.alertPolicy.allowPrivate).toBe(false);
  });

  const loopbackOwner = `alerts: { owner: ['http://127.0.0.1:9000/hook'] }\njobs: [{ name: a, contract: commerce.orders@^1, source: prod, every: 1m }]`;
  test('a loopback owner receiver is refused by default, naming the key and the variable that allow it', () => {
    expect(() => parseJobsText(loopbackOwner, FILE, {})).toThrow(
      /at \/alerts\/owner\/0\/url: alert receiver of the owner http:\/\/127\.0\.0\.1:9000\/… is refused: 127\.0\.0\.1 is a loopback address; set alerts\.allow-private: true in the jobs file \(or CONCORD_WEBHOOK_ALLOW_PRIVATE=true\)/,
    );
  });

  test('CONCORD_WEBHOOK_ALLOW_PRIVATE=true allows it as alerts.allow-private does', () => {
    expect(parseJobsText(loopbackOwner, FILE, { CONCORD_WEBHOOK_ALLOW_PRIVATE: 'true' }).alertPolicy.allowPrivate).toBe(true);
    expect(() => parseJobsText(loopbackOwner, FILE, { CONCORD_WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/is a loopback address/);
  });

  const job = (extra: string) => `jobs:\n  - { name: a, contract: commerce.orders@^1, source: prod${extra} }\n`;
  test.each([
    ['no jobs', 'jobs: []', /\/jobs: must list at least one job/],
    ['neither schedule nor every', job(''), /give exactly one of schedule .* and every/],
    ['both schedule and every', job(", schedule: '* * * * *', every: 1m"), /give exactly one of/],
    ['a bad cron expression', job(", schedule: 'every monday'"), /at \/jobs\/0\/schedule: "every monday" is not a cron expression/],
    ['a bad interval', job(', every: 15 minutes'), /at \/jobs\/0\/every: "15 minutes" is not a duration: write a whole number and a unit/],
    ['a bad timeout', job(', every: 1m, timeout: 0s'), /at \/jobs\/0\/timeout/],
    ['an unknown sampler', job(', every: 1m, sample: { sampler: random }'), /"random" is not a sampler: use head, reservoir/],
    ['zero retry attempts', job(', every: 1m, retry: { attempts: 0 }'), /retry\/attempts: must be a whole number of at least 1/],
    ['a bad job name', 'jobs: [{ name: Orders Prod, contract: c.d, source: prod, every: 1m }]', /"Orders Prod" is not a job name/],
    ['a missing source', 'jobs: [{ name: a, contract: c.d, every: 1m }]', /\/jobs\/0\/source: is required/],
    ['a name used twice', 'jobs: [{ name: a, contract: c.d, source: p, every: 1m }, { name: a, contract: c.d, source: p, every: 1m }]', /job name a is used twice/],
    ['an owner receiver that is a file', `alerts: { owner: ['file:///var/alerts'] }\n${job(', every: 1m')}`, /\/alerts\/owner\/0\/url: alert receiver "file:\/\/\/var\/alerts" of the owner is not an http\(s\) URL/],
    ['a metadata endpoint as owner receiver, even with private receivers allowed', `alerts: { allow-private: true, owner: ['http://169.254.169.254/latest/meta-data'] }\n${job(', every: 1m')}`, /169\.254\.169\.254 is a link-local address, where cloud metadata endpoints answer, and no option allows it/],
    ['allow-private that is not a boolean', `alerts: { allow-private: 'yes' }\n${job(', every: 1m')}`, /at \/alerts\/allow-private: must be true or false/],
    ['an unknown payload format', `alerts: { owner: [{ url: 'https://x.example.com', format: teams }] }\n${job(', every: 1m')}`, /"teams" is not a payload format/],
  ])('%s is refused with the place and what to write', (_name, text, message) => {
    expect(() => parseJobsText(text, FILE, {})).toThrow(message);
  });

  test.each([
    [MAX_JOBS, true],
    [MAX_JOBS + 1, false],
  ])('%i jobs in one file: accepted %s', (count, accepted) => {
    const lines = Array.from({ length: count }, (_, i) => `  - { name: job-${i}, contract: commerce.orders@^1, source: prod, every: 1h }`);
    const parse = () => parseJobsText(`jobs:\n${lines.join('\n')}\n`, FILE);
    if (accepted) expect(parse().jobs).toHaveLength(count);
    else expect(parse).toThrow(`lists ${count} jobs, more than ${MAX_JOBS}`);
  });
});
