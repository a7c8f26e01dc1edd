import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { acceptFileBaseline, baselineFile, baselineFileOf, createFileBaselineStore, SOURCE_HASH_LENGTH } from '../../../checker/baseline/file-baseline-store.js';
import type { CheckReport } from '../../../checker/model.js';
import { checkReport } from '../../registry/http/runs-fixture.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('local JSON baselines', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concord-baselines-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('the newest report of each source is kept in <contract>/<source-hash>.json and read back whole', async () => {
    const store = createFileBaselineStore({ dir });
    expect(await store.latest('commerce.orders', 'prod')).toBeUndefined();
    const first = checkReport({ verdict: 'pass' });
    const second = checkReport({ verdict: 'breaking' });
    const staging = checkReport({ verdict: 'warn', sourceName: 'staging' });
    await store.record(first);
    await store.record(second);
    await store.record(staging);
    expect(await store.latest('commerce.orders', 'prod')).toEqual(second);
    expect(await store.latest('commerce.orders', 'staging')).toEqual(staging);
    const files = readdirSync(join(dir, 'commerce.orders'))
      .filter((file) => !file.endsWith('.baseline.json'))
      .sort();
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(new RegExp(`^[0-9a-f]{${SOURCE_HASH_LENGTH}}\\.json$`));
    expect(baselineFile(dir, 'commerce.orders', 'prod')).toBe(join(dir, 'commerce.orders', files.find((file) => readFileSync(join(dir, 'commerce.orders', file), 'utf8').includes('"breaking"')) ?? ''));
  });

  test('only a passing run becomes the baseline: a breaking or warning run never replaces it', async () => {
    const store = createFileBaselineStore({ dir });
    const clean = checkReport({ verdict: 'pass', startedAt: '2026-11-23T10:00:00.000Z' });
    const broken = checkReport({ verdict: 'breaking', startedAt: '2026-11-23T11:00:00.000Z' });
    const warned = checkReport({ verdict: 'warn', startedAt: '2026-11-23T12:00:00.000Z' });
    await store.record(clean);
    await store.record(broken);
    expect(await store.baseline('commerce.orders', 'prod')).toEqual(clean);
    await store.record(warned);
    expect(await store.baseline('commerce.orders', 'prod')).toEqual(clean);
    expect(await store.latest('commerce.orders', 'prod')).toEqual(warned);
    const fixed = checkReport({ verdict: 'pass', startedAt: '2026-11-23T13:00:00.000Z' });
    await store.record(fixed);
    expect(await store.baseline('commerce.orders', 'prod')).toEqual(fixed);
  });

  test('a person accepts the newest run as baseline, whatever its verdict; a source without runs has nothing to accept', async () => {
    const store = createFileBaselineStore({ dir });
    await store.record(checkReport({ verdict: 'pass' }));
    const changed = checkReport({ verdict: 'breaking', startedAt: '2026-11-24T10:00:00.000Z' });
    await store.record(changed);
    expect(await acceptFileBaseline('commerce.orders', 'prod', { dir })).toEqual(changed);
    expect(await store.baseline('commerce.orders', 'prod')).toEqual(changed);
    await expect(acceptFileBaseline('commerce.orders', 'staging', { dir })).rejects.toMatchObject({ code: 'not-found' });
  });

  test('a folder from before baselines were kept apart serves its newest run as baseline only when it passed', async () => {
    const store = createFileBaselineStore({ dir });
    const file = baselineFile(dir, 'commerce.orders', 'prod');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(checkReport({ verdict: 'breaking' })));
    expect(await store.baseline('commerce.orders', 'prod')).toBeUndefined();
    const passed = checkReport({ verdict: 'pass' });
    writeFileSync(file, JSON.stringify(passed));
    expect(await store.baseline('commerce.orders', 'prod')).toEqual(passed);
    expect(baselineFileOf(file)).toBe(file.replace(/\.json$/, '.baseline.json'));
  });

  test('a source without a name is kept under its description', async () => {
    const store = createFileBaselineStore({ dir });
    const { sourceName: _name, ...unnamed } = checkReport({ source: 'file orders/*.jsonl' });
    await store.record(unnamed);
    expect(await store.latest('commerce.orders', 'file orders/*.jsonl')).toEqual(unnamed);
    expect(await store.latest('commerce.orders', 'prod')).toBeUndefined();
  });

  test.each(['../../etc', 'commerce/../../x', 'Commerce.Orders', 'orders'])('a contract id %j never becomes a path', async (contract) => {
    const store = createFileBaselineStore({ dir });
    await expect(store.latest(contract, 'prod')).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(store.record({ ...checkReport(), contract })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a damaged baseline file is reported with the file and what to do', async () => {
    const file = baselineFile(dir, 'commerce.orders', 'prod');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '{"verdict": "pa');
    await expect(createFileBaselineStore({ dir }).latest('commerce.orders', 'prod')).rejects.toThrow(/not JSON: delete the file/);
  });

  test('a process killed while writing leaves the last complete baseline, and readers never see half a file', async () => {
    const file = baselineFile(dir, 'commerce.orders', 'prod');
    const store = createFileBaselineStore({ dir });
    for (const delayMs of [0, 37, 113]) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/checker/baseline/baseline-writer-child.ts', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let written = 0;
      await new Promise<void>((resolve) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          written += chunk.split('wrote').length - 1;
          if (written >= 3) resolve();
        });
      });
      // Reads racing the writer: a write in place would show them an empty or cut-off file.
      const until = Date.now() + 700;
      let reads = 0;
      while (Date.now() < until) {
        expect(((await store.latest('commerce.orders', 'prod')) as CheckReport).profile.fields).toHaveLength(5_000);
        reads += 1;
      }
      expect(reads).toBeGreaterThan(5);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const report = (await store.latest('commerce.orders', 'prod')) as CheckReport;
      expect(report.profile.fields).toHaveLength(5_000);
      expect(report.read).toBeGreaterThanOrEqual(3);
    }
    // Temporary files of killed writers may stay behind, but never in place of the baseline.
    const name = file.slice(dirname(file).length + 1);
    expect(readdirSync(dirname(file)).filter((each) => each.endsWith('.json')).sort()).toEqual([baselineFileOf(name), name]);
  }, 60_000);
});
