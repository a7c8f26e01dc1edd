import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CheckReport } from '../../checker/model.js';
import { writeOrdersContract } from './feed-contract.js';
import { concord } from './run-concord.js';
import { REPO_ROOT, cleanEnv } from './registry-process.js';

const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));

interface GateRun {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs `concord gate` (from the repository, where tsx resolves) with `input` piped to stdin and stdout going to `outFile`. */
function gate(args: readonly string[], input: Readable, outFile: string): Promise<GateRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'gate', ...args], { cwd: REPO_ROOT, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const written = new Promise<void>((done) => child.stdout.pipe(createWriteStream(outFile)).on('finish', () => done()));
    // The child may exit before reading stdin (bad arguments); that is an answer, not a test failure.
    child.stdin.on('error', () => undefined);
    input.pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => void written.then(() => resolve({ code, stderr })));
  });
}

const ORDER = (index: number): string => `{"order_id":"A-${index}","amount":${index % 500},"status":"paid"}`;

let dir: string;
let contract: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'concord-gate-'));
  contract = await writeOrdersContract(dir);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function lines(path: string): Promise<string[]> {
  const text = await fs.readFile(path, 'utf8').catch(() => '');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

// Each case spawns the CLI through tsx, which takes seconds on a busy machine.
describe('concord gate', { timeout: 90_000 }, () => {
  test('valid lines go to stdout byte for byte, the rest to the dead-letter file with errors, exit 1', async () => {
    const input = [ORDER(1), '{"order_id":"A-2","amount":"12","status":"paid"}', '{ broken', `${ORDER(3)}\r`, '{"order_id":"A-4","amount":5,"status":"lost"}', `  ${ORDER(5)}  `].join('\n');
    const out = join(dir, 'valid-1.jsonl');
    const dead = join(dir, 'dead-1.jsonl');
    const run = await gate(['--contract', contract, '--dead-letter', dead], Readable.from([input]), out);
    expect(run.code).toBe(1);
    expect(await fs.readFile(out, 'utf8')).toBe(`${ORDER(1)}\n${ORDER(3)}\r\n  ${ORDER(5)}  \n`);
    const letters = (await lines(dead)).map((line) => JSON.parse(line) as { line: number; record?: unknown; raw?: string; errors: { path: string; keyword: string; message: string }[] });
    expect(letters.map((letter) => letter.line)).toEqual([2, 3, 5]);
    expect(letters[0]).toMatchObject({ record: { amount: '12' }, errors: [{ path: '/amount', keyword: 'type' }] });
    expect(letters[1]).toMatchObject({ raw: '{ broken', errors: [{ path: '', keyword: 'json' }] });
    expect(letters[2]?.errors).toEqual([expect.objectContaining({ path: '/status', keyword: 'enum' })]);
    expect(run.stderr).toContain('shop.orders 2.1.0: 6 lines in, 3 valid out, 3 dead-lettered');
    expect(run.stderr).toContain(dead);
  });

  // One decision on blank lines and a leading byte-order mark (jsonLineText): check and gate must agree on every feed.
  test.each([
    ['a trailing blank line', `${ORDER(1)}\n${ORDER(2)}\n\n`, 2],
    ['blank and whitespace lines inside', `${ORDER(1)}\n\n   \n\t\n${ORDER(2)}\n`, 2],
    ['CRLF with a blank CRLF line', `${ORDER(1)}\r\n\r\n${ORDER(2)}\r\n`, 2],
    ['a byte-order mark on line 1', `\uFEFF${ORDER(1)}\n${ORDER(2)}\n`, 2],
    ['a malformed line among blanks', `${ORDER(1)}\n\n{ broken\n\n`, 1],
  ])('%s: check and gate count the same records', async (name, text, records) => {
    const slug = name.replace(/\W+/g, '-');
    const feed = join(dir, `${slug}.jsonl`);
    await fs.writeFile(feed, text);
    const checked = await concord(['check', '-c', contract, '-s', feed, '--format', 'json', '--baseline', 'none']);
    const report = JSON.parse(checked.stdout) as CheckReport;
    const dead = join(dir, `${slug}.dead.jsonl`);
    const run = await gate(['--contract', contract, '--dead-letter', dead], Readable.from([Buffer.from(text)]), join(dir, `${slug}.out.jsonl`));
    const deadLines = await lines(dead);
    expect(report.read).toBe(records);
    expect(report.readIssues.count).toBe(deadLines.length);
    expect(run.stderr).toMatch(new RegExp(`${records} valid out, ${deadLines.length} dead-lettered`));
    expect(run.code).toBe(deadLines.length === 0 ? 0 : 1);
  });

  test('every valid: exit 0 and an empty dead-letter file; --allow-invalid turns 1 into 0', async () => {
    const dead = join(dir, 'dead-2.jsonl');
    const clean = await gate(['-c', contract, '-d', dead], Readable.from([`${ORDER(1)}\n${ORDER(2)}\n`]), join(dir, 'valid-2.jsonl'));
    expect(clean.code).toBe(0);
    expect(await lines(dead)).toEqual([]);
    const allowed = await gate(['-c', contract, '-d', dead, '--allow-invalid'], Readable.from(['{"order_id":"A-9","amount":-1,"status":"paid"}\n']), join(dir, 'valid-3.jsonl'));
    expect(allowed.code).toBe(0);
    expect(await lines(dead)).toHaveLength(1);
    // --allow-invalid covers records the schema rejects, not input that cannot be read at all.
    const unreadable = await gate(['-c', contract, '-d', dead, '--allow-invalid'], Readable.from(['nope\n']), join(dir, 'valid-4.jsonl'));
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain('read health: breaking');
    expect(await lines(dead)).toHaveLength(2);
  });

  test('200,000 streamed lines: lines in = valid out + dead-lettered, nothing lost', async () => {
    const total = 200_000;
    const feed = join(dir, 'big.jsonl');
    await new Promise<void>((resolve, reject) => {
      const stream = createWriteStream(feed);
      function* records() {
        for (let index = 0; index < total; index += 1) yield `${index % 97 === 0 ? '{"order_id":1}' : index % 1009 === 0 ? '{oops' : ORDER(index)}\n`;
      }
      Readable.from(records()).pipe(stream).on('finish', resolve).on('error', reject);
    });
    const out = join(dir, 'valid-big.jsonl');
    const dead = join(dir, 'dead-big.jsonl');
    const run = await gate(['-c', contract, '-d', dead], createReadStream(feed), out);
    const [valid, letters] = [await lines(out), await lines(dead)];
    const expectedInvalid = Array.from({ length: total }, (_, index) => index % 97 === 0 || index % 1009 === 0).filter(Boolean).length;
    expect(run.code).toBe(1);
    expect(valid.length + letters.length).toBe(total);
    expect(letters.length).toBe(expectedInvalid);
    expect(run.stderr).toContain(`${total} lines in, ${total - expectedInvalid} valid out, ${expectedInvalid} dead-lettered`);
  }, 120_000);

  test.each([
    [['--contract', 'missing/orders.contract.yaml'], 'missing/orders.contract.yaml'],
    [[], "required option '-c, --contract"],
  ])('could not run (%j): exit 2 with a clear message', async (args, message) => {
    const run = await gate(args, Readable.from([`${ORDER(1)}\n`]), join(dir, 'valid-x.jsonl'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test('an unwritable dead-letter file stops the gate before it reads: exit 2 naming the path', async () => {
    const dead = join(dir, 'no-such-folder', 'dead.jsonl');
    const run = await gate(['-c', contract, '-d', dead], Readable.from([`${ORDER(1)}\n`]), join(dir, 'valid-y.jsonl'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(dead);
  });
});
