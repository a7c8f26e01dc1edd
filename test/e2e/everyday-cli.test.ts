import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_LIST_LIMIT } from '../../cli/command-output.js';
import { concord } from './run-concord.js';
import { cleanEnv, REPO_ROOT, startRegistry } from './registry-process.js';
import type { RegistryProcess } from './registry-process.js';

/*
 * The everyday registry commands against a real `concord serve`: listing and showing, the
 * consumer role's own consumers, owner-only writes, transfer by name, and every listing piped
 * into a reader that leaves early.
 */

/** Each CLI run starts a Node process (through tsx): a second or two alone, several under load. */
const CLI_TEST_TIMEOUT_MS = 180_000;

const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));
const ADMIN_TOKEN = 'e2e-everyday-admin-token-0123456789abcdefghij';
const EXAMPLES = join(REPO_ROOT, 'contracts', 'examples');

/** A stack frame line as Node prints it in an uncaught error or an "unexpected failure". */
const STACK_FRAME = /^\s+at .+/m;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

let folder: string;
let server: RegistryProcess;
const tokens: Record<'priya' | 'sam' | 'agent', string> = { priya: '', sam: '', agent: '' };

async function createToken(name: string, role: string, namespaces?: string[]): Promise<string> {
  const response = await fetch(`${server.url}/api/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, role, ...(namespaces === undefined ? {} : { namespaces }) }),
  });
  const body = (await response.json()) as { token: string };
  if (response.status !== 201) throw new Error(`token ${name}: ${JSON.stringify(body)}`);
  return body.token;
}

/** `concord ...` as `who`, against the test registry. */
const as = (who: keyof typeof tokens | 'admin', args: readonly string[]) =>
  concord([...args, '--url', server.url, '--token', who === 'admin' ? ADMIN_TOKEN : tokens[who]]);

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'concord-e2e-everyday-'));
  cpSync(EXAMPLES, join(folder, 'examples'), { recursive: true });
  server = await startRegistry(['--db', join(folder, 'registry.db')], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
  tokens.priya = await createToken('Priya Raman', 'publisher', ['commerce']);
  tokens.sam = await createToken('Sam Roe', 'publisher', ['commerce']);
  tokens.agent = await createToken('Support agents', 'consumer');
  for (const name of ['orders-v1.contract.yaml', 'orders.contract.yaml', 'customers.contract.yaml']) {
    const published = await as('priya', ['publish', join(folder, 'examples', name)]);
    if (published.code !== 0) throw new Error(published.stderr);
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('the everyday commands against a running registry', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  test('contracts lists and searches, text and JSON, naming the owning principal', async () => {
    const [all, search, json] = await Promise.all([as('agent', ['contracts']), as('agent', ['contracts', 'customer']), as('agent', ['contracts', '--format', 'json'])]);
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n')[0]).toMatch(/^commerce\.customers\s+1\.0\.0\s+active\s+Priya Raman\s+/);
    expect(all.stdout).toMatch(/^commerce\.orders\s+2\.1\.0\s+active\s+Priya Raman/m);
    expect(all.stdout).not.toMatch(UUID);
    expect(search.stdout.trim().split('\n')).toHaveLength(1);
    const page = JSON.parse(json.stdout) as { items: { contract: string; ownerPrincipal: string; ownerPrincipalName: string }[]; total: number };
    expect(page.total).toBe(2);
    expect(page.items[0]).toMatchObject({ ownerPrincipalName: 'Priya Raman', ownerPrincipal: expect.stringMatching(UUID) });
  });

  test('show, versions and resolve name the publisher, not its id', async () => {
    const [show, versions, resolve] = await Promise.all([
      as('agent', ['show', 'commerce.orders']),
      as('agent', ['versions', 'commerce.orders']),
      as('agent', ['resolve', 'commerce.orders@^2']),
    ]);
    for (const run of [show, versions, resolve]) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('by Priya Raman');
      expect(run.stdout).not.toMatch(UUID);
    }
    expect(show.stdout).toMatch(/owned by\s+Priya Raman/);
    const json = JSON.parse((await as('agent', ['show', 'commerce.orders', '--format', 'json'])).stdout) as { versions: { publishedByName: string }[] };
    expect(json.versions.map((version) => version.publishedByName)).toEqual(['Priya Raman', 'Priya Raman']);
  });

  test('a consumer token registers, pins, hooks, unpins and removes its own consumer, and may not publish', async () => {
    const pinned = await as('agent', ['pin', 'commerce.orders@^2', '--consumer', 'agents.router', '--fields', 'order_id', '--contact-name', 'Kim Lee', '--contact-email', 'kim@example.com']);
    expect(pinned.code, pinned.stderr).toBe(0);
    const listed = await as('agent', ['consumers', 'list']);
    expect(listed.stdout).toMatch(/^agents\.router\s+Kim Lee <kim@example\.com>\s+by Support agents\s+no webhook$/m);
    const hooked = await as('agent', ['consumers', 'webhook', 'agents.router', 'https://hooks.example.com/router']);
    expect(hooked.stdout).toBe('agents.router posts change notices to https://hooks.example.com/router\n');
    const shown = await as('agent', ['consumers', 'show', 'agents.router', '--format', 'json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ name: 'agents.router', webhook: 'https://hooks.example.com/router', createdByName: 'Support agents', pins: [{ contract: 'commerce.orders', range: '^2', fields: ['order_id'] }] });
    const cleared = await as('agent', ['consumers', 'webhook', 'agents.router', '--clear']);
    expect(cleared.stdout).toBe('agents.router has no webhook now\n');

    const notHis = await as('sam', ['unpin', 'commerce.orders', '--consumer', 'agents.router']);
    expect(notHis.code).toBe(1);
    expect(notHis.stderr).toContain('Sam Roe may not unpin consumer agents.router: it was registered by Support agents');

    const unpinned = await as('agent', ['unpin', 'commerce.orders', '--consumer', 'agents.router']);
    expect(unpinned).toMatchObject({ code: 0, stdout: 'unpinned agents.router from commerce.orders\n' });
    await as('agent', ['pin', 'commerce.orders@^2', '--consumer', 'agents.router']);
    const removed = await as('agent', ['consumers', 'remove', 'agents.router', '--format', 'json']);
    expect(JSON.parse(removed.stdout)).toEqual({ name: 'agents.router', deleted: true, unpinned: ['commerce.orders'] });
    const gone = await as('agent', ['consumers', 'show', 'agents.router']);
    expect(gone.code).toBe(2);

    const publish = await as('agent', ['publish', join(folder, 'examples', 'payments.contract.yaml')]);
    expect(publish.code).toBe(1);
    expect(publish.stderr).toContain('Support agents (consumer) may not publish');
  });

  test('deprecate and yank: refused (1) for a non-owner, done (0) for the owner, and shown with who did it', async () => {
    const refused = await as('sam', ['deprecate', 'commerce.orders', '1.4.0', '--reason', 'use 2.x']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Sam Roe may not deprecate versions of commerce\.orders/);
    const deprecated = await as('priya', ['deprecate', 'commerce.orders', '1.4.0', '--reason', 'use 2.x']);
    expect(deprecated).toMatchObject({ code: 0, stdout: 'deprecated commerce.orders 1.4.0 by Priya Raman: use 2.x\n' });
    const yanked = await as('priya', ['yank', 'commerce.customers', '1.0.0', '--reason', 'wrong ids', '--format', 'json']);
    expect(JSON.parse(yanked.stdout)).toMatchObject({ contract: 'commerce.customers', version: '1.0.0', yanked: { reason: 'wrong ids', byName: 'Priya Raman' } });
    const versions = await as('agent', ['versions', 'commerce.orders']);
    expect(versions.stdout).toContain('[deprecated by Priya Raman: use 2.x]');
  });

  test('transfer takes the principal name; a near miss exits 2 with a did-you-mean; the audit log names both', async () => {
    const near = await as('priya', ['transfer', 'commerce.customers', '--to', 'sam roe']);
    expect(near.code).toBe(2);
    expect(near.stderr).toContain('did you mean "Sam Roe"?');
    const moved = await as('priya', ['transfer', 'commerce.customers', '--to', 'Sam Roe']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(/^commerce\.customers is now owned by Sam Roe \(owner person .+ <.+>\)\n$/);
    const audit = await as('admin', ['audit', '--contract', 'commerce.customers']);
    expect(audit.code).toBe(0);
    expect(audit.stdout.split('\n')[0]).toMatch(/^\S+Z\s+Priya Raman\s+contract\.transfer-ownership\s+commerce\.customers$/);
    const byActor = JSON.parse((await as('admin', ['audit', '--actor', 'Sam Roe', '--format', 'json'])).stdout) as { total: number };
    expect(byActor.total).toBe(0);
  });

  test('whoami and token list name principals; only an admin lists tokens', async () => {
    const [me, list, refused] = await Promise.all([as('agent', ['whoami']), as('admin', ['token', 'list']), as('priya', ['token', 'list'])]);
    expect(me.stdout).toMatch(/^Support agents \(consumer; principal [0-9a-f-]{36}\)\n$/);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^\S+\s+cnc_\S+…\s+Support agents\s+consumer\s+last used /m);
    expect(list.stdout).toMatch(/Priya Raman\s+publisher of commerce/);
    expect(list.stdout).not.toContain(tokens.priya);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Priya Raman (publisher) may not list tokens: use an admin token');
  });

  test.each([
    ['a publisher token without --namespace', ['token', 'create', '--name', 'x', '--role', 'publisher'], 2, 'needs --namespace'],
    ['an unknown role', ['token', 'create', '--name', 'x', '--role', 'owner'], 2, 'unknown role "owner"'],
    ['--limit one past MAX_LIST_LIMIT', ['contracts', '--limit', String(MAX_LIST_LIMIT + 1)], 2, `--limit ${MAX_LIST_LIMIT + 1} is not a whole number from 1 to ${MAX_LIST_LIMIT}`],
    ['an unknown contract', ['show', 'commerce.nothing'], 2, 'commerce.nothing'],
    ['a webhook and --clear together', ['consumers', 'webhook', 'agents.x', 'https://a.example.com', '--clear'], 2, 'not both'],
    ['a taken principal name (a conflict)', ['token', 'create', '--name', 'Sam Roe', '--role', 'reader'], 1, 'the name "Sam Roe" already exists'],
  ] as const)('%s exits %i with a message naming what to do', async (_name, args, code, message) => {
    const run = await as('admin', args);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});

interface PipeRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `concord args | head -1` in a real shell pipe; the exit code is concord's (PIPESTATUS). */
function intoHead(args: readonly string[]): Promise<PipeRun> {
  return new Promise((resolve, reject) => {
    const script = 'node --import tsx "$0" "$@" | head -1; exit "${PIPESTATUS[0]}"';
    const child = spawn('bash', ['-c', script, MAIN, ...args], { cwd: REPO_ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `concord args` whose stdout pipe is closed by its reader before anything is written. */
function intoClosedPipe(args: readonly string[]): Promise<PipeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: REPO_ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: '', stderr }));
  });
}

describe('every listing piped into a reader that leaves', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const listings = (): [string, readonly string[], RegExp][] => {
    const auth = ['--url', server.url, '--token', ADMIN_TOKEN];
    return [
      ['rules', ['rules'], /^[a-z-]+\s+change\s+[a-z]+\s+breaks /],
      ['contracts', ['contracts', ...auth], /^commerce\.customers\s/],
      ['versions', ['versions', 'commerce.orders', ...auth], /^commerce\.orders: 2 versions$/],
      ['show', ['show', 'commerce.orders', ...auth], /^commerce\.orders: Orders feed$/],
      ['consumers list', ['consumers', 'list', ...auth], /^(agents\.\S+\s|no consumer is registered$)/],
      ['audit', ['audit', ...auth], /^\S+Z\s+/],
      ['token list', ['token', 'list', ...auth], /^[0-9a-f-]{36}\s+cnc_/],
    ];
  };

  test('| head -1 shows the first line, and concord ends quietly (0, or 141 once the pipe closed)', async () => {
    for (const [name, args, first] of listings()) {
      const run = await intoHead(args);
      expect([0, 141], `${name}: ${run.stderr}`).toContain(run.code);
      expect(run.stdout.split('\n')[0], name).toMatch(first);
      expect(run.stderr, name).not.toMatch(STACK_FRAME);
      expect(run.stderr, name).not.toContain('EPIPE');
    }
  });

  test('a reader gone before the first write: exit 141, nothing on stderr', async () => {
    for (const [name, args] of listings()) {
      const run = await intoClosedPipe([...args, ...(name === 'rules' ? [] : ['--format', 'json'])]);
      expect(run, name).toEqual({ code: 141, stdout: '', stderr: '' });
    }
  });
});
