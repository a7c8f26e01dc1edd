import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findRulesFile } from '../../cli/rules-file.js';
import { runCli, type CliResult } from './run-cli.js';

const OWNER = 'owner: { name: Dana Fischer, email: dana.fischer@example.com }';
const contract = (version: string, amountType: string): string => `contract: test.orders
version: ${version}
${OWNER}
schema:
  type: object
  properties:
    order_id: { type: string }
    amount: { type: ${amountType} }
  required: [order_id, amount]
`;
const RECORDS = Array.from({ length: 20 }, (_, index) => JSON.stringify({ order_id: `A-${index}`, amount: index })).join('\n');

interface Seen {
  readonly rule: string;
  readonly fingerprint: string;
}

/** An entry point that honours `.concord/rules.yaml`: how to run it and what it found. */
interface EntryPoint {
  readonly name: string;
  readonly run: (extra: readonly string[]) => Promise<CliResult>;
  /** The findings of a run, each with rule, severity, fingerprint and acceptance. */
  readonly findings: (stdout: string) => { rule: string; severity: string; fingerprint?: string; accepted?: { reason: string; severity: string } }[];
}

/** Each case runs the real CLI in a child process, which takes seconds on a busy machine. */
const CLI_TIMEOUT_MS = 120_000;

let dir = '';
const at = (name: string): string => join(dir, name);

const ENTRY_POINTS: readonly EntryPoint[] = [
  {
    name: 'concord diff',
    run: (extra) => runCli(['diff', at('v1.contract.yaml'), at('v2.contract.yaml'), '--format', 'json', ...extra]),
    findings: (stdout) => (JSON.parse(stdout) as { changes: ReturnType<EntryPoint['findings']> }).changes,
  },
  {
    name: 'concord check',
    run: (extra) => runCli(['check', '-c', at('v2.contract.yaml'), '-s', at('orders.jsonl'), '--baseline', 'none', '--format', 'json', ...extra]),
    findings: (stdout) => (JSON.parse(stdout) as { drift: ReturnType<EntryPoint['findings']> }).drift,
  },
];

/** Each override type, and what every entry point must answer under it: exit code, and how the breaking finding shows. */
const SCENARIOS: readonly [name: string, override: (seen: Seen) => string, code: number, shown: 'breaking' | 'warning' | 'accepted' | 'gone'][] = [
  ['no override', () => '', 1, 'breaking'],
  ['severity lowered to warning', (seen) => `  ${seen.rule}:\n    severity: warning\n`, 0, 'warning'],
  ['severity off', (seen) => `  ${seen.rule}:\n    severity: off\n`, 0, 'gone'],
  ['accepted until a later day', (seen) => `  ${seen.rule}:\n    accept:\n      - { fingerprint: ${seen.fingerprint}, reason: migration ticket 42, expires: 2999-12-31 }\n`, 0, 'accepted'],
  ['accepted, but expired', (seen) => `  ${seen.rule}:\n    accept:\n      - { fingerprint: ${seen.fingerprint}, reason: migration ticket 42, expires: 2000-01-01 }\n`, 1, 'breaking'],
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-rules-'));
  await mkdir(at('.concord'));
  await writeFile(at('v1.contract.yaml'), contract('1.0.0', 'integer'));
  await writeFile(at('v2.contract.yaml'), contract('1.1.0', 'string'));
  await writeFile(at('orders.jsonl'), `${RECORDS}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(ENTRY_POINTS.map((entry) => [entry.name, entry] as const))('%s honours .concord/rules.yaml', { timeout: CLI_TIMEOUT_MS }, (_name, entry) => {
  let seen: Seen;
  beforeAll(async () => {
    await writeFile(at('.concord/rules.yaml'), 'rules: {}\n');
    const plain = await entry.run(['--rules', at('.concord/rules.yaml')]);
    const breaking = entry.findings(plain.stdout).find((finding) => finding.severity === 'breaking');
    if (breaking?.fingerprint === undefined) throw new Error(`${entry.name} found nothing breaking: ${plain.stdout}${plain.stderr}`);
    seen = { rule: breaking.rule, fingerprint: breaking.fingerprint };
  }, CLI_TIMEOUT_MS);

  test.each(SCENARIOS)('%s', async (_scenario, override, code, shown) => {
    const text = override(seen);
    await writeFile(at('.concord/rules.yaml'), text === '' ? 'rules: {}\n' : `rules:\n${text}`);
    const result = await entry.run(['--rules', at('.concord/rules.yaml')]);
    expect(result.code, result.stderr).toBe(code);
    const finding = entry.findings(result.stdout).find((item) => item.fingerprint === seen.fingerprint);
    if (shown === 'gone') expect(finding).toBeUndefined();
    else if (shown === 'accepted') expect(finding).toMatchObject({ severity: 'info', accepted: { reason: 'migration ticket 42', severity: 'breaking' } });
    else expect(finding).toMatchObject({ severity: shown });
    if (_scenario.includes('expired')) expect(result.stderr).toMatch(new RegExp(`${seen.fingerprint}.*expired on 2000-01-01`));
  });
});

describe('a malformed rules file', { timeout: CLI_TIMEOUT_MS }, () => {
  test.each([
    ['an unknown severity names file, line and field', 'rules:\n  type-changed:\n    severity: fatal\n', /rules\.yaml:3: rules\.type-changed\.severity: severity must be one of breaking, warning, info, off/],
    ['an unknown rule id names the id', 'rules:\n  type-chnaged:\n    severity: info\n', /rules\.yaml:2: unknown rule "type-chnaged"/],
    ['a bad expiry names its line', 'rules:\n  type-changed:\n    accept:\n      - { fingerprint: 0123456789abcdef, reason: r, expires: soon }\n', /rules\.yaml:4: .*expires must be a day, YYYY-MM-DD/],
    ['an unknown key', 'rules:\n  type-changed:\n    level: info\n', /rules\.yaml:2: rules\.type-changed: unknown key "level"/],
  ])('%s, exits 2 and changes nothing', async (_name, text, message) => {
    await writeFile(at('.concord/rules.yaml'), text);
    const result = await runCli(['diff', at('v1.contract.yaml'), at('v2.contract.yaml'), '--rules', at('.concord/rules.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

test('without --rules the nearest .concord/rules.yaml from the working directory upward is used', async () => {
  await mkdir(at('deep/er'), { recursive: true });
  expect(findRulesFile(at('deep/er'))).toBe(at('.concord/rules.yaml'));
  expect(findRulesFile(tmpdir())).toBeUndefined();
});
