import { spawn } from 'node:child_process';
import { createReadStream, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_LINE_BYTES } from '../../checker/sources/limits.js';
import { writeOrdersContract } from './feed-contract.js';
import { REPO_ROOT, cleanEnv } from './registry-process.js';
import { concord } from './run-concord.js';

const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));

const ORDER = (index: number): string => `{"order_id":"A-${index}","amount":${index % 500},"status":"paid"}`;

/** `count` valid order lines, with `replace` giving other bytes for some of them. */
function jsonLines(count: number, replace: (index: number) => Buffer | undefined = () => undefined): Buffer {
  return Buffer.concat(Array.from({ length: count }, (_, index) => Buffer.concat([replace(index) ?? Buffer.from(ORDER(index)), Buffer.from('\n')])));
}

/** Two MB of bytes that are no text format at all (seeded, so every run sees the same garbage). */
function garbage(): Buffer {
  const bytes = Buffer.alloc(2 * 1024 * 1024);
  let state = 12345;
  for (let i = 0; i < bytes.length; i += 1) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = state >>> 16;
  }
  return bytes;
}

const BAD_UTF8_LINE = Buffer.concat([Buffer.from('{"order_id":"A-'), Buffer.from([0xc3, 0x28]), Buffer.from('","amount":1,"status":"paid"}')]);

interface Scenario {
  readonly name: string;
  readonly file: string;
  readonly bytes: () => Buffer;
  /** The verdict both commands give; `unreadable` when both must refuse the input (exit 2). */
  readonly verdict: 'pass' | 'warn' | 'breaking' | 'unreadable';
  /** The read-health rule the check reports, when any. */
  readonly rule?: string;
  /** Read issues the check counts. */
  readonly issues?: number;
  /** Phrases of the check's output (JSON report or error message). */
  readonly says?: readonly string[];
}

/** JSON Lines inputs: each runs through `concord check` and `concord gate`, which must agree. */
const SHARED: readonly Scenario[] = [
  {
    name: 'invalid UTF-8 in 1 of 4 lines',
    file: 'bad-utf8.jsonl',
    bytes: () => jsonLines(4, (index) => (index === 2 ? BAD_UTF8_LINE : undefined)),
    verdict: 'breaking',
    rule: 'feed-unreadable',
    issues: 1,
    // Line 3 starts after two order lines of 43 bytes and their newlines; the bad byte is 15 bytes in.
    says: [`invalid UTF-8 at byte offset ${2 * (ORDER(0).length + 1) + 15} (line 3)`],
  },
  {
    name: 'a single line one byte over the line limit',
    file: 'oversized.jsonl',
    bytes: () => Buffer.from(`{"order_id":"${'x'.repeat(MAX_LINE_BYTES - 14)}"}\n`),
    verdict: 'breaking',
    rule: 'no-records-analysed',
    issues: 1,
    says: ['none of the 1 records of the input could be read (1 over the line limit)'],
  },
  {
    name: '0.5% malformed lines',
    file: 'half-percent.jsonl',
    bytes: () => jsonLines(1_000, (index) => (index % 200 === 7 ? Buffer.from('{"order_id": oops') : undefined)),
    verdict: 'pass',
    issues: 5,
  },
  {
    name: '5% malformed lines',
    file: 'five-percent.jsonl',
    bytes: () => jsonLines(1_000, (index) => (index % 20 === 3 ? Buffer.from('not json at all') : undefined)),
    verdict: 'warn',
    rule: 'feed-unreadable',
    issues: 50,
  },
  {
    name: 'two MB of binary garbage',
    file: 'garbage.jsonl',
    bytes: garbage,
    verdict: 'unreadable',
    says: ['is not JSON Lines'],
  },
];

/** Formats only `check` reads. */
const CHECK_ONLY: readonly Scenario[] = [
  {
    name: 'invalid UTF-8 in a CSV row',
    file: 'bad-utf8.csv',
    bytes: () => Buffer.concat([Buffer.from('order_id,amount,status\nA-1,1,paid\nA-2,2,paid\n'), Buffer.from('A-'), Buffer.from([0xff]), Buffer.from(',3,paid\nA-4,4,paid\n')]),
    verdict: 'breaking',
    rule: 'feed-unreadable',
    issues: 1,
    says: ['invalid UTF-8 at byte offset 47 (line 4)'],
  },
  {
    name: 'a CSV where 3 of 4 data rows are malformed',
    file: 'three-of-four.csv',
    bytes: () => Buffer.from('order_id,amount,status\nA-1,1,paid\nA-2,2\nA-3\nA-4,4,paid,extra\n'),
    verdict: 'breaking',
    rule: 'feed-unreadable',
    issues: 3,
    says: ['3 of 4 records (75%) could not be read'],
  },
  {
    name: 'a JSON array that never closes',
    file: 'unclosed.json',
    bytes: () => Buffer.from(`[${ORDER(1)},${ORDER(2)},{"order_id":"A-3","amo`),
    verdict: 'breaking',
    rule: 'feed-truncated',
    issues: 1,
    says: ['ended early'],
  },
  {
    name: 'a JSON document of binary garbage',
    file: 'garbage.json',
    bytes: garbage,
    verdict: 'unreadable',
    says: ['is not a JSON document'],
  },
];

interface Outcome {
  readonly code: number | null;
  readonly verdict: string;
  readonly text: string;
}

let dir: string;
let contract: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'concord-read-health-'));
  contract = await writeOrdersContract(dir);
  for (const scenario of [...SHARED, ...CHECK_ONLY]) await fs.writeFile(join(dir, scenario.file), scenario.bytes());
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function check(scenario: Scenario): Promise<Outcome> {
  const run = await concord(['check', '-c', contract, '-s', join(dir, scenario.file), '--format', 'json', '--baseline', 'none']);
  if (run.code === 2) return { code: 2, verdict: 'unreadable', text: run.stderr };
  const report = JSON.parse(run.stdout) as { verdict: string; readIssues: { count: number }; drift: { rule: string }[] };
  expect(report.readIssues.count).toBe(scenario.issues ?? 0);
  const readRules = report.drift.map((finding) => finding.rule).filter((rule) => ['feed-unreadable', 'feed-truncated', 'no-records-analysed'].includes(rule));
  expect(readRules).toEqual(scenario.rule === undefined ? [] : [scenario.rule]);
  return { code: run.code, verdict: report.verdict, text: run.stdout };
}

/** `concord gate --allow-invalid` with the file on stdin: its exit code and the read verdict its summary states. */
function gate(scenario: Scenario): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'gate', '-c', contract, '-d', join(dir, `${scenario.file}.dead`), '--allow-invalid'], {
      cwd: REPO_ROOT,
      env: cleanEnv(),
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => undefined);
    createReadStream(join(dir, scenario.file)).pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      const verdict = code === 2 ? 'unreadable' : (/read health: (\w+)/.exec(stderr)?.[1] ?? 'none');
      resolve({ code, verdict, text: stderr });
    });
  });
}

const EXIT = { pass: 0, warn: 0, breaking: 1, unreadable: 2 } as const;

// Each case spawns the CLI through tsx, which takes seconds on a busy machine.
describe('read health is part of the verdict', { timeout: 120_000 }, () => {
  test.each(SHARED.map((scenario) => [scenario.name, scenario] as const))('%s: check and gate give the same verdict', async (_name, scenario) => {
    const [checked, gated] = [await check(scenario), await gate(scenario)];
    expect(checked.verdict).toBe(scenario.verdict);
    expect(checked.code).toBe(EXIT[scenario.verdict]);
    expect(gated.verdict).toBe(checked.verdict);
    expect(gated.code).toBe(checked.code);
    for (const phrase of scenario.says ?? []) expect(checked.text).toContain(phrase);
    if (scenario.verdict === 'unreadable') expect(gated.text).toContain('stdin is not JSON Lines');
  });

  test.each(CHECK_ONLY.map((scenario) => [scenario.name, scenario] as const))('%s: concord check', async (_name, scenario) => {
    const checked = await check(scenario);
    expect(checked.verdict).toBe(scenario.verdict);
    expect(checked.code).toBe(EXIT[scenario.verdict]);
    for (const phrase of scenario.says ?? []) expect(checked.text).toContain(phrase);
  });
});
