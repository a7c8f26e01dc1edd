import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { changeFingerprint } from '../../contracts/index.js';
import { startRegistry } from '../e2e/registry-process.js';
import type { RegistryProcess } from '../e2e/registry-process.js';
import { runCli } from './run-cli.js';

/*
 * The same `.concord/rules.yaml` scenarios as rule-overrides-cli.test.ts, run through concord diff,
 * publish --dry-run and publish against a real registry (a `concord serve` child on a SQLite file):
 * the three must agree on the finding and on the verdict. Each scenario publishes a contract of its
 * own, so one scenario's publish is not the next one's history.
 */

const ADMIN_TOKEN = 'rules-publish-admin-token-0123456789abcdef';
/** Each case runs the real CLI in child processes, which takes seconds on a busy machine. */
const CLI_TIMEOUT_MS = 180_000;

const contract = (id: string, version: string, amountType: string): string => `contract: ${id}
version: ${version}
owner: { name: Dana Fischer, email: dana.fischer@example.com }
schema:
  type: object
  properties:
    order_id: { type: string }
    amount: { type: ${amountType} }
  required: [order_id, amount]
`;

interface Shown {
  readonly rule: string;
  readonly path: string;
  readonly severity: string;
  readonly fingerprint?: string;
  readonly accepted?: { readonly reason: string; readonly severity: string };
}

/** The breaking finding of the scenarios: the type of /amount changes. */
interface Seen {
  readonly rule: string;
  readonly path: string;
  readonly fingerprint: string;
}

const SCENARIOS: readonly [name: string, override: (seen: Seen) => string, code: number, shown: 'breaking' | 'warning' | 'accepted' | 'gone'][] = [
  ['no override', () => '', 1, 'breaking'],
  ['severity lowered to warning', (seen) => `  ${seen.rule}:\n    severity: warning\n`, 0, 'warning'],
  ['severity off', (seen) => `  ${seen.rule}:\n    severity: off\n`, 0, 'gone'],
  ['accepted until a later day', (seen) => `  ${seen.rule}:\n    accept:\n      - { fingerprint: ${seen.fingerprint}, reason: migration ticket 42, expires: 2999-12-31 }\n`, 0, 'accepted'],
  ['accepted, but expired', (seen) => `  ${seen.rule}:\n    accept:\n      - { fingerprint: ${seen.fingerprint}, reason: migration ticket 42, expires: 2000-01-01 }\n`, 1, 'breaking'],
];

let dir = '';
let server: RegistryProcess;
const at = (name: string): string => join(dir, name);
const registry = (): string[] => ['--url', server.url, '--token', ADMIN_TOKEN];

/** An entry point: how to run it on a scenario's files, and the findings it answered. */
const ENTRY_POINTS: readonly [name: string, args: (folder: string) => string[], findings: (stdout: string) => readonly Shown[]][] = [
  ['concord diff', (folder) => ['diff', at(`${folder}/v1.contract.yaml`), at(`${folder}/v2.contract.yaml`), '--format', 'json'], (stdout) => (JSON.parse(stdout) as { changes: Shown[] }).changes],
  ['concord publish --dry-run', (folder) => ['publish', at(`${folder}/v2.contract.yaml`), '--dry-run', '--format', 'json', ...registry()], (stdout) => (JSON.parse(stdout) as { changes: Shown[] }).changes],
  [
    'concord publish',
    (folder) => ['publish', at(`${folder}/v2.contract.yaml`), '--format', 'json', ...registry()],
    (stdout) => {
      const answer = JSON.parse(stdout) as { changes?: Shown[]; error?: { findings: Shown[] } };
      return answer.changes ?? answer.error?.findings ?? [];
    },
  ],
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-rules-publish-'));
  server = await startRegistry(['--db', at('registry.db')], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
}, CLI_TIMEOUT_MS);
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe.each(SCENARIOS.map((scenario, index) => [scenario[0], index, scenario] as const))('%s: diff, publish --dry-run and publish agree', { timeout: CLI_TIMEOUT_MS }, (_name, index, [, override, code, shown]) => {
  const folder = `s${index}`;
  const id = `test.orders_${index}`;
  let seen: Seen;
  beforeAll(async () => {
    await mkdir(at(folder));
    await writeFile(at(`${folder}/v1.contract.yaml`), contract(id, '1.0.0', 'integer'));
    await writeFile(at(`${folder}/v2.contract.yaml`), contract(id, '1.1.0', 'string'));
    const first = await runCli(['publish', at(`${folder}/v1.contract.yaml`), ...registry()]);
    if (first.code !== 0) throw new Error(`publishing ${id} 1.0.0 failed: ${first.stderr}`);
    const plain = await runCli(['diff', at(`${folder}/v1.contract.yaml`), at(`${folder}/v2.contract.yaml`), '--format', 'json']);
    const breaking = (JSON.parse(plain.stdout) as { changes: Shown[] }).changes.find((finding) => finding.severity === 'breaking');
    if (breaking === undefined) throw new Error(`diff found nothing breaking: ${plain.stdout}`);
    seen = { rule: breaking.rule, path: breaking.path, fingerprint: changeFingerprint(id, breaking) };
    const text = override(seen);
    await writeFile(at(`${folder}/rules.yaml`), text === '' ? 'rules: {}\n' : `rules:\n${text}`);
  }, CLI_TIMEOUT_MS);

  // In order: the dry run before the publish, which would otherwise answer for a version already there.
  test.each(ENTRY_POINTS)('%s', async (_entry, args, findings) => {
    const result = await runCli([...args(folder), '--rules', at(`${folder}/rules.yaml`)]);
    expect(result.code, result.stderr).toBe(code);
    const finding = findings(result.stdout).find((item) => item.rule === seen.rule && item.path === seen.path);
    if (shown === 'gone') expect(finding).toBeUndefined();
    else if (shown === 'accepted') expect(finding).toMatchObject({ severity: 'info', fingerprint: seen.fingerprint, accepted: { reason: 'migration ticket 42', severity: 'breaking' } });
    else expect(finding).toMatchObject({ severity: shown });
  });
});

describe('the registry side of publish overrides', { timeout: CLI_TIMEOUT_MS }, () => {
  test('an accepted breaking change is recorded with the version in the audit log', async () => {
    const response = await fetch(`${server.url}/api/audit?contract=test.orders_3`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/"accepted":\[\{"rule":"[a-z-]+","path":"[^"]*amount[^"]*","fingerprint":"[0-9a-f]{16}","reason":"migration ticket 42","expires":"2999-12-31","severity":"breaking"\}\]/);
  });

  test.each([
    ['a severity outside the vocabulary', { rules: { 'type-changed': { severity: 'fatal' } } }, /overrides: rules\.type-changed\.severity: severity must be one of breaking, warning, info, off/],
    ['a rule the publish does not judge', { rules: { 'no-such-rule': { severity: 'info' } } }, /overrides: unknown rule "no-such-rule"/],
    ['overrides that are not an object', { rules: 'all' }, /overrides: rules/],
  ])('a body whose overrides carry %s is a 400 naming the field, and nothing is stored', async (_name, overrides, message) => {
    const body = { contract: 'test.orders_bad', version: '1.0.0', owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' }, schema: { type: 'object' }, overrides };
    for (const path of ['/api/contracts', '/api/contracts/test.orders_bad/check']) {
      const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    expect((await fetch(`${server.url}/api/contracts/test.orders_bad`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(404);
  });
});
