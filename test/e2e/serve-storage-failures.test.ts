import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrateToLatest } from '../../registry/storage/migrate.js';
import { openDatabase } from '../../registry/storage/open-database.js';
import { concord } from './run-concord.js';

/*
 * `concord serve` on a database it cannot use says so in one line naming the file and the reason,
 * exits 2, and prints no stack. The tests run as root in CI, and root ignores permission bits, so
 * the read-only database is made read-only for SQLite itself: a file-format write version above 2
 * (byte 18 of the header) makes SQLite treat the file as read-only, as a newer format would
 * (https://www.sqlite.org/fileformat.html, "File format version numbers"), whoever opens it.
 */

let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'concord-serve-storage-'));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** A migrated registry database whose header says it must only be read. */
async function readOnlyDatabase(): Promise<string> {
  const path = join(folder, 'read-only.db');
  const database = await openDatabase({ sqlitePath: path });
  await migrateToLatest(database.db);
  await database.close();
  const file = openSync(path, 'r+');
  writeSync(file, Buffer.from([3]), 0, 1, 18);
  closeSync(file);
  return path;
}

function notADatabase(): string {
  const path = join(folder, 'notes.db');
  writeFileSync(path, 'these are notes, not a database, and long enough to fill a header; '.repeat(10));
  return path;
}

function aFolder(): string {
  const path = join(folder, 'a-folder.db');
  mkdirSync(path, { recursive: true });
  return path;
}

function underAFile(): string {
  const file = join(folder, 'plain-file');
  writeFileSync(file, 'x');
  return join(file, 'registry.db');
}

describe('concord serve on a database it cannot use', () => {
  test.each([
    ['a read-only database', readOnlyDatabase, /is read-only \(SQLITE_READONLY\): give the registry write access/],
    ['a file that is not a database', notADatabase, /is not a SQLite database \(SQLITE_NOTADB\)/],
    ['a folder', aFolder, /cannot be opened \(SQLITE_CANTOPEN/],
    ['a path under a plain file', underAFile, /its folder cannot be created or read \((ENOTDIR|EEXIST)/],
  ])('%s: one line naming the file and the reason, exit 2, no stack', async (_what, make, reason) => {
    const path = await make();
    const result = await concord(['serve', '--db', path, '--port', '0', '--host', '127.0.0.1']);
    expect(result.code, result.stderr).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`cannot use the SQLite database ${path}: `);
    expect(lines[0]).toMatch(reason);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toMatch(/listening/);
  });
});
