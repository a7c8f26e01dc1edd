import { describe, expect, test } from 'vitest';
import { parseFieldList } from '../../cli/commands/pin.js';
import { parseContractId, parseContractRef } from '../../cli/contract-ref.js';
import { chooseDatabase } from '../../cli/database-options.js';
import { databaseTarget } from '../../cli/database-target.js';
import { DEFAULT_REGISTRY_URL, registryClientFrom } from '../../cli/registry-options.js';
import { DEFAULT_HOST, serveConfig } from '../../cli/serve-config.js';
import { runCli } from './run-cli.js';

describe('contract references', () => {
  test.each([
    ['commerce.orders@^2', { id: 'commerce.orders', range: '^2' }],
    ['commerce.payments.refunds@>=2.1 <3', { id: 'commerce.payments.refunds', range: '>=2.1 <3' }],
    ['commerce.orders', { id: 'commerce.orders', range: '*' }],
  ])('%s', (text, expected) => {
    expect(parseContractRef(text)).toEqual(expected);
  });

  test.each([
    ['orders@^2', /not a contract id/],
    ['Commerce.Orders@^2', /not a contract id/],
    ['commerce.orders@', /not a semver range/],
    ['commerce.orders@two', /not a semver range/],
  ])('refuses %s', (text, message) => {
    expect(() => parseContractRef(text)).toThrow(message);
  });

  test('a pin needs a range', () => {
    expect(() => parseContractRef('commerce.orders', { requireRange: true })).toThrow(/commerce\.orders@\^2/);
  });

  test('a bare id is checked too', () => {
    expect(parseContractId('commerce.orders')).toBe('commerce.orders');
    expect(() => parseContractId('orders')).toThrow(/namespace\.name/);
  });
});

test.each([
  ['order_id,customer_id', ['order_id', 'customer_id']],
  [' a , b.c ,, items[].sku ', ['a', 'b.c', 'items[].sku']],
  ['', []],
])('field list %j', (text, expected) => {
  expect(parseFieldList(text)).toEqual(expected);
});

describe('database choice', () => {
  test.each([
    [undefined, {}, { sqlitePath: './.concord/concord.db' }],
    ['/tmp/r.db', { DATABASE_URL: 'postgres://u:secret@h:5432/d' }, { sqlitePath: '/tmp/r.db' }],
    [undefined, { DATABASE_URL: 'postgres://u:secret@h:5432/d' }, { url: 'postgres://u:secret@h:5432/d' }],
    ['postgresql://h/d', {}, { url: 'postgresql://h/d' }],
    [undefined, { DATABASE_URL: '' }, { sqlitePath: './.concord/concord.db' }],
  ])('--db %s with %j', (db, env, expected) => {
    expect(chooseDatabase(databaseTarget(db, env)).options).toEqual(expected);
  });

  test('the description leaves credentials out', () => {
    expect(chooseDatabase('postgres://u:secret@h:5432/d').description).toBe('PostgreSQL at h:5432/d');
  });
});

describe('serve settings', () => {
  test('defaults', () => {
    const config = serveConfig({}, {});
    expect(config).toMatchObject({ port: 8080, host: DEFAULT_HOST, publicRead: false, seedExamples: false, logLevel: 'info' });
    expect(config.adminToken).toBeUndefined();
  });

  test('environment', () => {
    const config = serveConfig({}, { PORT: '9000', CONCORD_PUBLIC_READ: 'true', CONCORD_ADMIN_TOKEN: 'x'.repeat(40), DATABASE_URL: '/tmp/a.db' });
    expect(config).toMatchObject({ port: 9000, publicRead: true, adminToken: 'x'.repeat(40), database: '/tmp/a.db' });
  });

  test('flags win over the environment', () => {
    expect(serveConfig({ port: '0', host: '0.0.0.0', publicRead: true, seedExamples: true }, { PORT: '9000' })).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      publicRead: true,
      seedExamples: true,
    });
  });

  test.each(['65536', '-1', '80.5', 'http', ' '])('refuses the port %j (65535 is the last one)', (port) => {
    expect(() => serveConfig({ port }, {})).toThrow(/not a port/);
    expect(serveConfig({ port: '65535' }, {}).port).toBe(65_535);
  });

  test('log level from the flag, then LOG_LEVEL, else info', () => {
    expect(serveConfig({ logLevel: 'warn' }, { LOG_LEVEL: 'debug' }).logLevel).toBe('warn');
    expect(serveConfig({}, { LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(serveConfig({}, {}).logLevel).toBe('info');
    expect(() => serveConfig({}, { LOG_LEVEL: 'loud' })).toThrow(/not a log level/);
  });

  test('CONCORD_PUBLIC_READ must say true', () => {
    expect(serveConfig({}, { CONCORD_PUBLIC_READ: '1' }).publicRead).toBe(false);
  });

  test.each([
    [{}, {}, false],
    [{ webhookAllowPrivate: true }, {}, true],
    [{}, { CONCORD_WEBHOOK_ALLOW_PRIVATE: 'true' }, true],
    [{}, { CONCORD_WEBHOOK_ALLOW_PRIVATE: '1' }, false],
  ])('webhooks to private addresses with flags %j and environment %j: %s', (flags, env, allowed) => {
    expect(serveConfig(flags, env).webhookAllowPrivate).toBe(allowed);
  });

  test.each([
    [{}, {}, false],
    [{ mcp: true }, {}, true],
    [{}, { CONCORD_MCP: 'true' }, true],
    [{}, { CONCORD_MCP: '1' }, false],
  ])('the MCP endpoint with flags %j and environment %j: %s', (flags, env, served) => {
    expect(serveConfig(flags, env).mcp).toBe(served);
  });

  test('serve --help documents --mcp', async () => {
    const result = await runCli(['serve', '--help']);
    expect(result.stdout).toMatch(/--mcp +also serve the MCP server/);
  });

  test('serve --help documents --webhook-allow-private, its variable and what is refused whatever the flags', async () => {
    const result = await runCli(['serve', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--webhook-allow-private +let webhooks reach loopback and private addresses too\s+\(also\s+CONCORD_WEBHOOK_ALLOW_PRIVATE=true\)/);
    expect(result.stdout).toMatch(/Link-local addresses \(169\.254\.0\.0\/16 with the cloud\s+metadata endpoints, fe80::\/10\), unspecified and multicast ones are refused whatever the flags/);
  }, 30_000);
});

describe('registry client options', () => {
  test('flags, then CONCORD_URL, then the local default', () => {
    expect(registryClientFrom({ url: 'http://a:1' }, { CONCORD_URL: 'http://b:2' }).baseUrl).toBe('http://a:1');
    expect(registryClientFrom({}, { CONCORD_URL: 'http://b:2/' }).baseUrl).toBe('http://b:2');
    expect(registryClientFrom({}, {}).baseUrl).toBe(DEFAULT_REGISTRY_URL);
  });

  test.each(['0', '-5', '1.5', 'soon'])('refuses --timeout %s', (timeout) => {
    expect(() => registryClientFrom({ timeout }, {})).toThrow(/--timeout/);
  });
});
