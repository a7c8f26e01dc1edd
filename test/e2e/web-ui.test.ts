import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CheckReport } from '../../checker/model.js';
import { ordersFeed } from '../checker/analysis/orders-feed.js';
import { checkReport } from '../registry/http/runs-fixture.js';
import { REPO_ROOT, startRegistry } from './registry-process.js';
import { concord } from './run-concord.js';
import type { RegistryProcess } from './registry-process.js';

/*
 * The web UI in real headless Chromium against a real `concord serve` on a temporary SQLite file
 * with the example contracts seeded: log in, browse, compare versions, see drift after recorded
 * check runs, preview an impact, and make sure an injected script never runs. Screenshots of the
 * main pages at 1280 and 390 pixels wide land in test-artifacts/ui/.
 */

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'ui');
const ADMIN_TOKEN = 'e2e-ui-admin-token-0123456789abcdefghijklmnop';
const ORDERS = 'commerce.orders';
const HOSTILE_ID = 'commerce.notes';
/** Would set window.__pwned or the title if it ever ran. */
const HOSTILE = `<script>window.__pwned = 1; document.title = 'pwned'</script><img src=x onerror="window.__pwned = 2">`;

/** Browser steps: a page load through tsx-served pages on a loaded 2-core machine can take seconds. */
const STEP_TIMEOUT_MS = 90_000;

const chromiumMissing = !existsSync(CHROMIUM);
const inCi = process.env['CI'] === 'true';

if (chromiumMissing && !inCi) {
  console.warn(`web UI end-to-end tests skipped: ${CHROMIUM} is missing. Install it with "apt-get install -y chromium" (CI installs it, and fails without it).`);
}

let folder: string;
let server: RegistryProcess;
let context: BrowserContext;
let page: Page;

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The orders feed's latest document with its bundled schema, as the registry stores it. */
async function latestOrders(): Promise<Record<string, unknown>> {
  const { json } = await api('GET', `/api/contracts/${ORDERS}/versions/2.1.0`);
  const stored = json as { document: Record<string, unknown>; schema: Record<string, unknown> };
  return { ...stored.document, schema: stored.schema };
}

/** Three recorded runs of the prod source: pass against the older 1.4.0, warn, then breaking with violations and redacted pii examples. */
function runs(): CheckReport[] {
  const base = { contract: ORDERS, version: '2.1.0', sourceName: 'prod', source: 'http https://orders.example.com/api/v2/orders' };
  const breaking = checkReport({ ...base, verdict: 'breaking', startedAt: '2026-11-22T10:00:00.000Z' });
  return [
    checkReport({ ...base, version: '1.4.0', verdict: 'pass', startedAt: '2026-11-20T10:00:00.000Z' }),
    checkReport({ ...base, verdict: 'warn', startedAt: '2026-11-21T10:00:00.000Z' }),
    {
      ...breaking,
      violations: [
        { rule: 'schema-violation', severity: 'breaking', path: '/properties/status', field: 'status', message: `status is not one of pending, paid, shipped, cancelled ${HOSTILE}`, keyword: 'enum', count: 150, rate: 0.3, examples: ['refunded'], fingerprint: 'e2e-status' },
        { rule: 'schema-violation', severity: 'warning', path: '/properties/customer_id', field: 'customer_id', message: 'customer_id does not match its pattern', keyword: 'pattern', count: 10, rate: 0.02, examples: ['[redacted]'], fingerprint: 'e2e-customer' },
      ],
    },
  ];
}

async function noHorizontalScroll(): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

if (chromiumMissing && inCi) {
  test('Chromium is installed for the web UI end-to-end tests', () => {
    expect.fail(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium); .ci/run does so when it is absent`);
  });
}

describe.skipIf(chromiumMissing)('the web UI in headless Chromium', { timeout: STEP_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    folder = mkdtempSync(join(tmpdir(), 'concord-e2e-ui-'));
    server = await startRegistry(['--db', join(folder, 'registry.db'), '--seed-examples'], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
    await server.waitFor(/seeded example contracts/);
    const hostile: Record<string, unknown> = { ...(await latestOrders()), contract: HOSTILE_ID, version: '1.0.0', title: `"><script>document.title = 'pwned'</script>`, description: HOSTILE, metrics: [], features: [] };
    (hostile.schema as { properties: Record<string, Record<string, unknown>> }).properties['order_id']!['description'] = HOSTILE;
    expect((await api('POST', '/api/contracts', hostile)).status).toBe(201);
    expect((await api('PUT', '/api/consumers/agents.support-router', { contact: { name: 'Sam Agent', email: 'sam@example.com' } })).status).toBe(200);
    expect((await api('PUT', `/api/consumers/agents.support-router/pins/${ORDERS}`, { range: '^2', fields: ['customer_id', 'status'] })).status).toBe(200);
    for (const run of runs()) expect((await api('POST', `/api/contracts/${ORDERS}/runs`, run)).status).toBe(201);
    // A real checker run: every 10th record sends amount as a string, and the run lands in the registry.
    const feed = join(folder, 'orders-feed.jsonl');
    writeFileSync(feed, [...ordersFeed(500, 7, { amountAsStringEvery: 10 })].map((record) => JSON.stringify(record)).join('\n'));
    const checked = await concord(['check', '--contract', `${ORDERS}@^2`, '--source', feed, '--url', server.url, '--token', ADMIN_TOKEN, '--format', 'json']);
    expect(checked.code, checked.stderr).toBe(1);
    expect((JSON.parse(checked.stdout) as CheckReport).verdict).toBe('breaking');
    context = await chromium.launchPersistentContext(join(folder, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  test('logs in with a token and browses and filters the catalog', async () => {
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shoot('login-1280');
    await page.fill('#login-token', ADMIN_TOKEN);
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${server.url}/`);
    const row = page.locator('table.catalog tbody tr', { has: page.locator(`a:has-text("${ORDERS}")`) });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('Dana Fischer');
    expect(await row.innerText()).toContain('✗ breaking');
    expect(await page.locator('table.catalog tbody tr').count()).toBeGreaterThanOrEqual(4);
    await shoot('catalog-1280');

    await page.fill('#filter-namespace', 'commerce');
    await page.selectOption('#filter-verdict', 'breaking');
    await page.click('.filters button[type="submit"]');
    await page.waitForURL(/verdict=breaking/);
    expect(await page.locator('table.catalog tbody tr').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('namespace')).toBe('commerce');
  });

  test('opens a contract: header, field tree and consumers', async () => {
    await page.goto(`${server.url}/`);
    await page.click(`a:has-text("${ORDERS}")`);
    await page.waitForURL(`${server.url}/contracts/${ORDERS}`);
    expect(await page.locator('h1').innerText()).toContain(ORDERS);
    const customer = page.locator('.field', { has: page.locator('.field-name code', { hasText: /^customer_id$/ }) }).first();
    expect(await customer.locator('.field-head').innerText()).toContain('required');
    expect(await page.locator('#consumers-heading + .table-scroll').innerText()).toContain('agents.support-router');
    expect(await page.locator('.verdict-list').first().innerText()).toContain('breaking');
    await shoot('contract-1280');
  });

  test('compares two versions and sees the breaking change highlighted first', async () => {
    await page.click('.tabs a:has-text("Versions and changes")');
    await page.waitForURL(/\/versions$/);
    await page.selectOption('#compare-from', '1.4.0');
    await page.selectOption('#compare-to', '2.1.0');
    await page.click('.compare-form button[type="submit"]');
    await page.waitForURL(/from=1\.4\.0&to=2\.1\.0/);
    const groups = await page.locator('.change-group h3').allInnerTexts();
    expect(groups[0]).toMatch(/^Breaking changes/);
    const breaking = page.locator('.change-group-breaking .change-breaking').first();
    expect(await breaking.isVisible()).toBe(true);
    expect(await page.locator('.change-group-breaking').innerText()).toContain('customer_email');
    expect(await breaking.locator('code.rule').innerText()).toMatch(/^[a-z-]+$/);
    const highlight = await breaking.evaluate((element) => getComputedStyle(element).backgroundColor);
    const plain = await page.locator('body').evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(highlight).not.toBe(plain);
    await shoot('versions-diff-1280');
  });

  test('shows the drift timeline of recorded checker runs with the latest findings', async () => {
    await page.click('.tabs a:has-text("Drift")');
    await page.waitForURL(/\/drift$/);
    const prod = page.locator('section.source-drift', { has: page.locator('h2 code', { hasText: /^prod$/ }) });
    expect(await prod.locator('svg.chart').isVisible()).toBe(true);
    expect(await prod.locator('svg.chart .point').count()).toBe(3);
    expect(await prod.locator('svg.chart .verdict-strip rect.verdict-breaking').count()).toBe(1);
    const findings = await prod.innerText();
    expect(findings).toContain('[redacted]');
    expect(findings).toContain('"refunded"');
    expect(findings).toContain('<script>');
    expect(await prod.locator('.runs-table tbody tr').first().innerText()).toContain('2.1.0');
    await shoot('drift-1280');
  });

  test('opens an older run on its own page, which says the version it checked', async () => {
    const prod = page.locator('section.source-drift', { has: page.locator('h2 code', { hasText: /^prod$/ }) });
    const oldest = prod.locator('.runs-table tbody tr').last();
    expect(await oldest.innerText()).toContain('1.4.0 (the latest is 2.1.0)');
    await oldest.locator('a').first().click();
    await page.waitForURL(/\/contracts\/commerce\.orders\/runs\/\d+$/);
    const detail = page.locator('section.run-detail');
    expect(await detail.locator('h2').innerText()).toContain('pass');
    const text = await detail.innerText();
    expect(text).toContain('This run checked version 1.4.0');
    expect(text).toMatch(/Checked version\s+1\.4\.0 \(the latest is 2\.1\.0\)/);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await shoot('run-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await noHorizontalScroll();
    await shoot('run-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.click('a:has-text("All runs of")');
    await page.waitForURL(/\/drift$/);
  });

  test('shows the run a real `concord check` recorded, breaking on the drifted field', async () => {
    const checked = page.locator('section.source-drift', { has: page.locator('h2 code', { hasText: 'orders-feed.jsonl' }) });
    expect(await checked.locator('svg.chart .point').count()).toBe(1);
    expect(await checked.locator('svg.chart .verdict-strip rect.verdict-breaking').count()).toBe(1);
    expect(await checked.innerText()).toContain('amount');
  });

  test('previews the impact of an uploaded contract document', async () => {
    await page.goto(`${server.url}/impact`);
    // The loader is hidden until the page's own script runs: visible means the CSP let it run.
    await page.locator('#impact-file').waitFor({ state: 'visible' });
    const candidate = await latestOrders();
    // customer_id becomes optional: under forward compatibility, a breaking change for its readers.
    const schema = candidate.schema as { required: string[] };
    schema.required = schema.required.filter((name) => name !== 'customer_id');
    const file = join(folder, 'orders-2.2.0.contract.json');
    writeFileSync(file, JSON.stringify({ ...candidate, version: '2.2.0' }, null, 2));
    await page.setInputFiles('#impact-file', file);
    await expect.poll(() => page.inputValue('#impact-document')).toContain('"version": "2.2.0"');
    await page.click('.impact-form button[type="submit"]');
    await page.locator('.impact-result').waitFor();
    const result = await page.locator('.impact-result').innerText();
    expect(result).toContain('would be refused');
    expect(result).toContain('Required bump: major');
    expect(await page.locator('.impact-result tr.row-breaking').innerText()).toContain('agents.support-router');
    await shoot('impact-1280');
  });

  test('shows the metric catalog', async () => {
    await page.goto(`${server.url}/metric-catalog`);
    expect(await page.locator('#metric-net_revenue').innerText()).toContain('amount - refunded_amount');
    await shoot('metrics-1280');
  });

  test('an injected <script> in a description renders as text and never runs', async () => {
    await page.goto(`${server.url}/contracts/${HOSTILE_ID}`);
    await page.locator('.lead').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.title()).not.toBe('pwned');
    expect(await page.title()).toContain(HOSTILE_ID);
    expect(await page.locator('.lead').innerText()).toContain('<script>window.__pwned = 1');
    expect(await page.locator('main script').count()).toBe(0);
    await shoot('hostile-1280');
    await page.goto(`${server.url}/contracts/${ORDERS}/drift`);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });

  test('is keyboard navigable: the skip link comes first and moves focus to the content', async () => {
    await page.goto(`${server.url}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toMatch(/^(A|INPUT|SELECT|BUTTON)$/);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
  });

  test('works 390 pixels wide: rows become cards and nothing scrolls sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [name, path] of [
      ['catalog-390', '/'],
      ['contract-390', `/contracts/${ORDERS}`],
      ['versions-diff-390', `/contracts/${ORDERS}/versions?from=1.4.0&to=2.1.0`],
      ['drift-390', `/contracts/${ORDERS}/drift`],
      ['impact-390', '/impact'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await noHorizontalScroll();
      await shoot(name);
    }
    await page.goto(`${server.url}/`);
    expect(await page.locator('table.catalog thead').evaluate((element) => element.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    expect(await page.locator('table.catalog tbody tr').first().evaluate((element) => getComputedStyle(element).display)).toBe('block');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('logs out', async () => {
    await page.goto(`${server.url}/`);
    await page.click('.session button:has-text("Log out")');
    await page.waitForURL(/\/login\?notice=logged-out/);
    expect(await page.locator('main').innerText()).toContain('You are logged out');
    await page.goto(`${server.url}/contracts/${ORDERS}`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
