import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { CATALOG_PAGE_SIZE, MAX_VERDICT_SCAN } from '../../../registry/ui/catalog-routes.js';
import { MAX_TIMELINE_RUNS } from '../../../registry/ui/drift-routes.js';
import { checkReport } from '../http/runs-fixture.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { ADMIN_TOKEN, asAdmin, bearer, ordersDocument, useRegistry, withoutProperty } from '../http/registry-harness.js';
import { logIn, page, post, publish } from './ui-harness.js';

const ID = 'commerce.orders';
const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

/** The text of the section whose heading has `id`, up to the next section of the same level. */
function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  expect(from, `${start} is on the page`).toBeGreaterThan(-1);
  const to = text.indexOf(end, from + start.length);
  return text.slice(from, to === -1 ? undefined : to);
}

describe.each(STORAGE_TARGETS)('web UI pages on $dialect', (target) => {
  describe.skipIf(!target.available)('pages', () => {
    const harness = useRegistry(target.dialect);
    const pinConsumer = async (fields: readonly string[]) => {
      const app = harness().registry.app;
      await request(app).put('/api/consumers/agents.support-router').set(asAdmin).send({ contact: { name: 'Sam Agent', email: 'sam@example.com' } });
      await request(app).put(`/api/consumers/agents.support-router/pins/${ID}`).set(asAdmin).send({ range: '^1', fields });
    };

    test('the catalog lists contracts with owner, team, version, status and consumers, and filters by GET parameters', async () => {
      await publish(harness(), ordersDocument('1.0.0'));
      await publish(harness(), { ...ordersDocument('1.0.0'), contract: 'crm.customers', title: 'Customers', owner: { name: 'Priya Raman', email: 'priya@example.com' }, team: 'crm', tags: ['crm'], metrics: [] });
      await pinConsumer(['customer_id']);
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      const all = await page(harness(), '/', cookie);
      expect(all.status).toBe(200);
      const orders = between(all.text, `<code>${ID}</code>`, '</tr>');
      expect(orders).toContain('Dana Fischer');
      expect(orders).toContain('commerce-data');
      expect(orders).toContain('1.0.0');
      expect(orders).toContain('active');
      expect(orders).toMatch(/data-label="Consumers">1</);
      expect(orders).toContain('no sources checked');
      expect(all.text).toContain('crm.customers');

      for (const [query, shown, hidden] of [
        ['?namespace=crm', 'crm.customers', ID],
        ['?owner=dana.fischer%40example.com', ID, 'crm.customers'],
        ['?tag=crm', 'crm.customers', ID],
        ['?q=orders', ID, 'crm.customers'],
        ['?status=deprecated', undefined, ID],
      ] as const) {
        const filtered = await page(harness(), `/${query}`, cookie);
        expect(filtered.status, query).toBe(200);
        if (shown !== undefined) expect(filtered.text, query).toContain(`<code>${shown}</code>`);
        expect(filtered.text, query).not.toContain(`<code>${hidden}</code>`);
      }
      expect((await page(harness(), '/?status=sideways', cookie)).status).toBe(400);
    });

    test('the contract page shows the header, the schema tree and the consumers with their pins', async () => {
      const document = ordersDocument('1.0.0', {
        description: 'Orders, one per state change.',
        sla: { freshness: { field: 'created_at', max_age: '15m' } },
        sources: [{ name: 'prod', type: 'http', url: 'https://orders.example.com/api' }],
      });
      const schema = document.schema as { properties: Record<string, unknown> };
      schema.properties['email'] = { type: 'string', format: 'email', pii: true, description: 'Where receipts go' };
      schema.properties['status'] = { type: 'string', enum: ['pending', 'paid'] };
      schema.properties['created_at'] = { type: 'string', format: 'date-time' };
      await publish(harness(), document);
      await pinConsumer(['customer_id', 'amount']);
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      const response = await page(harness(), `/contracts/${ID}`, cookie);
      expect(response.status).toBe(200);
      const text = response.text;
      expect(text).toContain('<a href="mailto:dana.fischer@example.com">dana.fischer@example.com</a>');
      expect(text).toContain('forward (strict)');
      const email = between(text, '<code>email</code>', '</li>');
      expect(email).toContain('PII');
      expect(email).toContain('optional');
      expect(email).toContain('Where receipts go');
      expect(between(text, '<code>order_id</code>', '</li>')).toContain('required');
      expect(between(text, '<code>status</code>', '</li>')).toContain('&quot;paid&quot;');
      expect(between(text, '<code>customer</code>', '</ul>\n</li>')).toContain('<code>tier</code>');
      expect(text).toContain('net_revenue');
      expect(text).toContain('newest <code>created_at</code> at most 15m old');
      const consumers = between(text, 'id="consumers-heading"', '</section>');
      expect(consumers).toContain('agents.support-router');
      expect(consumers).toContain('<code>^1</code>');
      expect(consumers).toContain('<code>amount</code>');
      expect(consumers).toContain('Resolves to');
    });

    test('the contract and versions pages name the publishing and owning principal, never its id', async () => {
      const priya = await harness().token('publisher', ['commerce'], 'Priya Raman');
      await request(harness().registry.app).post('/api/contracts').set(bearer(priya.token)).send(ordersDocument('1.0.0')).expect(201);
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      for (const path of [`/contracts/${ID}`, `/contracts/${ID}/versions`]) {
        const response = await page(harness(), path, cookie);
        expect(response.status).toBe(200);
        expect(response.text, path).toContain('by Priya Raman');
        expect(response.text, path).not.toContain(priya.principal);
      }
      expect((await page(harness(), `/contracts/${ID}`, cookie)).text).toMatch(/Owning principal<\/dt>\s*<dd>Priya Raman/);
    });

    test('a <script> in descriptions and titles renders as text', async () => {
      const document = ordersDocument('1.0.0', { title: HOSTILE, description: HOSTILE });
      (document.schema as { properties: { amount: Record<string, unknown> } }).properties.amount['description'] = HOSTILE;
      await publish(harness(), document);
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      for (const path of ['/', `/contracts/${ID}`, `/contracts/${ID}/versions`]) {
        const response = await page(harness(), path, cookie);
        expect(response.status, path).toBe(200);
        expect(response.text, path).not.toContain('<script>window');
        expect(response.text, path).not.toContain('<img src=x');
        expect(response.text, path).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
      }
    });

    test('comparing two versions lists breaking changes first, highlighted, with rule and path', async () => {
      await publish(harness(), ordersDocument('1.0.0'));
      await publish(harness(), withoutProperty(ordersDocument('2.0.0', { description: 'customer_id is gone' }), 'customer_id'));
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      const list = await page(harness(), `/contracts/${ID}/versions`, cookie);
      expect(list.text).toContain(`href="/contracts/${ID}/versions?from=1.0.0&amp;to=2.0.0"`);
      for (const query of ['from=1.0.0&to=2.0.0', 'from=2.0.0&to=1.0.0']) {
        const diff = await page(harness(), `/contracts/${ID}/versions?${query}`, cookie);
        expect(diff.status).toBe(200);
        expect(diff.text).toContain('Changes from <code>1.0.0</code> to <code>2.0.0</code>');
        const breaking = diff.text.indexOf('class="change-group change-group-breaking"');
        const info = diff.text.indexOf('class="change-group change-group-info"');
        expect(breaking).toBeGreaterThan(-1);
        expect(info).toBeGreaterThan(breaking);
        const group = between(diff.text, 'change-group-breaking', '</section>');
        expect(group).toContain('class="change change-breaking"');
        expect(group).toMatch(/rule <code class="rule">[a-z-]+<\/code>/);
        expect(group).toContain('customer_id');
        expect(diff.text).toContain('required bump: major');
      }
      expect((await page(harness(), `/contracts/${ID}/versions?from=1.0.0&to=9.9.9`, cookie)).status).toBe(404);
    });

    test('the impact preview shows findings, the required bump and the affected consumers', async () => {
      await publish(harness(), ordersDocument('1.0.0'));
      await pinConsumer(['customer_id']);
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      const form = await page(harness(), '/impact', cookie);
      expect(form.text).toContain('<textarea id="impact-document" name="document"');
      const candidate = JSON.stringify(withoutProperty(ordersDocument('1.1.0'), 'customer_id'));
      const response = await post(harness(), '/impact', { document: candidate }, cookie);
      expect(response.status).toBe(200);
      expect(response.text).toContain('would be refused');
      expect(response.text).toContain('Required bump: <strong>major</strong> from <code>1.0.0</code>');
      const consumers = between(response.text, '<h3>Consumers</h3>', '</table>');
      expect(consumers).toContain('agents.support-router');
      expect(consumers).toContain('✗ affected');
      expect(between(response.text, 'change-group-breaking', '</section>')).toContain('customer_id');
      const unreadable = await post(harness(), '/impact', { document: '{ not: [valid' }, cookie);
      expect(unreadable.status).toBe(400);
      expect(unreadable.text).toContain('{ not: [valid');
      const anonymous = await post(harness(), '/impact', { document: candidate });
      expect(anonymous.status).toBe(303);
    });

    test('the metric catalog shows each metric with its definition, owner and uses', async () => {
      await publish(harness(), ordersDocument('1.0.0'));
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      const response = await page(harness(), '/metric-catalog', cookie);
      expect(response.status).toBe(200);
      const card = between(response.text, 'id="metric-net_revenue"', '</article>');
      expect(card).toContain('<code>amount</code>');
      expect(card).toContain('EUR');
      expect(card).toContain('Dana Fischer');
      expect(card).toContain(`defined in <a href="/contracts/${ID}">`);
      expect((await page(harness(), '/metric-catalog/net_revenue', cookie)).status).toBe(200);
      expect((await page(harness(), '/metric-catalog/nothing', cookie)).status).toBe(404);
    });

    test('recorded runs show as a drift timeline with the latest findings, and as verdicts in the catalog', async () => {
      await publish(harness(), ordersDocument('1.0.0', { sources: [{ name: 'prod', type: 'http', url: 'https://orders.example.com' }, { name: 'staging', type: 'file', path: '/tmp/x' }] }));
      const app = harness().registry.app;
      const runs = [
        checkReport({ verdict: 'pass', startedAt: '2026-11-20T10:00:00.000Z' }),
        checkReport({ verdict: 'warn', startedAt: '2026-11-21T10:00:00.000Z' }),
        {
          ...checkReport({ verdict: 'breaking', startedAt: '2026-11-22T10:00:00.000Z' }),
          violations: [
            { rule: 'schema-violation', severity: 'breaking', path: '/properties/email', field: 'email', message: 'email is not an e-mail address', keyword: 'format', count: 125, rate: 0.25, examples: ['[redacted]'], fingerprint: 'f1' },
            { rule: 'schema-violation', severity: 'breaking', path: '/properties/amount', field: 'amount', message: `amount is below 0 ${HOSTILE}`, keyword: 'minimum', count: 5, rate: 0.01, examples: [-3, -1], fingerprint: 'f2' },
          ],
        },
      ];
      for (const run of runs) expect((await request(app).post(`/api/contracts/${ID}/runs`).set(asAdmin).send(run)).status).toBe(201);
      const cookie = await logIn(harness(), ADMIN_TOKEN);

      const drift = await page(harness(), `/contracts/${ID}/drift`, cookie);
      expect(drift.status).toBe(200);
      const prod = between(drift.text, 'Source <code>prod</code>', '</section>');
      expect(prod).toContain('<svg class="chart"');
      expect(between(prod, '<g class="verdict-strip">', '</g>').match(/class="point verdict-/g)).toHaveLength(3);
      expect(prod).toContain('class="point verdict-breaking"');
      expect(prod).toContain('violation rate 25%');
      expect(prod).toContain('3 runs recorded');
      expect(prod).toContain('[redacted]');
      expect(prod).toContain('<code>-3</code>');
      expect(prod).toContain('customer_id');
      expect(prod).not.toContain('<script>window');
      expect(between(drift.text, 'Source <code>staging</code>', '</section>')).toContain('No check run is recorded');

      const catalog = await page(harness(), '/', cookie);
      expect(between(catalog.text, `<code>${ID}</code>`, '</tr>')).toContain('✗ breaking');
      expect((await page(harness(), '/?verdict=breaking', cookie)).text).toContain(`<code>${ID}</code>`);
      expect((await page(harness(), '/?verdict=pass', cookie)).text).not.toContain(`<code>${ID}</code>`);
      expect((await page(harness(), '/?verdict=none', cookie)).text).not.toContain(`<code>${ID}</code>`);
      expect(between((await page(harness(), `/contracts/${ID}`, cookie)).text, 'Latest drift checks', '</section>')).toContain('✗ breaking');
    });

    test('each run opens on its own page, saying the version it checked; the chart keeps verdicts apart from the violation rate', async () => {
      await publish(harness(), ordersDocument('1.0.0'));
      const app = harness().registry.app;
      const recorded: number[] = [];
      const record = async (report: object) => {
        const response = await request(app).post(`/api/contracts/${ID}/runs`).set(asAdmin).send(report);
        expect(response.status).toBe(201);
        recorded.push((response.body as { id: number }).id);
      };
      // Breaking by drift alone: no record broke the schema, so the violation rate is 0%.
      await record(checkReport({ verdict: 'breaking', version: '1.0.0', startedAt: '2026-11-20T10:00:00.000Z' }));
      await record(checkReport({ verdict: 'pass', version: '1.0.0', startedAt: '2026-11-21T10:00:00.000Z' }));
      await publish(harness(), ordersDocument('2.0.0'));
      await record(checkReport({ verdict: 'pass', version: '2.0.0', startedAt: '2026-11-22T10:00:00.000Z' }));
      const cookie = await logIn(harness(), ADMIN_TOKEN);

      const drift = await page(harness(), `/contracts/${ID}/drift`, cookie);
      expect(drift.status).toBe(200);
      for (const id of recorded) expect(drift.text).toContain(`href="/contracts/${ID}/runs/${id}"`);
      const rows = between(drift.text, '<tbody>', '</tbody>');
      expect(between(rows, `/runs/${recorded[0]}`, '</tr>')).toContain('<code>1.0.0</code> <span class="muted">(the latest is <code>2.0.0</code>)</span>');
      expect(between(rows, `/runs/${recorded[2]}`, '</tr>')).not.toContain('the latest is');
      // The breaking run is a square in the verdict strip, and only a neutral rate dot sits on the 0% line.
      const strip = between(drift.text, '<g class="verdict-strip">', '</g>');
      expect(strip.match(/class="point verdict-/g)).toHaveLength(3);
      expect(between(strip, `/runs/${recorded[0]}`, '</a>')).toContain('class="point verdict-breaking"');
      const plot = between(drift.text, '<svg class="chart"', '<g class="verdict-strip">');
      expect(plot).not.toMatch(/class="point verdict-/);
      expect(plot.match(/class="rate-point"/g)).toHaveLength(3);

      const oldest = await page(harness(), `/contracts/${ID}/runs/${recorded[0]}`, cookie);
      expect(oldest.status).toBe(200);
      expect(oldest.text).toContain(`Run ${recorded[0]} of <code>prod</code>`);
      expect(oldest.text).toContain('✗ breaking');
      expect(oldest.text).toContain("This run checked version 1.0.0; the contract's latest version is 2.0.0.");
      expect(oldest.text).toContain('customer_id');
      expect(oldest.text).toContain('1.2s');
      expect(oldest.text).toContain('random 500 of 1000 read in feed order, seed 1');
      const overview = between((await page(harness(), `/contracts/${ID}`, cookie)).text, 'Latest drift checks', '</section>');
      expect(overview).toContain(`against <code>2.0.0</code>`);
      expect(overview).toContain(`href="/contracts/${ID}/runs/${recorded[2]}"`);

      for (const missing of ['999999', '0', 'abc', '1e3', String(Number.MAX_SAFE_INTEGER + 10)]) {
        expect((await page(harness(), `/contracts/${ID}/runs/${missing}`, cookie)).status).toBe(404);
      }
      expect((await page(harness(), `/contracts/other.contract/runs/${recorded[0]}`, cookie)).status).toBe(404);
    });

    test(`a source's chart shows the latest MAX_TIMELINE_RUNS (${MAX_TIMELINE_RUNS}) runs and counts the rest`, async () => {
      await publish(harness(), ordersDocument('1.0.0'));
      const app = harness().registry.app;
      const record = async (day: number) => {
        const startedAt = new Date(Date.UTC(2026, 9, 1) + day * 3_600_000).toISOString();
        expect((await request(app).post(`/api/contracts/${ID}/runs`).set(asAdmin).send(checkReport({ startedAt }))).status).toBe(201);
      };
      for (let day = 0; day < MAX_TIMELINE_RUNS; day += 1) await record(day);
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      const at = await page(harness(), `/contracts/${ID}/drift`, cookie);
      expect(at.text.match(/class="point verdict-/g)).toHaveLength(MAX_TIMELINE_RUNS);
      expect(at.text).not.toContain('the chart shows the latest');
      await record(MAX_TIMELINE_RUNS);
      const over = await page(harness(), `/contracts/${ID}/drift`, cookie);
      expect(over.text.match(/class="point verdict-/g)).toHaveLength(MAX_TIMELINE_RUNS);
      expect(over.text).toContain(`${MAX_TIMELINE_RUNS + 1} runs recorded; the chart shows the latest ${MAX_TIMELINE_RUNS}`);
    });

    test(`the verdict filter looks through at most MAX_VERDICT_SCAN (${MAX_VERDICT_SCAN}) contracts and says so`, async () => {
      const db = harness().database.database.db;
      const rows = (count: number, from: number) =>
        Array.from({ length: count }, (_, index) => {
          const name = `c${String(from + index).padStart(5, '0')}`;
          return { id: `bulk.${name}`, namespace: 'bulk', name, owner_name: 'Bulk Owner', owner_email: 'bulk@example.com', owner_principal_id: null, team: null, title: null, status: 'active', latest_version: '1.0.0', created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z' };
        });
      // Straight into the contracts table: the catalog lists from it, and two thousand publishes would take minutes.
      for (let from = 0; from < MAX_VERDICT_SCAN; from += 500) await db.insertInto('contracts').values(rows(500, from)).execute();
      const cookie = await logIn(harness(), ADMIN_TOKEN);
      const at = await page(harness(), '/?verdict=none', cookie);
      expect(at.status).toBe(200);
      expect(at.text).toContain(`${MAX_VERDICT_SCAN} contracts`);
      expect(at.text).not.toContain('The verdict filter looked at');
      expect(at.text.match(/<td data-label="Contract">/g)).toHaveLength(CATALOG_PAGE_SIZE);
      await db.insertInto('contracts').values(rows(1, MAX_VERDICT_SCAN)).execute();
      const over = await page(harness(), '/?verdict=none', cookie);
      expect(over.text).toContain(`The verdict filter looked at the first ${MAX_VERDICT_SCAN} of ${MAX_VERDICT_SCAN + 1} contracts`);
      const last = await page(harness(), `/?verdict=none&offset=${MAX_VERDICT_SCAN - CATALOG_PAGE_SIZE}`, cookie);
      expect(last.text).toContain('bulk.c01999');
      expect(last.text).not.toContain('bulk.c02000');
    });
  });
});
