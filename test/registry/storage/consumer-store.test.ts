import { beforeEach, describe, expect, test } from 'vitest';
import { createConsumerStore } from '../../../registry/storage/consumer-store.js';
import type { ConsumerStore } from '../../../registry/storage/consumer-store.js';
import { createContractStore } from '../../../registry/storage/contract-store.js';
import { acceptAll, addPublisher, publishInput, PUBLISHER, sampleContract, STORAGE_TARGETS, useFreshDatabase } from './storage-targets.js';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const ROUTER = { name: 'agents.support-router', contact: { name: 'Kim Lee', email: 'kim@example.com' }, by: PUBLISHER };

describe.each(STORAGE_TARGETS)('consumer store on $dialect', (target) => {
  describe.skipIf(!target.available)('ConsumerStore', () => {
    const database = useFreshDatabase(target.dialect);
    let now: number;
    let store: ConsumerStore;

    beforeEach(async () => {
      const { db } = database().database;
      now = T0;
      store = createConsumerStore(db, { clock: () => new Date(now) });
      await addPublisher(database().database);
      const contracts = createContractStore(db);
      await contracts.publish(publishInput(sampleContract('1.0.0')), acceptAll);
      await contracts.publish(publishInput(sampleContract('1.0.0', { id: 'commerce.payments' })), acceptAll);
    });

    test('upserting updates contact and webhook but keeps who created it and when', async () => {
      await store.upsertConsumer(ROUTER);
      now += 1_000;
      const updated = await store.upsertConsumer({
        ...ROUTER,
        contact: { name: 'Sam Roe', email: 'sam@example.com' },
        webhookUrl: 'https://hooks.example.com/router',
        by: 'someone-else',
      });
      expect(updated).toEqual({
        name: 'agents.support-router',
        contact: { name: 'Sam Roe', email: 'sam@example.com' },
        webhookUrl: 'https://hooks.example.com/router',
        createdBy: PUBLISHER,
        createdAt: new Date(T0).toISOString(),
        updatedAt: new Date(T0 + 1_000).toISOString(),
      });
      expect(await store.getConsumer('agents.support-router')).toEqual(updated);
    });

    test('a pin is created, then replaced in place, and listed from both sides', async () => {
      await store.upsertConsumer(ROUTER);
      await store.upsertConsumer({ ...ROUTER, name: 'agents.billing' });
      await store.pin({ consumer: 'agents.support-router', contractId: 'commerce.orders', range: '^1.0.0' });
      now += 1_000;
      const replaced = await store.pin({ consumer: 'agents.support-router', contractId: 'commerce.orders', range: '^1.2.0', fields: ['order_id'] });
      expect(replaced).toMatchObject({ range: '^1.2.0', fields: ['order_id'], createdAt: new Date(T0).toISOString() });
      await store.pin({ consumer: 'agents.billing', contractId: 'commerce.orders', range: '1.x' });
      await store.pin({ consumer: 'agents.support-router', contractId: 'commerce.payments', range: '*' });
      expect((await store.listPinsByContract('commerce.orders')).map((p) => [p.consumer, p.range])).toEqual([
        ['agents.billing', '1.x'],
        ['agents.support-router', '^1.2.0'],
      ]);
      expect((await store.listPinsByConsumer('agents.support-router')).map((p) => p.contractId)).toEqual([
        'commerce.orders',
        'commerce.payments',
      ]);
    });

    test.each([
      ['an unknown consumer', 'agents.ghost', 'commerce.orders'],
      ['an unpublished contract', 'agents.support-router', 'commerce.ghost'],
    ])('pinning %s is not-found and names both sides', async (_, consumer, contractId) => {
      await store.upsertConsumer(ROUTER);
      const attempt = store.pin({ consumer, contractId, range: '^1.0.0' });
      await expect(attempt).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining(`${consumer} to ${contractId}`) });
      expect(await store.listPinsByConsumer(consumer)).toEqual([]);
    });

    test('unpinning reports whether there was a pin', async () => {
      await store.upsertConsumer(ROUTER);
      await store.pin({ consumer: ROUTER.name, contractId: 'commerce.orders', range: '^1.0.0' });
      expect(await store.unpin(ROUTER.name, 'commerce.orders')).toBe(true);
      expect(await store.unpin(ROUTER.name, 'commerce.orders')).toBe(false);
      expect(await store.listPinsByContract('commerce.orders')).toEqual([]);
    });

    test('removing a consumer takes its pins with it and answers the contracts they were on; an unknown one is undefined', async () => {
      await store.upsertConsumer(ROUTER);
      await store.upsertConsumer({ ...ROUTER, name: 'agents.billing' });
      await store.pin({ consumer: ROUTER.name, contractId: 'commerce.payments', range: '*' });
      await store.pin({ consumer: ROUTER.name, contractId: 'commerce.orders', range: '^1' });
      await store.pin({ consumer: 'agents.billing', contractId: 'commerce.orders', range: '^1' });
      expect(await store.removeConsumer(ROUTER.name)).toEqual(['commerce.orders', 'commerce.payments']);
      expect(await store.getConsumer(ROUTER.name)).toBeUndefined();
      expect((await store.listPinsByContract('commerce.orders')).map((pin) => pin.consumer)).toEqual(['agents.billing']);
      expect(await store.removeConsumer(ROUTER.name)).toBeUndefined();
    });

    test('lists consumers by name with a total', async () => {
      for (const name of ['c.three', 'a.one', 'b.two']) await store.upsertConsumer({ ...ROUTER, name });
      const page = await store.listConsumers({ limit: 2 });
      expect(page).toMatchObject({ total: 3, items: [{ name: 'a.one' }, { name: 'b.two' }] });
    });
  });
});
