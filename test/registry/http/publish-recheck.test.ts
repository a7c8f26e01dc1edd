import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { loadContractText } from '../../../contracts/document/load-contract.js';
import { createContractStore } from '../../../registry/storage/contract-store.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, ordersDocument, useRegistry } from './registry-harness.js';

/*
 * A publish compares the candidate with the history before its transaction and, under the lock,
 * reuses that comparison only when the history is unchanged. Here another connection publishes
 * 1.1.0 and holds its transaction open while the candidate is sent, so the candidate's first
 * comparison sees only 1.0.0; the candidate must still be judged against 1.1.0.
 */

const TRANSITIVE = { compatibility: 'full_transitive' };

function withRequiredChannel(document: Record<string, unknown>): Record<string, unknown> {
  const schema = document.schema as { properties: Record<string, unknown>; required: string[] };
  return { ...document, schema: { ...schema, properties: { ...schema.properties, channel: { type: 'string' } }, required: [...schema.required, 'channel'] } };
}

describe.each(STORAGE_TARGETS)('a publish racing another on $dialect', (target) => {
  describe.skipIf(!target.available)('history re-checked under the lock', () => {
    const harness = useRegistry(target.dialect);

    test('a version committed while the candidate was being compared is compared too', async () => {
      const app = harness().registry.app;
      expect((await request(app).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0', TRANSITIVE))).status).toBe(201);

      const other = await harness().database.openAnother();
      const between = withRequiredChannel(ordersDocument('1.1.0', TRANSITIVE));
      const { contract } = await loadContractText(JSON.stringify(between));
      if (contract === undefined) throw new Error('the 1.1.0 test document is not a valid contract');
      let release = (): void => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding = (): void => undefined;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const blocker = other.db.transaction().execute(async (trx) => {
        const outcome = await createContractStore(trx).publish({ contract, document: between, publishedBy: 'admin' }, () => ({ accept: true }));
        expect(outcome.kind).toBe('published');
        holding();
        await released;
      });
      await held;

      // Back to 1.0.0's content: compatible with 1.0.0 alone, but it drops 1.1.0's required field.
      const candidate = request(app).post('/api/contracts').set(asAdmin).send(ordersDocument('1.2.0', TRANSITIVE)).then((response) => response);
      await sleep(300);
      release();
      await blocker;
      const response = await candidate;
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('breaking-change');
      expect(response.body.error.message).toMatch(/2\.0\.0/);
      const versions = await request(app).get('/api/contracts/commerce.orders/versions').set(asAdmin);
      expect(versions.body.versions.map((v: { version: string }) => v.version)).toEqual(['1.0.0', '1.1.0']);
    });

    test('the history a publish remembers is re-read after another connection yanks a version', async () => {
      const app = harness().registry.app;
      expect((await request(app).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0', TRANSITIVE))).status).toBe(201);
      expect((await request(app).post('/api/contracts').set(asAdmin).send(withRequiredChannel(ordersDocument('2.0.0', TRANSITIVE)))).status).toBe(201);

      const other = await harness().database.openAnother();
      await createContractStore(other.db).mark('commerce.orders', '2.0.0', 'yanked', 'channel was a mistake', 'admin');

      // With 2.0.0 still counted, 1.1.0 would not be above the latest version; yanked, only 1.0.0 counts.
      const response = await request(app).post('/api/contracts').set(asAdmin).send(ordersDocument('1.1.0', TRANSITIVE));
      expect(response.status).toBe(201);
      expect(response.body.version).toBe('1.1.0');
    });

    test('a version another connection published is seen, so different content under it is a conflict', async () => {
      const app = harness().registry.app;
      expect((await request(app).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0', TRANSITIVE))).status).toBe(201);

      const other = await harness().database.openAnother();
      const theirs = withRequiredChannel(ordersDocument('1.1.0', TRANSITIVE));
      const { contract } = await loadContractText(JSON.stringify(theirs));
      if (contract === undefined) throw new Error('the 1.1.0 test document is not a valid contract');
      expect((await createContractStore(other.db).publish({ contract, document: theirs, publishedBy: 'admin' }, () => ({ accept: true }))).kind).toBe('published');

      const response = await request(app).post('/api/contracts').set(asAdmin).send(ordersDocument('1.1.0', { ...TRANSITIVE, title: 'Orders, ours' }));
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('conflict');
      expect(response.body.error.message).toMatch(/1\.1\.0 is already published/);
    });
  });
});
