import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isConcordError } from '../../../contracts/errors.js';
import { createSource } from '../../../checker/sources/index.js';
import { MAX_LINE_BYTES } from '../../../checker/sources/limits.js';
import { openFileCount, readAll } from './read-all.js';

let dir: string;
const lines = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => JSON.stringify({ id: from + i })).join('\n') + '\n';
const file = (path: string, format?: string) => createSource({ name: 'test', type: 'file', path, ...(format === undefined ? {} : { format }) });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-file-source-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('JSON Lines', () => {
  test('reads every record, skips blank lines, a byte-order mark and CRLF endings', async () => {
    const path = join(dir, 'plain.jsonl');
    await writeFile(path, '\uFEFF{"id":1}\r\n\n  \n{"id":2}\n{"id":3}');
    const { records, issues } = await readAll(file(path));
    expect(records).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(issues).toEqual([]);
  });

  test('malformed lines are issues at file:line and the read goes on', async () => {
    const path = join(dir, 'broken.jsonl');
    await writeFile(path, '{"id":1}\n{"id":\n{"id":3}\nnot json\n');
    const { records, issues } = await readAll(file(path));
    expect(records).toEqual([{ id: 1 }, { id: 3 }]);
    expect(issues.map((i) => [i.kind, i.location])).toEqual([
      ['malformed', `${path}:2`],
      ['malformed', `${path}:4`],
    ]);
  });

  test('a line of exactly MAX_LINE_BYTES is read; one byte more is an oversized issue and skipped', async () => {
    const path = join(dir, 'huge.jsonl');
    const fill = (size: number): string => JSON.stringify({ s: 'x'.repeat(size - 8) }); // {"s":"..."} is 8 bytes of frame
    expect(fill(MAX_LINE_BYTES)).toHaveLength(MAX_LINE_BYTES);
    await writeFile(path, `${fill(MAX_LINE_BYTES)}\n${fill(MAX_LINE_BYTES + 1)}\n{"id":3}\n`);
    const { records, issues } = await readAll(file(path));
    expect(records).toHaveLength(2);
    expect(records[1]).toEqual({ id: 3 });
    expect(issues).toEqual([expect.objectContaining({ kind: 'oversized', location: `${path}:2` })]);
  });

  test.each([
    ['by the .gz suffix', 'suffix.jsonl.gz'],
    ['by the magic bytes', 'magic.jsonl'],
  ])('gzip is detected %s', async (_how, name) => {
    const path = join(dir, name);
    await writeFile(path, gzipSync(lines(500)));
    const { records } = await readAll(file(path));
    expect(records).toHaveLength(500);
    expect(records[499]).toEqual({ id: 499 });
  });

  test('a corrupt gzip file is source-unavailable naming the file', async () => {
    const path = join(dir, 'corrupt.jsonl.gz');
    await writeFile(path, Buffer.concat([gzipSync(lines(10)).subarray(0, 12), Buffer.from('garbage-garbage')]));
    await expect(readAll(file(path))).rejects.toMatchObject({ code: 'source-unavailable', message: expect.stringContaining(path) });
  });
});

describe('JSON arrays', () => {
  test('streams the elements of a root array', async () => {
    const path = join(dir, 'array.json');
    await writeFile(path, '\uFEFF' + JSON.stringify(Array.from({ length: 2_000 }, (_, id) => ({ id, text: 'a,]}"' }))));
    const { records, issues } = await readAll(file(path));
    expect(records).toHaveLength(2_000);
    expect(records[1_999]).toEqual({ id: 1_999, text: 'a,]}"' });
    expect(issues).toEqual([]);
  });

  test('reads the array at the records pointer and reports a broken element', async () => {
    const path = join(dir, 'wrapped.json');
    await writeFile(path, '{"meta":{"n":3},"rows":[{"id":1},{"id":},{"id":3}]}');
    const source = createSource({ name: 'test', type: 'file', path, records: '/rows' });
    const { records, issues } = await readAll(source);
    expect(records).toEqual([{ id: 1 }, { id: 3 }]);
    expect(issues).toEqual([expect.objectContaining({ kind: 'malformed', location: `${path}#/rows/1` })]);
  });

  test('a truncated document keeps the records before the break and reports the file', async () => {
    const path = join(dir, 'truncated.json');
    await writeFile(path, '[{"id":1},{"id":2},{"id"');
    const { records, issues } = await readAll(file(path));
    expect(records).toEqual([{ id: 1 }, { id: 2 }]);
    expect(issues).toEqual([expect.objectContaining({ kind: 'truncated', location: path, message: expect.stringContaining('ended early') })]);
  });
});

describe('paths and globs', () => {
  beforeAll(async () => {
    await mkdir(join(dir, 'glob/2026/11'), { recursive: true });
    await mkdir(join(dir, 'glob/.hidden'), { recursive: true });
    await writeFile(join(dir, 'glob/b.jsonl'), lines(2, 10));
    await writeFile(join(dir, 'glob/a.jsonl.gz'), gzipSync(lines(2, 0)));
    await writeFile(join(dir, 'glob/2026/11/c.jsonl'), lines(1, 20));
    await writeFile(join(dir, 'glob/.hidden/d.jsonl'), lines(1, 30));
    await writeFile(join(dir, 'glob/notes.txt'), 'not data');
  });

  test.each([
    ['*', 'glob/*.jsonl*', [0, 1, 10, 11]],
    ['?', 'glob/?.jsonl', [10, 11]],
    ['**', 'glob/**/*.jsonl', [20, 10, 11]],
  ])('%s matches files in sorted order', async (_kind, pattern, ids) => {
    const { records } = await readAll(file(join(dir, pattern)));
    expect(records.map((r) => (r as { id: number }).id)).toEqual(ids);
  });

  test.each([
    ['a glob that matches nothing', 'glob/*.parquet', 'no files match'],
    ['a missing file', 'glob/missing.jsonl', 'check the path'],
  ])('%s is source-unavailable', async (_name, pattern, message) => {
    const error = await readAll(file(join(dir, pattern))).catch((e: unknown) => e);
    expect(isConcordError(error) && error.code).toBe('source-unavailable');
    expect((error as Error).message).toContain(message);
  });
});

describe('stopping', () => {
  test('the limit stops the read after that many records', async () => {
    const path = join(dir, 'limit.jsonl');
    await writeFile(path, lines(10_000));
    const { records, progress } = await readAll(file(path), { limit: 25 });
    expect(records).toHaveLength(25);
    expect(progress.at(-1)?.records).toBe(25);
  });

  test('an aborted signal ends the read quietly', async () => {
    const path = join(dir, 'abort.jsonl');
    await writeFile(path, lines(10_000));
    const controller = new AbortController();
    const records: unknown[] = [];
    for await (const record of file(path).open({ signal: controller.signal })) {
      records.push(record);
      if (records.length === 10) controller.abort();
    }
    expect(records).toHaveLength(10);
  });

  test.each(['jsonl', 'json', 'csv'])('leaving the loop early closes the %s file', async (format) => {
    const path = join(dir, `close.${format}`);
    const body =
      format === 'jsonl' ? lines(50_000) : format === 'json' ? JSON.stringify(Array.from({ length: 50_000 }, (_, id) => ({ id }))) : `id\n${Array.from({ length: 50_000 }, (_, i) => i).join('\n')}\n`;
    await writeFile(path, body);
    const before = await openFileCount();
    const { records } = await readAll(file(path), {}, 3);
    expect(records).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await openFileCount()).toBe(before);
  });

  test('progress is reported with bytes read', async () => {
    const path = join(dir, 'progress.jsonl');
    await writeFile(path, lines(2_500));
    const { progress } = await readAll(file(path));
    expect(progress.map((p) => p.records)).toEqual([1_000, 2_000, 2_500]);
    expect(progress.at(-1)?.bytes).toBeGreaterThan(10_000);
  });
});
