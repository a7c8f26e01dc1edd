import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expandGlob } from '../../../checker/sources/file/glob.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-glob-'));
  for (const path of ['a/x1.jsonl', 'a/x2.jsonl', 'a/b/x3.jsonl', 'a/b/c/x4.jsonl', 'a/.x5.jsonl', 'a/y.csv', 'a/[z].jsonl', 'B.jsonl']) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), '');
  }
  // A directory link back to the root: `**` must not follow it round and round.
  await symlink(dir, join(dir, 'a/b/loop'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const relative = (paths: string[]): string[] => paths.map((p) => p.slice(dir.length + 1));

describe('expandGlob', () => {
  test.each([
    ['a/*.jsonl', ['a/[z].jsonl', 'a/x1.jsonl', 'a/x2.jsonl']],
    ['a/x?.jsonl', ['a/x1.jsonl', 'a/x2.jsonl']],
    ['a/**/*.jsonl', ['a/[z].jsonl', 'a/b/c/x4.jsonl', 'a/b/x3.jsonl', 'a/x1.jsonl', 'a/x2.jsonl']],
    ['**/x4.jsonl', ['a/b/c/x4.jsonl']],
    ['a/.*.jsonl', ['a/.x5.jsonl']],
    ['*/b/*', ['a/b/x3.jsonl']],
    ['a/*.parquet', []],
  ])('%s', async (pattern, want) => {
    expect(relative(await expandGlob(join(dir, pattern)))).toEqual(want);
  });

  test('a path without glob characters is returned as it is', async () => {
    expect(await expandGlob('/no/such/file.jsonl')).toEqual(['/no/such/file.jsonl']);
  });

  test('maxFiles matches are allowed and one more is a too-large error', async () => {
    await expect(expandGlob(join(dir, 'a/**/*.jsonl'), 5)).resolves.toHaveLength(5);
    await expect(expandGlob(join(dir, 'a/**/*.jsonl'), 4)).rejects.toMatchObject({ code: 'too-large' });
  });

  test('a pattern ending in ** is refused with what to write instead', async () => {
    await expect(expandGlob(join(dir, 'a/**'))).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('**/*.jsonl') });
  });
});
