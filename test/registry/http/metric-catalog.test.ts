import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, bearer, ordersDocument, useRegistry } from './registry-harness.js';

const NET_REVENUE = { name: 'net_revenue', type: 'simple', aggregation: 'sum', expression: 'amount', unit: 'EUR', grain: 'day' };

describe.each(STORAGE_TARGETS)('the metric catalog over HTTP on $dialect', (target) => {
  describe.skipIf(!target.available)('metric names are registry-wide', () => {
    const harness = useRegistry(target.dialect);
    const app = () => harness().registry.app;
    let sam: string;

    const ledger = (version: string, metric: object) =>
      ordersDocument(version, { contract: 'payments.ledger', owner: { name: 'Sam Lee', email: 'sam@example.com' }, metrics: [metric] });
    const publishLedger = (version: string, metric: object) => request(app()).post('/api/contracts').set(bearer(sam)).send(ledger(version, metric));

    beforeEach(async () => {
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0', { metrics: [NET_REVENUE] }))).status).toBe(201);
      sam = (await harness().token('publisher', ['payments'], 'Sam')).token;
    });

    test.each([
      ['another aggregation', { aggregation: 'avg' }, /aggregation "avg" vs "sum"/],
      ['another unit', { unit: 'USD' }, /unit "USD" vs "EUR"/],
      ['another expression', { expression: 'amount * 2' }, /expression/],
      ['a filter', { filter: 'amount > 0' }, /filter/],
      ['another grain', { grain: 'month' }, /grain "month" vs "day"/],
    ])('the same name with %s is a 409 naming both owners, and nothing is stored', async (_name, change, difference) => {
      const before = await harness().counts();
      const response = await publishLedger('1.0.0', { ...NET_REVENUE, ...change });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('conflict');
      expect(response.body.error.message).toMatch(/payments\.ledger \(owner Sam Lee <sam@example\.com>\)/);
      expect(response.body.error.message).toMatch(/commerce\.orders \(owner Dana Fischer <dana\.fischer@example\.com>\)/);
      expect(response.body.error.message).toMatch(difference);
      expect(response.body.error.message).toMatch(/references: commerce\.orders#net_revenue/);
      expect(await harness().counts()).toEqual(before);
    });

    test('the same meaning written differently is accepted', async () => {
      expect((await publishLedger('1.0.0', { ...NET_REVENUE, expression: '  amount ', description: 'ours' })).status).toBe(201);
    });

    test('a metric that references the canonical definition may differ, and is listed where the metric is used', async () => {
      const response = await publishLedger('1.0.0', { ...NET_REVENUE, aggregation: 'avg', references: 'commerce.orders#net_revenue' });
      expect(response.status).toBe(201);
      const metric = await request(app()).get('/api/metrics/net_revenue').set(asAdmin);
      expect(metric.body).toMatchObject({
        name: 'net_revenue',
        owner: { name: 'Dana Fischer' },
        contract: 'commerce.orders',
        definition: { aggregation: 'sum' },
        usedBy: [{ contract: 'payments.ledger', version: '1.0.0' }],
      });
      const list = await request(app()).get('/api/metrics').query({ q: 'net' }).set(asAdmin);
      expect(list.body).toMatchObject({ total: 1, items: [{ name: 'net_revenue', definitions: 1, meanings: 1 }] });
    });

    test('a reference to a metric nobody published is refused', async () => {
      const response = await publishLedger('1.0.0', { ...NET_REVENUE, references: 'commerce.orders#gross_revenue' });
      expect(response.status).toBe(409);
      expect(response.body.error.message).toMatch(/commerce\.orders#gross_revenue, which is not published/);
    });

    test('an unknown metric is a 404', async () => {
      expect((await request(app()).get('/api/metrics/nothing').set(asAdmin)).status).toBe(404);
    });
  });
});
