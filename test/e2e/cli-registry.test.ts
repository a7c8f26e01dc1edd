import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { concord } from './run-concord.js';
import { REPO_ROOT, startRegistry } from './registry-process.js';
import type { RegistryProcess } from './registry-process.js';

/*
 * The registry commands against a real `concord serve` on a temporary SQLite file, in the order
 * a team would use them: publish the examples, pin a consumer, try a breaking change.
 */

/** Each CLI run starts a Node process (through tsx): a second or two alone, several under load. */
const CLI_TEST_TIMEOUT_MS = 120_000;

const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdefghijklmnop';
const EXAMPLES = join(REPO_ROOT, 'contracts', 'examples');
const EXAMPLE_FILES = ['orders-v1.contract.yaml', 'orders.contract.yaml', 'customers.contract.yaml', 'payments.contract.yaml'];

let folder: string;
let server: RegistryProcess;
let auth: string[];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'concord-e2e-cli-'));
  cpSync(EXAMPLES, join(folder, 'examples'), { recursive: true });
  // 2.2.0 of the orders feed makes customer_id optional: in forward mode a breaking change.
  const schema = JSON.parse(readFileSync(join(EXAMPLES, 'orders.schema.json'), 'utf8')) as { required: string[] };
  schema.required = schema.required.filter((field) => field !== 'customer_id');
  writeFileSync(join(folder, 'examples', 'orders-optional-customer.schema.json'), JSON.stringify(schema, null, 2));
  const contract = readFileSync(join(EXAMPLES, 'orders.contract.yaml'), 'utf8')
    .replace('version: 2.1.0', 'version: 2.2.0')
    .replace('./orders.schema.json', './orders-optional-customer.schema.json');
  writeFileSync(join(folder, 'examples', 'orders-breaking.contract.yaml'), contract);
  server = await startRegistry(['--db', join(folder, 'registry.db')], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
  auth = ['--url', server.url, '--token', ADMIN_TOKEN];
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const example = (name: string): string => join(folder, 'examples', name);

/** A loopback port on which nothing listens: taken, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('concord against a running registry', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  test('publishes the example contracts, printing each changelog', async () => {
    for (const name of EXAMPLE_FILES) {
      const result = await concord(['publish', example(name), ...auth]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^published [a-z.]+ \d+\.\d+\.\d+/);
    }
    const again = await concord(['publish', example('orders.contract.yaml'), ...auth]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already published with this content/);
  });

  test('refuses a breaking change without a major bump, naming the field and the version to use', async () => {
    const result = await concord(['publish', example('orders-breaking.contract.yaml'), ...auth]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused: .*commerce\.orders 2\.2\.0/);
    expect(result.stderr).toMatch(/3\.0\.0/);
    expect(result.stderr).toMatch(/customer_id/);
    expect(result.stderr).toMatch(/Breaking \(\d+\)/);
  });

  test('the refusal in JSON carries the code and every finding', async () => {
    const result = await concord(['publish', example('orders-breaking.contract.yaml'), '--format', 'json', ...auth]);
    expect(result.code).toBe(1);
    const body = JSON.parse(result.stdout) as { error: { code: string; findings: { severity: string; field?: string }[] } };
    expect(body.error.code).toBe('breaking-change');
    expect(body.error.findings.some((finding) => finding.severity === 'breaking' && finding.field === 'customer_id')).toBe(true);
  });

  test('a dry run after a pin names the affected consumer', async () => {
    const pin = await concord([
      'pin',
      'commerce.orders@^2',
      '--consumer',
      'agents.support-router',
      '--fields',
      'order_id,customer_id',
      '--contact-name',
      'Ana Lima',
      '--contact-email',
      'ana.lima@example.com',
      ...auth,
    ]);
    expect(pin.stderr).toBe('');
    expect(pin.code).toBe(0);
    expect(pin.stdout).toMatch(/pinned agents\.support-router to commerce\.orders@\^2 \(reads order_id, customer_id\); resolves to 2\.1\.0/);

    const dry = await concord(['publish', example('orders-breaking.contract.yaml'), '--dry-run', ...auth]);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/dry run of commerce\.orders 2\.2\.0 \(nothing stored\)/);
    expect(dry.stdout).toMatch(/✗ agents\.support-router \(\^2; contact Ana Lima <ana\.lima@example\.com>\) reads order_id, customer_id: AFFECTED/);
    expect(dry.stdout).toMatch(/would be refused/);

    const json = await concord(['publish', example('orders-breaking.contract.yaml'), '--dry-run', '--format', 'json', ...auth]);
    const report = JSON.parse(json.stdout) as { consumers: { consumer: string; affected: boolean }[]; breakingUntouched: boolean };
    expect(report.consumers).toContainEqual(expect.objectContaining({ consumer: 'agents.support-router', affected: true }));
    expect(report.breakingUntouched).toBe(false);

    const versions = await concord(['versions', 'commerce.orders', '--format', 'json', ...auth]);
    expect((JSON.parse(versions.stdout) as { versions: { version: string }[] }).versions.map((v) => v.version)).toEqual(['1.4.0', '2.1.0']);
  });

  test('a dry run with a publisher token that does not own the contract predicts the refusal the publish gives', async () => {
    const created = await concord(['token', 'create', '--name', 'Nadia (commerce CI)', '--role', 'publisher', '--namespace', 'commerce', ...auth]);
    expect(created.code).toBe(0);
    const env = { CONCORD_URL: server.url, CONCORD_TOKEN: created.stdout.trim() };

    const dry = await concord(['publish', example('orders-breaking.contract.yaml'), '--dry-run'], env);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/A publish would be refused \(2 reasons\):\n {2}not-owner: Nadia \(commerce CI\) may not publish new versions of commerce\.orders: it is owned by principal Registry admin \(its contact person is /);
    expect(dry.stdout).toMatch(/\n {2}breaking-change: commerce\.orders 2\.2\.0 has breaking changes/);

    const json = await concord(['publish', example('orders-breaking.contract.yaml'), '--dry-run', '--format', 'json'], env);
    const report = JSON.parse(json.stdout) as { outcome: string; reasons: { code: string }[]; refusal: { message: string } };
    expect(report.outcome).toBe('refused');
    expect(report.reasons.map((reason) => reason.code)).toEqual(['not-owner', 'breaking-change']);

    const real = await concord(['publish', example('orders-breaking.contract.yaml')], env);
    expect(real.code).toBe(1);
    expect(real.stderr).toContain(`refused: ${report.refusal.message}`);
    expect(real.stderr).toMatch(/\nalso breaking-change: commerce\.orders 2\.2\.0 has breaking changes/);
  });

  test('a pin of a new consumer without a contact says how to register it', async () => {
    const result = await concord(['pin', 'commerce.orders@^2', '--consumer', 'agents.unknown', ...auth]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--contact-name and --contact-email/);
  });

  test.each([
    ['commerce.orders@^2', '2.1.0'],
    ['commerce.orders@^1', '1.4.0'],
    ['commerce.orders', '2.1.0'],
  ])('resolve %s → %s', async (ref, version) => {
    const result = await concord(['resolve', ref, ...auth]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`resolves to ${version.replace(/\./g, '\\.')} `));
  });

  test('resolve prints the bundled record schema, and fails for a range nothing matches', async () => {
    const schema = await concord(['resolve', 'commerce.orders@^2', '--format', 'schema', ...auth]);
    expect(JSON.parse(schema.stdout)).toMatchObject({ type: 'object', properties: { amount: { type: 'number' } } });
    const none = await concord(['resolve', 'commerce.orders@^7', ...auth]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/\^7/);
  });

  test('versions lists every version in order', async () => {
    const result = await concord(['versions', 'commerce.orders', ...auth]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^commerce\.orders: 2 versions\n {2}1\.4\.0 .*\n {2}2\.1\.0 /);
  });

  test('changelog between the two versions shows the breaking changes and exits 1', async () => {
    const result = await concord(['changelog', 'commerce.orders', '1.4.0', '2.1.0', ...auth]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/commerce\.orders 1\.4\.0 → 2\.1\.0: INCOMPATIBLE/);
    expect(result.stdout).toMatch(/customer_email/);
    const markdown = await concord(['changelog', 'commerce.orders', '1.4.0', '2.1.0', '--format', 'markdown', ...auth]);
    expect(markdown.stdout).toMatch(/^## commerce\.orders 1\.4\.0 → 2\.1\.0/);
  });

  test('token create gives a publisher token that works only in its namespace', async () => {
    const created = await concord(['token', 'create', '--name', 'billing CI', '--role', 'publisher', '--namespace', 'billing', ...auth]);
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/not shown again/);
    const token = created.stdout.trim();
    expect(token).toMatch(/^cnc_/);
    // Through the environment this time, as CI would pass it.
    const refused = await concord(['publish', example('orders.contract.yaml')], { CONCORD_URL: server.url, CONCORD_TOKEN: token });
    // Refused by policy (the token's namespace), like a breaking change: 1.
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/commerce/);
  });

  test('commands without a token are refused by the registry', async () => {
    const result = await concord(['token', 'create', '--name', 'x', '--role', 'reader', '--url', server.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/token/i);
  });
});

describe('concord without a registry', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  test('an unreachable registry exits 2 and says what to check', async () => {
    const result = await concord(['versions', 'commerce.orders', '--url', `http://127.0.0.1:${await closedPort()}`, '--token', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot reach the registry .*ECONNREFUSED.*CONCORD_URL/);
  });

  test('an invalid contract file exits 2 before anything is sent', async () => {
    const file = join(folder, 'broken.contract.yaml');
    writeFileSync(file, 'contract: commerce.broken\nversion: 1.0.0\nschema: { type: object }\n');
    const result = await concord(['publish', file, '--url', `http://127.0.0.1:${await closedPort()}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a valid contract/);
  });

  test('migrate applies the migrations once', async () => {
    const db = join(folder, 'migrated.db');
    const first = await concord(['migrate', '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied /);
    const second = await concord(['migrate', '--db', db, '--format', 'json']);
    expect(JSON.parse(second.stdout)).toEqual({ database: 'sqlite', applied: [] });
  });
});
