import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/*
 * Real `concord serve` processes for the end-to-end suites: started through tsx (no build
 * needed), always on 127.0.0.1 with a free port, found by the URL the server prints.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));

/** How long a server may take to print its URL: tsx start-up plus migrations on a cold disk. */
const START_TIMEOUT_MS = 30_000;

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

/** Output kept per stream: far more than start-up and a test's requests print, bounded for long benchmark runs. */
const MAX_KEPT_OUTPUT = 1024 * 1024;

export interface RegistryProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout matches `pattern` (within the start timeout); rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<void>;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** The environment without anything that would point a test server or CLI elsewhere. */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const key of ['CONCORD_URL', 'CONCORD_TOKEN', 'CONCORD_ADMIN_TOKEN', 'CONCORD_PUBLIC_READ', 'CONCORD_WEBHOOK_ALLOW_PRIVATE', 'DATABASE_URL', 'PORT']) delete env[key];
  return { ...env, ...extra };
}

/** Starts `concord serve --port 0 --host 127.0.0.1 ...args` and waits for its URL. */
export async function startRegistry(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<RegistryProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd: REPO_ROOT,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    if (out.length < MAX_KEPT_OUTPUT) out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    if (err.length < MAX_KEPT_OUTPUT) err += chunk;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`concord serve printed no URL within ${START_TIMEOUT_MS} ms:\n${out}\n${err}`));
    }, START_TIMEOUT_MS);
    const look = (): void => {
      const match = LISTENING.exec(out);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', look);
      resolve(match[1]);
    };
    child.stdout?.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`concord serve exited (${code}) before listening:\n${out}\n${err}`));
    });
  });
  return {
    url,
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`concord serve did not print ${pattern} within ${START_TIMEOUT_MS} ms:\n${out}\n${err}`)), START_TIMEOUT_MS);
        const look = (): void => {
          if (!pattern.test(out)) return;
          clearTimeout(timer);
          child.stdout?.off('data', look);
          resolve();
        };
        child.stdout?.on('data', look);
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`concord serve exited before printing ${pattern}:\n${out}\n${err}`));
        });
        look();
      }),
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
