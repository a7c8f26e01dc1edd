import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSource } from '../../../checker/sources/index.js';
import { readAll } from './read-all.js';

let dir: string;
let path: string;
const ROWS = 2_500;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-parquet-source-'));
  path = join(dir, 'orders.parquet');
  parquetWriteFile({
    filename: path,
    rowGroupSize: 1_000,
    columnData: [
      { name: 'id', data: Array.from({ length: ROWS }, (_, i) => i), type: 'INT32' },
      { name: 'big', data: Array.from({ length: ROWS }, (_, i) => (i === 1 ? 2n ** 60n : BigInt(i))), type: 'INT64' },
      { name: 'status', data: Array.from({ length: ROWS }, (_, i) => (i % 2 === 0 ? 'paid' : null)), type: 'STRING' },
      { name: 'created', data: Array.from({ length: ROWS }, (_, i) => new Date(Date.UTC(2026, 10, 1, 0, 0, i))), type: 'TIMESTAMP' },
    ],
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Parquet', () => {
  test('reads every row group as JSON records', async () => {
    const { records, progress } = await readAll(createSource({ name: 'test', type: 'file', path }));
    expect(records).toHaveLength(ROWS);
    expect(records[0]).toEqual({ id: 0, big: 0, status: 'paid', created: '2026-11-01T00:00:00.000Z' });
    expect(records[1]).toEqual({ id: 1, big: '1152921504606846976', status: null, created: '2026-11-01T00:00:01.000Z' });
    expect((records[ROWS - 1] as { id: number }).id).toBe(ROWS - 1);
    expect(progress.at(-1)?.bytes).toBeGreaterThan(0);
  });

  test('the limit stops inside a row group', async () => {
    const { records } = await readAll(createSource({ name: 'test', type: 'file', path }), { limit: 1_001 });
    expect(records).toHaveLength(1_001);
    expect((records[1_000] as { id: number }).id).toBe(1_000);
  });

  test('a file that is not Parquet is source-unavailable', async () => {
    const bad = join(dir, 'bad.parquet');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(bad, 'not parquet at all');
    await expect(readAll(createSource({ name: 'test', type: 'file', path: bad }))).rejects.toMatchObject({ code: 'source-unavailable' });
  });
});
