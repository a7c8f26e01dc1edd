import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { MAX_UNKNOWN_FIELDS_NAMED } from '../../../registry/services/pins.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { asAdmin, ordersDocument, useRegistry } from './registry-harness.js';

/*
 * Pins that are checked: declared fields must exist in the version the range resolves to, in
 * the notation findings use, and a later version that removes or breaks a pinned field names
 * the consumer as affected in the impact report.
 */

const ID = 'commerce.shipments';

/** A shipments contract with a nested object and an array of objects. */
function shipments(version: string, drop: readonly string[] = []): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    shipment_id: { type: 'string' },
    weight_kg: { type: 'number' },
    carrier: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
    parcels: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, quantity: { type: 'integer' } } } },
  };
  for (const name of drop) delete properties[name];
  return ordersDocument(version, {
    contract: ID,
    metrics: [],
    schema: { type: 'object', properties, required: ['shipment_id'].filter((name) => !drop.includes(name)) },
  });
}

describe.each(STORAGE_TARGETS)('checked pins on $dialect', (target) => {
  describe.skipIf(!target.available)('declared fields', () => {
    const harness = useRegistry(target.dialect);
    const app = () => harness().registry.app;
    const pin = (range: string, fields: string[]) => request(app()).put(`/api/consumers/agents.dispatch/pins/${ID}`).set(asAdmin).send({ range, fields });

    beforeEach(async () => {
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(shipments('1.0.0'))).status).toBe(201);
      expect((await request(app()).put('/api/consumers/agents.dispatch').set(asAdmin).send({ contact: { name: 'Dev Patel', email: 'dev@example.com' } })).status).toBe(200);
    });

    test.each([
      [['shipment_id', 'weight_kg'], 200],
      [['carrier', 'carrier.code', 'parcels', 'parcels[]', 'parcels[].sku'], 200],
      [['shipment_id', 'weight_kgs'], 422],
      [['carrier.id'], 422],
      [['parcels.sku'], 422],
      [['weight_kg[]'], 422],
    ])('pinning ^1 with fields %j answers %i', async (fields, status) => {
      const before = await harness().counts();
      const response = await pin('^1', fields);
      expect(response.status).toBe(status);
      if (status === 422) {
        expect(response.body.error.code).toBe('unknown-field');
        expect(await harness().counts()).toEqual(before);
        expect((await request(app()).get('/api/consumers/agents.dispatch').set(asAdmin)).body.pins).toEqual([]);
      }
    });

    test('an unknown field is refused with the version it was checked against and the closest field', async () => {
      const response = await pin('^1', ['shipment_id', 'weight_kgs']);
      expect(response.body.error).toMatchObject({
        code: 'unknown-field',
        pointer: '/fields/1',
        message: expect.stringMatching(/^consumer agents\.dispatch pins commerce\.shipments \^1, which resolves to 1\.0\.0, and 1\.0\.0 has no field weight_kgs \(did you mean weight_kg\?\)/),
      });
    });

    test(`at most ${MAX_UNKNOWN_FIELDS_NAMED} unknown fields are named, the rest counted`, async () => {
      const fields = Array.from({ length: MAX_UNKNOWN_FIELDS_NAMED + 1 }, (_, i) => `missing_${i}`);
      const response = await pin('^1', fields);
      expect(response.status).toBe(422);
      expect(response.body.error.message).toContain(`missing_${MAX_UNKNOWN_FIELDS_NAMED - 1} and 1 more`);
      expect(response.body.error.message).not.toContain(`missing_${MAX_UNKNOWN_FIELDS_NAMED},`);
    });

    test.each([
      ['weight_kg', ['weight_kg']],
      ['carrier.code', ['carrier']],
    ])('a candidate that removes a field the consumer pinned (%s) names it as affected', async (field, drop) => {
      expect((await pin('^1', [field, 'shipment_id'])).status).toBe(200);
      const report = await request(app()).post(`/api/contracts/${ID}/check`).set(asAdmin).send(shipments('2.0.0', drop));
      expect(report.status).toBe(200);
      expect(report.body.consumers).toEqual([
        expect.objectContaining({ consumer: 'agents.dispatch', affected: true, resolvedVersion: '1.0.0', findings: expect.arrayContaining([expect.objectContaining({ severity: 'breaking' })]) }),
      ]);
      const untouched = await request(app()).post(`/api/contracts/${ID}/check`).set(asAdmin).send(shipments('2.0.0', ['parcels']));
      expect(untouched.body.consumers).toEqual([expect.objectContaining({ consumer: 'agents.dispatch', affected: false })]);
      expect(untouched.body.breakingUntouched).toBe(true);
    });
  });
});
