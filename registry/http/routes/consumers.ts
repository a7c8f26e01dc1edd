import type { Express } from 'express';
import { principalOf } from '../../auth/request-auth.js';
import { personField, readObjectBody, stringField, stringListField } from '../body-fields.js';
import { nameParam, pageQuery } from '../../request/query.js';
import { consumerView } from '../views.js';
import type { RouteContext } from './route-context.js';
import type { ConsumerDetail, ConsumerInfo, ConsumerPage, DeletedPin, PinResult, RemovedConsumer } from '../../../vocabulary/index.js';

/** Consumers and their pins. */
export function registerConsumerRoutes(app: Express, { services, read }: RouteContext): void {
  const { pins } = services;

  app.get('/api/consumers', read, async (req, res) => {
    const page = pageQuery(req);
    const found = await pins.listConsumers(page);
    const names = await services.names.of(found.items.map((consumer) => consumer.createdBy));
    res.json({ items: found.items.map((consumer) => consumerView(consumer, names)), limit: page.limit ?? null, offset: page.offset ?? 0, total: found.total } satisfies ConsumerPage);
  });

  app.get('/api/consumers/:name', read, async (req, res) => {
    const consumer = await pins.getConsumer(nameParam(req, 'name', 'consumer'));
    res.json({
      ...consumerView(consumer, await services.names.of([consumer.createdBy])),
      pins: consumer.pins.map((pin) => ({ contract: pin.contractId, range: pin.range, fields: pin.fields, createdAt: pin.createdAt, updatedAt: pin.updatedAt })),
    } satisfies ConsumerDetail);
  });

  app.put('/api/consumers/:name', async (req, res) => {
    const principal = principalOf(res);
    const body = await readObjectBody(req);
    const contact = personField(body, 'contact', '/contact');
    const webhookUrl = stringField(body, 'webhook', '/webhook');
    const consumer = await pins.putConsumer(nameParam(req, 'name', 'consumer'), { contact, ...(webhookUrl === undefined ? {} : { webhookUrl }) }, principal);
    res.json(consumerView(consumer, await services.names.of([consumer.createdBy])) satisfies ConsumerInfo);
  });

  app.delete('/api/consumers/:name', async (req, res) => {
    const principal = principalOf(res);
    const name = nameParam(req, 'name', 'consumer');
    const unpinned = await pins.removeConsumer(name, principal);
    res.json({ name, deleted: true, unpinned } satisfies RemovedConsumer);
  });

  app.post('/api/contracts/:id/consumers/:name/telemetry', async (req, res) => {
    const principal = principalOf(res);
    const body = await readObjectBody(req);
    res.json(await services.telemetry.report(nameParam(req, 'id', 'contract-id'), nameParam(req, 'name', 'consumer'), body, principal));
  });

  app.put('/api/consumers/:name/pins/:id', async (req, res) => {
    const principal = principalOf(res);
    const body = await readObjectBody(req);
    const range = stringField(body, 'range', '/range', true);
    const fields = stringListField(body, 'fields', '/fields');
    res.json((await pins.pin(nameParam(req, 'name', 'consumer'), nameParam(req, 'id', 'contract-id'), { range, ...(fields === undefined ? {} : { fields }) }, principal)) satisfies PinResult);
  });

  app.delete('/api/consumers/:name/pins/:id', async (req, res) => {
    const principal = principalOf(res);
    const consumer = nameParam(req, 'name', 'consumer');
    const contract = nameParam(req, 'id', 'contract-id');
    await pins.unpin(consumer, contract, principal);
    res.json({ consumer, contract, deleted: true } satisfies DeletedPin);
  });
}
