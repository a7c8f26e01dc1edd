import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/*
 * Other processes for the SQLite tests that need real cross-process locking: inside one process
 * the handles on a file take turns before SQLite's own locks are ever contended.
 */

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(
  args: readonly string[],
  onStdout?: (text: string) => void,
  onSpawn?: (stdin: NodeJS.WritableStream) => void,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    onSpawn?.(child.stdin);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onStdout?.(stdout);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface StartedChild {
  /** Settles when the child has printed `ready` (it then waits for {@link go}). */
  readonly ready: Promise<void>;
  /** Tells the child to go on by writing a line to its stdin. */
  go(): void;
  readonly done: Promise<ChildResult>;
}

/**
 * Starts a TypeScript file of this folder in a new Node process (through tsx). Process start-up
 * takes a second or more, so children that must act together print `ready`, wait for a line on
 * stdin, and are all released at once with `go`.
 */
export function startTypeScriptChild(file: string, args: readonly string[]): StartedChild {
  let stdin: NodeJS.WritableStream | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const done = run(
    ['--import', 'tsx', fileURLToPath(new URL(file, import.meta.url)), ...args],
    (stdout) => {
      if (stdout.startsWith('ready\n')) markReady();
    },
    (input) => {
      stdin = input;
    },
  );
  return {
    ready: Promise.race([ready, done.then((result) => Promise.reject(new Error(`child exited before ready: ${result.stderr}`)))]),
    go: () => stdin?.end('go\n'),
    done,
  };
}

/**
 * Has another process take SQLite's write lock on `path` (`BEGIN IMMEDIATE`) and hold it for
 * `holdMs`. Resolves once the lock is held; `done` settles when the other process has let go.
 */
export function holdSqliteWriteLock(path: string, holdMs: number): Promise<{ readonly done: Promise<ChildResult> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));
  `;
  return new Promise((resolve, reject) => {
    let reported = false;
    const done = run(['-e', script, path, String(holdMs)], (stdout) => {
      if (!reported && stdout.includes('locked')) {
        reported = true;
        resolve({ done });
      }
    });
    done.then(
      (result) => {
        if (!reported) reject(new Error(`lock holder exited early: ${result.stderr}`));
      },
      reject,
    );
  });
}

/** Asks another process whether SQLite's write lock on `path` is free right now, without waiting. */
export async function probeSqliteWriteLock(path: string): Promise<'busy' | 'free'> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1], { timeout: 0 });
    try { db.exec('BEGIN IMMEDIATE'); db.exec('ROLLBACK'); process.stdout.write('free'); }
    catch (error) { if (error.code !== 'SQLITE_BUSY') throw error; process.stdout.write('busy'); }
  `;
  const result = await run(['-e', script, path]);
  if (result.code !== 0) throw new Error(`lock probe failed: ${result.stderr}`);
  return result.stdout === 'busy' ? 'busy' : 'free';
}
