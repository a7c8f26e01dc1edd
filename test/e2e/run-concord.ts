import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cleanEnv, REPO_ROOT } from './registry-process.js';

const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));

export interface ConcordResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one `concord` command (through tsx) with a clean environment plus `env`. */
export function concord(args: readonly string[], env: Readonly<Record<string, string>> = {}, cwd: string = REPO_ROOT): Promise<ConcordResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd, env: cleanEnv(env), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}
