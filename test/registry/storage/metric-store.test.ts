import { beforeEach, describe, expect, test } from 'vitest';
import type { MetricDefinition } from '../../../contracts/model.js';
import { metricMeaningHash } from '../../../registry/storage/content-hash.js';
import { createContractStore } from '../../../registry/storage/contract-store.js';
import { createMetricStore } from '../../../registry/storage/metric-store.js';
import type { MetricStore } from '../../../registry/storage/metric-store.js';
import { acceptAll, addPublisher, publishInput, sampleContract, STORAGE_TARGETS, useFreshDatabase } from './storage-targets.js';

const NET_REVENUE: MetricDefinition = { name: 'net_revenue', type: 'simple', aggregation: 'sum', expression: 'amount', unit: 'EUR' };
const NET_REVENUE_V2: MetricDefinition = { ...NET_REVENUE, expression: 'amount - refunded_amount' };
const ORDER_COUNT: MetricDefinition = { name: 'order_count', type: 'simple', aggregation: 'count', expression: 'order_id' };

describe.each(STORAGE_TARGETS)('metric store on $dialect', (target) => {
  describe.skipIf(!target.available)('MetricStore', () => {
    const database = useFreshDatabase(target.dialect);
    let metrics: MetricStore;

    beforeEach(async () => {
      const { db } = database().database;
      await addPublisher(database().database);
      const contracts = createContractStore(db);
      const publish = (contract: string, version: string, list: readonly MetricDefinition[]) =>
        contracts.publish(publishInput(sampleContract(version, { id: contract, metrics: list })), acceptAll);
      await publish('commerce.orders', '1.0.0', [NET_REVENUE, ORDER_COUNT]);
      await publish('commerce.orders', '1.1.0', [NET_REVENUE_V2, ORDER_COUNT]);
      await publish('finance.ledger', '2.0.0', [{ ...NET_REVENUE, description: 'Same numbers, other words' }]);
      await publish('marketing.attribution', '1.0.0', [{ ...NET_REVENUE, references: 'commerce.orders#net_revenue' }]);
      metrics = createMetricStore(db);
    });

    test('definitions of a name come from each contract\'s latest version unless every version is asked for', async () => {
      const latest = await metrics.definitionsOf('net_revenue');
      expect(latest.map((m) => [m.contractId, m.version])).toEqual([
        ['commerce.orders', '1.1.0'],
        ['finance.ledger', '2.0.0'],
      ]);
      expect(latest[0]).toMatchObject({ definition: NET_REVENUE_V2, canonical: true, meaningHash: metricMeaningHash(NET_REVENUE_V2) });
      const all = await metrics.definitionsOf('net_revenue', { allVersions: true });
      expect(all.map((m) => `${m.contractId}@${m.version}`)).toEqual([
        'commerce.orders@1.0.0',
        'commerce.orders@1.1.0',
        'finance.ledger@2.0.0',
      ]);
    });

    test('names are counted by defining contracts and distinct meanings', async () => {
      const page = await metrics.listMetricNames();
      expect(page).toEqual({
        total: 2,
        items: [
          { name: 'net_revenue', definitions: 2, meanings: 2 },
          { name: 'order_count', definitions: 1, meanings: 1 },
        ],
      });
      expect((await metrics.listMetricNames({ prefix: 'ORDER' })).items.map((m) => m.name)).toEqual(['order_count']);
      expect((await metrics.listMetricNames({ prefix: '_' })).total).toBe(0);
    });

    test('uses of a canonical metric are the references to it', async () => {
      const uses = await metrics.usesOf('commerce.orders', 'net_revenue');
      expect(uses).toEqual([
        expect.objectContaining({ contractId: 'marketing.attribution', canonical: false, reference: 'commerce.orders#net_revenue' }),
      ]);
      expect(await metrics.usesOf('commerce.orders', 'order_count')).toEqual([]);
    });
  });
});
