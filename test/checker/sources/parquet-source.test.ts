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

  test.each([
    ['only the magic bytes', Buffer.from('PAR1')],
    ['magic, an empty footer, magic', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(4), Buffer.from('PAR1')])],
    ['a footer of junk', Buffer.concat([Buffer.from('PAR1'), Buffer.from([1, 2, 3, 4, 5, 6]), Buffer.from([6, 0, 0, 0]), Buffer.from('PAR1')])],
    ['a footer longer than the file', Buffer.from('PAR1PAR1')],
  ])('a Parquet file with %s is a clear read error naming the file', async (_what, bytes) => {
    const bad = join(dir, 'damaged.parquet');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(bad, bytes);
    const failure = await readAll(createSource({ name: 'test', type: 'file', path: bad })).then(
      () => undefined,
      (error: unknown) => error as { code?: string; message?: string },
    );
    expect(failure?.code).toBe('source-unavailable');
    expect(failure?.message).toContain(`cannot read ${bad} (not a readable Parquet file: its footer`);
    expect(failure?.message).not.toMatch(/Cannot read properties|undefined|is not a function|DataView/);
  });
});
