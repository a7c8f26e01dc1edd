import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from './run-cli.js';

const OWNER = 'owner: { name: Dana Fischer, email: dana.fischer@example.com }';
const files: Record<string, string> = {
  'v1.contract.yaml': `contract: test.orders
version: 1.0.0
${OWNER}
compatibility: backward
schema:
  type: object
  properties:
    order_id: { type: string }
    amount: { type: number, minimum: 0 }
  required: [order_id]
`,
  'v2-breaking.contract.yaml': `contract: test.orders
version: 1.1.0
${OWNER}
compatibility: backward
schema:
  type: object
  properties:
    order_id: { type: string }
    amount: { type: number, minimum: 0 }
    customer_id: { type: string }
  required: [order_id, customer_id]
`,
  'missing-owner.contract.yaml': `contract: test.orders
version: 1.0.0
schema: { type: object }
`,
  'broken.yaml': 'contract: test.orders\nversion: [1.0\n',
  'old.schema.json': JSON.stringify({ type: 'object', properties: { id: { type: 'string' } } }),
  'new.schema.json': JSON.stringify({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }),
};

let dir = '';
const at = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-cli-'));
  for (const [name, text] of Object.entries(files)) await writeFile(at(name), text);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('concord (CLI)', () => {
  test('--help lists the commands and the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const word of ['lint', 'diff', 'rules', 'Exit codes']) expect(result.stdout).toContain(word);
  });

  test.each([['lint'], ['diff'], ['rules']])('%s --help explains itself', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: concord ${command}`);
  });

  test('an unknown command exits 2', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command/);
  });

  test('lint: a valid contract exits 0 and names it', async () => {
    const result = await runCli(['lint', at('v1.contract.yaml')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('test.orders 1.0.0 is valid');
  });

  test('lint: a contract without an owner exits 1 and says where', async () => {
    const result = await runCli(['lint', at('missing-owner.contract.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/missing-owner\.contract\.yaml:\d+:\d+: breaking .*owner/);
  });

  test('lint: JSON output carries every problem with its pointer', async () => {
    const result = await runCli(['lint', '--format', 'json', at('missing-owner.contract.yaml')]);
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as { valid: boolean; problems: { path: string; severity: string }[] };
    expect(parsed.valid).toBe(false);
    expect(parsed.problems.some((problem) => problem.severity === 'breaking')).toBe(true);
  });

  test.each([
    ['a YAML syntax error', 'broken.yaml', /broken\.yaml:\d+/],
    ['a missing file', 'does-not-exist.yaml', /does-not-exist\.yaml/],
  ])('lint: %s exits 2 with the file named', async (_label, name, message) => {
    const result = await runCli(['lint', at(name)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  test('diff: a new required field breaks backward and exits 1 with the JSON shape', async () => {
    const result = await runCli(['diff', at('v1.contract.yaml'), at('v2-breaking.contract.yaml'), '--format', 'json']);
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as Record<string, unknown> & {
      changes: { rule: string; severity: string; path: string; message: string }[];
    };
    expect(parsed).toMatchObject({ compatible: false, mode: 'backward', policy: 'strict', requiredBump: 'major' });
    const breaking = parsed.changes.filter((change) => change.severity === 'breaking');
    expect(breaking.length).toBeGreaterThan(0);
    expect(breaking.map((change) => change.message).join('\n')).toContain('customer_id');
    for (const change of parsed.changes) expect(Object.keys(change)).toEqual(expect.arrayContaining(['rule', 'severity', 'path', 'message', 'before', 'after']));
  });

  test('diff: the same change is compatible under forward and exits 0', async () => {
    const result = await runCli(['diff', at('v1.contract.yaml'), at('v2-breaking.contract.yaml'), '--mode', 'forward']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/compatible \(forward, strict\)/);
  });

  test('diff: text output puts breaking changes first and says the bump is too small', async () => {
    const result = await runCli(['diff', at('v1.contract.yaml'), at('v2-breaking.contract.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stdout.indexOf('Breaking')).toBeGreaterThan(-1);
    const other = result.stdout.indexOf('Other changes');
    if (other >= 0) expect(result.stdout.indexOf('Breaking')).toBeLessThan(other);
    expect(result.stdout).toContain('2.0.0');
  });

  test('diff: markdown output has a breaking table', async () => {
    const result = await runCli(['diff', at('v1.contract.yaml'), at('v2-breaking.contract.yaml'), '--format', 'markdown']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/### Breaking \(\d+\)/);
    expect(result.stdout).toContain('| change | rule | path | field |');
  });

  test('diff: identical documents have no changes', async () => {
    const result = await runCli(['diff', at('v1.contract.yaml'), at('v1.contract.yaml'), '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ compatible: true, requiredBump: 'none', changes: [] });
  });

  test.each([
    ['backward', 1],
    ['forward', 0],
    ['none', 0],
  ])('diff: bare schemas, a new required property under %s exits %i', async (mode, code) => {
    const result = await runCli(['diff', at('old.schema.json'), at('new.schema.json'), '--mode', mode]);
    expect(result.code).toBe(code);
  });

  test.each([
    [['--mode', 'sideways'], /unknown compatibility mode "sideways"/],
    [['--policy', 'loose'], /strict or lenient/],
    [['--format', 'yaml'], /unknown format "yaml"/],
  ])('diff: bad option %j exits 2', async (extra, message) => {
    const result = await runCli(['diff', at('old.schema.json'), at('new.schema.json'), ...extra]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  test('diff: an invalid contract exits 2 and points at lint', async () => {
    const result = await runCli(['diff', at('missing-owner.contract.yaml'), at('v1.contract.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a valid contract/);
  });

  test('rules: JSON lists the catalog with unique ids', async () => {
    const result = await runCli(['rules', '--format', 'json']);
    expect(result.code).toBe(0);
    const rules = JSON.parse(result.stdout) as { id: string }[];
    expect(rules.length).toBeGreaterThan(20);
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
  });

  test('rules --area drift lists the drift rule table, read health first', async () => {
    const result = await runCli(['rules', '--area', 'drift', '--format', 'json']);
    expect(result.code).toBe(0);
    const rules = (JSON.parse(result.stdout) as { id: string }[]).map((rule) => rule.id);
    expect(rules.slice(0, 3)).toEqual(['no-records-analysed', 'feed-unreadable', 'feed-truncated']);
    expect(rules).toContain('enum-value-unexpected');
  });
});
