import { describe, expect, test } from 'vitest';
import { ConcordError } from '../../../contracts/errors.js';
import type { Incident } from '../../../checker/jobs/incident.js';
import { MAX_RETRY_DELAY_MS, runWithRetries } from '../../../checker/jobs/job-attempts.js';
import type { JobOutcome, RunJob } from '../../../checker/jobs/job-attempts.js';
import type { JobSpec } from '../../../checker/jobs/jobs-file.js';
import { runJobsOnce, runOnceExitCode, selectJobs } from '../../../checker/jobs/run-once.js';
import { createScheduler } from '../../../checker/jobs/scheduler.js';
import type { Verdict } from '../../../checker/model.js';
import { checkReport } from '../../registry/http/runs-fixture.js';

function jobSpec(name: string, overrides: Partial<JobSpec> = {}): JobSpec {
  return { name, contract: 'commerce.orders@^1', source: 'prod', schedule: { kind: 'interval', everyMs: 60_000 }, sample: {}, timeoutMs: 5_000, retry: { attempts: 1, backoffMs: 10 }, ...overrides };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A run that takes `ms` (ending early, with the signal's reason, when aborted). */
function slowRun(ms: number, verdict: Verdict = 'pass', counter?: { now: number; max: number; runs: number }): RunJob {
  return (_job, signal) =>
    new Promise((resolve, reject) => {
      if (counter !== undefined) {
        counter.now += 1;
        counter.runs += 1;
        counter.max = Math.max(counter.max, counter.now);
      }
      const done = (): void => {
        if (counter !== undefined) counter.now -= 1;
      };
      const timer = setTimeout(() => {
        done();
        resolve(checkReport({ verdict }));
      }, ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        done();
        reject(signal.reason as Error);
      });
    });
}

describe('the scheduler', () => {
  test('runs one job at a time: ticks while a run is going are skipped, never overlapped', async () => {
    const counter = { now: 0, max: 0, runs: 0 };
    const skipped: string[] = [];
    const scheduler = createScheduler({ jobs: [jobSpec('a', { schedule: { kind: 'interval', everyMs: 20 } })], run: slowRun(150, 'pass', counter), onSkipped: (job) => skipped.push(job) });
    scheduler.start();
    await wait(500);
    await scheduler.stop(1_000);
    expect(counter.max).toBe(1);
    expect(counter.runs).toBeGreaterThanOrEqual(2);
    expect(skipped.length).toBeGreaterThan(3);
    expect(skipped.every((job) => job === 'a')).toBe(true);
  });

  test('different jobs run side by side', async () => {
    const counter = { now: 0, max: 0, runs: 0 };
    const scheduler = createScheduler({ jobs: [jobSpec('a'), jobSpec('b')], run: slowRun(100, 'pass', counter) });
    await Promise.all([scheduler.trigger('a'), scheduler.trigger('b')]);
    expect(counter.max).toBe(2);
  });

  test('a cron schedule (croner, with seconds) starts runs on time', async () => {
    const outcomes: JobOutcome[] = [];
    const scheduler = createScheduler({ jobs: [jobSpec('c', { schedule: { kind: 'cron', cron: '* * * * * *' } })], run: slowRun(1), onOutcome: (outcome) => void outcomes.push(outcome) });
    scheduler.start();
    await wait(2_300);
    await scheduler.stop();
    expect(outcomes.length).toBeGreaterThanOrEqual(2);
    expect(outcomes.length).toBeLessThanOrEqual(3);
  });

  test('graceful stop lets a run that finishes within the grace period end with its report', async () => {
    const outcomes: JobOutcome[] = [];
    const scheduler = createScheduler({ jobs: [jobSpec('a')], run: slowRun(100, 'breaking'), onOutcome: (outcome) => void outcomes.push(outcome) });
    const running = scheduler.trigger('a');
    await wait(10);
    await scheduler.stop(2_000);
    expect((await running)?.kind).toBe('report');
    expect(outcomes).toHaveLength(1);
    expect(await scheduler.trigger('a')).toBeUndefined();
  });

  test('graceful stop aborts a run that outlives the grace period, and no retry starts', async () => {
    const incidents: Incident[] = [];
    const scheduler = createScheduler({ jobs: [jobSpec('a', { retry: { attempts: 3, backoffMs: 10 } })], run: slowRun(60_000), onIncident: (incident) => void incidents.push(incident) });
    const running = scheduler.trigger('a');
    await wait(10);
    const started = Date.now();
    await scheduler.stop(100);
    expect(Date.now() - started).toBeLessThan(2_000);
    const outcome = await running;
    expect(outcome).toMatchObject({ kind: 'failed', attempts: 1 });
    expect(outcome?.kind === 'failed' ? outcome.error.message : '').toMatch(/job a was stopped by shutdown/);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.retryAt).toBeUndefined();
  });

  test('stopping ends a retry backoff at once', async () => {
    const scheduler = createScheduler({ jobs: [jobSpec('a', { retry: { attempts: 5, backoffMs: 60_000 } })], run: async () => Promise.reject(new ConcordError('source-unavailable', 'down')) });
    const running = scheduler.trigger('a');
    await wait(50);
    const started = Date.now();
    await scheduler.stop(1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await running).toMatchObject({ kind: 'failed', attempts: 1 });
  });
});

describe('a run with retries and a timeout', () => {
  test('a source failure is an incident and is retried with doubling backoff until it works', async () => {
    let calls = 0;
    const run: RunJob = async () => {
      calls += 1;
      if (calls <= 2) throw new ConcordError('source-unavailable', `cannot read http https://orders.example.com: connect ECONNREFUSED (try ${calls})`);
      return checkReport({ verdict: 'warn' });
    };
    const incidents: Incident[] = [];
    const started = Date.now();
    const outcome = await runWithRetries(jobSpec('orders', { retry: { attempts: 4, backoffMs: 40 } }), run, { onIncident: (incident) => void incidents.push(incident) });
    expect(outcome).toMatchObject({ kind: 'report', attempts: 3 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(40 + 80 - 5);
    expect(incidents.map((incident) => [incident.job, incident.attempt, incident.attempts, incident.code])).toEqual([
      ['orders', 1, 4, 'source-unavailable'],
      ['orders', 2, 4, 'source-unavailable'],
    ]);
    expect(incidents[0]?.message).toMatch(/ECONNREFUSED \(try 1\)/);
    expect(Date.parse(incidents[1]?.retryAt ?? '') - Date.parse(incidents[1]?.at ?? '')).toBeGreaterThanOrEqual(80);
  });

  test('a run past its timeout is aborted, even one that ignores its signal, and the last attempt has no retry', async () => {
    let aborted = 0;
    const run: RunJob = (_job, signal) => {
      signal.addEventListener('abort', () => (aborted += 1));
      return new Promise(() => undefined);
    };
    const incidents: Incident[] = [];
    const outcome = await runWithRetries(jobSpec('hung', { timeoutMs: 50, retry: { attempts: 2, backoffMs: 10 } }), run, { onIncident: (incident) => void incidents.push(incident) });
    expect(outcome).toMatchObject({ kind: 'failed', attempts: 2, error: { code: 'source-unavailable' } });
    expect(aborted).toBe(2);
    expect(incidents.map((incident) => incident.message)).toEqual([expect.stringMatching(/job hung .* took longer than its timeout of 50 ms/), expect.stringMatching(/took longer/)]);
    expect(incidents[0]?.retryAt).toBeDefined();
    expect(incidents[1]?.retryAt).toBeUndefined();
  });

  test.each([
    [MAX_RETRY_DELAY_MS / 2, MAX_RETRY_DELAY_MS / 2],
    [MAX_RETRY_DELAY_MS + 1, MAX_RETRY_DELAY_MS],
  ])('a backoff of %i ms waits %i ms before the retry (capped), and shutdown ends the wait', async (backoffMs, expected) => {
    const controller = new AbortController();
    const incidents: Incident[] = [];
    const outcome = await runWithRetries(jobSpec('slow', { retry: { attempts: 2, backoffMs } }), async () => Promise.reject(new ConcordError('source-unavailable', 'down')), {
      noRetries: controller.signal,
      onIncident: (incident) => {
        incidents.push(incident);
        controller.abort();
      },
    });
    expect(Date.parse(incidents[0]?.retryAt ?? '') - Date.parse(incidents[0]?.at ?? '')).toBeGreaterThanOrEqual(expected);
    expect(Date.parse(incidents[0]?.retryAt ?? '') - Date.parse(incidents[0]?.at ?? '')).toBeLessThan(expected + 1_000);
    expect(outcome).toMatchObject({ kind: 'failed', attempts: 1 });
  });

  test('an unexpected exception is an incident with code internal, not a crash', async () => {
    const outcome = await runWithRetries(jobSpec('x'), async () => {
      throw new TypeError('boom');
    });
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'internal', message: 'boom' } });
  });
});

describe('run-once', () => {
  const report = (verdict: Verdict): JobOutcome => ({ kind: 'report', job: 'j', report: checkReport({ verdict }), attempts: 1 });
  const failed: JobOutcome = { kind: 'failed', job: 'j', error: new ConcordError('source-unavailable', 'down'), attempts: 3 };
  test.each([
    [[report('pass'), report('warn')], 0],
    [[report('pass'), report('breaking')], 1],
    [[report('breaking'), failed], 2],
    [[], 0],
  ])('outcomes %# exit %i', (outcomes, code) => {
    expect(runOnceExitCode(outcomes)).toBe(code);
  });

  test('runs the selected jobs once each, in order', async () => {
    const ran: string[] = [];
    const jobs = [jobSpec('a'), jobSpec('b'), jobSpec('c')];
    const outcomes = await runJobsOnce(selectJobs(jobs, ['c', 'a']), async (job) => {
      ran.push(job.name);
      return checkReport({ verdict: job.name === 'c' ? 'breaking' : 'pass' });
    });
    expect(ran).toEqual(['c', 'a']);
    expect(runOnceExitCode(outcomes)).toBe(1);
    expect(() => selectJobs(jobs, ['zzz'])).toThrow(/there is no job zzz: the jobs are a, b, c/);
  });
});
