import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeOrdersContract } from '../e2e/feed-contract.js';
import { cleanEnv } from '../e2e/registry-process.js';
import { REPO_ROOT } from './run-cli.js';

/*
 * `concord gate` as a Unix filter whose neighbours misbehave: a reader of stdout that leaves after
 * the first line (`concord gate ... < feed.jsonl | head -1`) and a dead-letter file on a full disk.
 */

const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));

/** Lines in the feed: far more than one pipe buffer of output, so the gate is still reading when the reader leaves. */
const FEED_LINES = 200_000;

/** Every tenth record lacks its amount, so dead letters are written all along the feed. */
const record = (index: number): string => (index % 10 === 0 ? `{"order_id":"A-${index}","status":"paid"}` : `{"order_id":"A-${index}","amount":${index % 500},"status":"paid"}`);

interface GateRun {
  readonly code: number | null;
  readonly stderr: string;
  readonly firstLine: string;
}

/** A stack frame line as Node prints it in an uncaught error or an "unexpected failure". */
const STACK_FRAME = /^\s+at .+/m;

/**
 * Runs the real `concord gate` through tsx with the feed file on stdin, reads its stdout until the
 * first newline and then closes it, as `head -1` does.
 */
function gateIntoHead(args: readonly string[], feed: string): Promise<GateRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'gate', ...args], { cwd: REPO_ROOT, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let out = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) child.stdout.destroy();
    });
    // The gate stops reading stdin once its reader is gone, so feeding it ends in EPIPE here: expected.
    child.stdin.on('error', () => undefined);
    createReadStream(feed).pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, firstLine: out.split('\n')[0] ?? '' }));
  });
}

/** Runs the real `concord gate` with the feed file on stdin and stdout thrown away. */
function gateToEnd(args: readonly string[], feed: string): Promise<{ readonly code: number | null; readonly stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'gate', ...args], { cwd: REPO_ROOT, env: cleanEnv(), stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => undefined);
    createReadStream(feed).pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

let dir: string;
let contract: string;
let feed: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'concord-gate-pipe-'));
  contract = await writeOrdersContract(dir);
  feed = join(dir, 'feed.jsonl');
  function* lines() {
    for (let index = 0; index < FEED_LINES; index += 1) yield `${record(index)}\n`;
  }
  await finished(Readable.from(lines()).pipe(createWriteStream(feed)));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

// Each case spawns the CLI through tsx, which takes seconds on a busy machine.
describe('concord gate in a pipeline', { timeout: 60_000 }, () => {
  test('stdout closed after the first line: exit 141 in silence, stops reading early, dead letters are whole lines', async () => {
    const dead = join(dir, 'dead-head.jsonl');
    const run = await gateIntoHead(['--contract', contract, '--dead-letter', dead], feed);
    expect(run.firstLine).toBe(record(1));
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr).not.toContain('Unhandled');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(141);
    const text = await fs.readFile(dead, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const letters = text.replace(/\n$/, '').split('\n').map((line) => JSON.parse(line) as { line: number; errors: unknown[] });
    expect(letters[0]).toMatchObject({ line: 1, errors: [expect.objectContaining({ keyword: 'required' })] });
    expect(letters.every((letter, index) => letter.line === 1 + index * 10)).toBe(true);
    // Stopped reading long before the end of the feed, rather than gating it all into a closed pipe.
    expect(letters.length).toBeLessThan(FEED_LINES / 10 / 2);
  });

  test.skipIf(!existsSync('/dev/full'))('a dead-letter file on a full disk: exit 2 naming it, no stack trace', async () => {
    const run = await gateToEnd(['--contract', contract, '--dead-letter', '/dev/full'], feed);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr).toContain('cannot write to the dead-letter file /dev/full: ENOSPC');
    expect(run.code).toBe(2);
  });
});
