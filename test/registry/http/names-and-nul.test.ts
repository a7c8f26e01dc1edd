import request from 'supertest';
import { describe, expect, test } from 'vitest';
import {
  MAX_CONSUMER_NAME_LENGTH,
  MAX_CONTRACT_ID_LENGTH,
  MAX_DEFINITION_NAME_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_METRIC_REFERENCE_LENGTH,
  MAX_NAMESPACE_LENGTH,
  MAX_PRINCIPAL_NAME_LENGTH,
  MAX_TAG_LENGTH,
  NAME_RULES,
} from '../../../contracts/document/identifiers.js';
import { MAX_RUN_SOURCE_LENGTH } from '../../../vocabulary/index.js';
import { API_STORED_TABLES, STORAGE_TARGETS } from '../storage/storage-targets.js';
import { checkReport } from './runs-fixture.js';
import { asAdmin, ordersDocument, useRegistry } from './registry-harness.js';

/*
 * One grammar and length limit per name, and no NUL in stored text, the same on SQLite and
 * PostgreSQL: every case goes one past its limit (or adds a NUL), expects the 4xx that quotes the
 * rule, and checks that no table changed.
 */

const NUL = '\u0000';
const ID = 'commerce.orders';

/** A contract id of exactly `length` characters in namespace `commerce`. */
const idOfLength = (length: number): string => `commerce.${'o'.repeat(length - 'commerce.'.length)}`;
const namespaceOfLength = (length: number): string => `n${'s'.repeat(length - 1)}.orders`;
const emailOfLength = (length: number): string => `${'d'.repeat(length - '@example.com'.length)}@example.com`;

type Send = (app: Parameters<typeof request>[0]) => request.Test;

const publish = (document: Record<string, unknown>): Send => (app) => request(app).post('/api/contracts').set(asAdmin).send(document);
const publishWith = (overrides: Record<string, unknown>): Send => publish(ordersDocument('1.1.0', overrides));
const withMetricField = (field: string, value: unknown): Send =>
  publishWith({ metrics: [{ name: 'net_revenue', type: 'simple', aggregation: 'sum', expression: 'amount', [field]: value }] });
const putConsumer = (name: string, body: Record<string, unknown>): Send => (app) => request(app).put(`/api/consumers/${name}`).set(asAdmin).send(body);
const contact = { name: 'Ravi Patel', email: 'ravi.patel@example.com' };
const pin = (body: Record<string, unknown>): Send => (app) => request(app).put(`/api/consumers/agents.router/pins/${ID}`).set(asAdmin).send(body);
const token = (body: Record<string, unknown>): Send => (app) => request(app).post('/api/tokens').set(asAdmin).send(body);
const run = (options: Parameters<typeof checkReport>[0]): Send => (app) => request(app).post(`/api/contracts/${ID}/runs`).set(asAdmin).send(checkReport(options));

/** [what, request, status, text the answer must quote] */
const PAST_THE_LIMIT: readonly (readonly [string, Send, number, string])[] = [
  ['a contract id one past MAX_CONTRACT_ID_LENGTH', publishWith({ contract: idOfLength(MAX_CONTRACT_ID_LENGTH + 1) }), 422, NAME_RULES['contract-id'].rule],
  ['a contract id of 300,004 characters', publishWith({ contract: `commerce.${'o'.repeat(299_995)}` }), 422, NAME_RULES['contract-id'].rule],
  ['a namespace one past MAX_NAMESPACE_LENGTH', publishWith({ contract: namespaceOfLength(MAX_NAMESPACE_LENGTH + 1) }), 422, NAME_RULES['contract-id'].rule],
  ['a tag one past MAX_TAG_LENGTH', publishWith({ tags: ['t'.repeat(MAX_TAG_LENGTH + 1)] }), 422, NAME_RULES.tag.rule],
  ['a tag with a space', publishWith({ tags: ['two words'] }), 422, NAME_RULES.tag.rule],
  ['a metric tag in capitals', withMetricField('tags', ['KPI']), 422, NAME_RULES.tag.rule],
  ['a metric name one past MAX_DEFINITION_NAME_LENGTH', publishWith({ metrics: [{ name: 'm'.repeat(MAX_DEFINITION_NAME_LENGTH + 1), type: 'simple', aggregation: 'sum', expression: 'amount' }] }), 422, `${MAX_DEFINITION_NAME_LENGTH}`],
  ['a metric reference one past MAX_METRIC_REFERENCE_LENGTH', withMetricField('references', `${idOfLength(MAX_CONTRACT_ID_LENGTH)}#${'m'.repeat(MAX_METRIC_REFERENCE_LENGTH - MAX_CONTRACT_ID_LENGTH)}`), 422, `at most ${MAX_METRIC_REFERENCE_LENGTH} characters`],
  ['an owner e-mail one past MAX_EMAIL_LENGTH', publishWith({ owner: { name: 'Dana Fischer', email: emailOfLength(MAX_EMAIL_LENGTH + 1) } }), 422, `${MAX_EMAIL_LENGTH}`],
  ['a consumer name one past MAX_CONSUMER_NAME_LENGTH', putConsumer('a'.repeat(MAX_CONSUMER_NAME_LENGTH + 1), { contact }), 400, NAME_RULES.consumer.rule],
  ['a consumer contact e-mail one past MAX_EMAIL_LENGTH', putConsumer('agents.router', { contact: { name: 'Ravi', email: emailOfLength(MAX_EMAIL_LENGTH + 1) } }), 400, `${MAX_EMAIL_LENGTH}`],
  ['a token name one past MAX_PRINCIPAL_NAME_LENGTH', token({ name: 'n'.repeat(MAX_PRINCIPAL_NAME_LENGTH + 1), role: 'reader' }), 400, NAME_RULES['principal-name'].rule],
  ['a token name with a control character', token({ name: 'nightly\tchecker', role: 'reader' }), 400, NAME_RULES['principal-name'].rule],
  ['a token namespace one past MAX_NAMESPACE_LENGTH', token({ name: 'pub', role: 'publisher', namespaces: ['n'.repeat(MAX_NAMESPACE_LENGTH + 1)] }), 400, NAME_RULES.namespace.rule],
  ['a contract id in the URL one past MAX_CONTRACT_ID_LENGTH', (app) => request(app).get(`/api/contracts/${idOfLength(MAX_CONTRACT_ID_LENGTH + 1)}`).set(asAdmin), 400, NAME_RULES['contract-id'].rule],
  ['a pin on a contract id one past the limit', (app) => request(app).put(`/api/consumers/agents.router/pins/${idOfLength(MAX_CONTRACT_ID_LENGTH + 1)}`).set(asAdmin).send({ range: '^1' }), 400, NAME_RULES['contract-id'].rule],
  ['a run source one byte past MAX_RUN_SOURCE_LENGTH in UTF-8', run({ sourceName: `${'é'.repeat(MAX_RUN_SOURCE_LENGTH / 2)}x` }), 400, `${MAX_RUN_SOURCE_LENGTH} bytes`],
];

/** [field, request, status]: a NUL in each text field the registry stores. */
const NUL_FIELDS: readonly (readonly [string, Send, number])[] = [
  ['document title', publishWith({ title: `Orders${NUL}feed` }), 422],
  ['document tag', publishWith({ tags: [`commerce${NUL}`] }), 422],
  ['document team', publishWith({ team: `commerce${NUL}data` }), 422],
  ['document description', publishWith({ description: `a${NUL}b` }), 422],
  ['document owner name', publishWith({ owner: { name: `Dana${NUL}Fischer`, email: 'dana.fischer@example.com' } }), 422],
  ['document extension value', publishWith({ 'x-note': { text: `a${NUL}b` } }), 422],
  ['document metric description', withMetricField('description', `net${NUL}revenue`), 422],
  ['consumer contact name', putConsumer('agents.router', { contact: { name: `Ravi${NUL}`, email: 'ravi@example.com' } }), 400],
  ['consumer contact e-mail', putConsumer('agents.router', { contact: { name: 'Ravi', email: `ravi${NUL}@example.com` } }), 400],
  ['consumer webhook', putConsumer('agents.router', { contact, webhook: `https://hooks.example.com/${NUL}` }), 400],
  ['pin range', pin({ range: `^1${NUL}` }), 400],
  ['pin field', pin({ range: '^1', fields: [`order_id${NUL}`] }), 400],
  ['token name', token({ name: `nightly${NUL}checker`, role: 'reader' }), 400],
  ['token namespace', token({ name: 'pub', role: 'publisher', namespaces: [`commerce${NUL}`] }), 400],
  ['deprecation reason', (app) => request(app).post(`/api/contracts/${ID}/versions/1.0.0/deprecate`).set(asAdmin).send({ reason: `old${NUL}` }), 400],
  ['transfer owner name', (app) => request(app).post(`/api/contracts/${ID}/transfer`).set(asAdmin).send({ owner: { name: `Ravi${NUL}`, email: 'ravi@example.com', principal: 'admin' } }), 400],
  ['run source name', run({ sourceName: `prod${NUL}` }), 400],
  ['run source description', run({ source: `http ${NUL}` }), 400],
  ['search query', (app) => request(app).get('/api/contracts?q=ord%00ers').set(asAdmin), 400],
  ['contract id in the URL', (app) => request(app).get('/api/contracts/commerce.ord%00ers').set(asAdmin), 400],
  ['consumer name in the URL', (app) => request(app).get('/api/consumers/agents.ro%00uter').set(asAdmin), 400],
  ['run source in the query', (app) => request(app).get(`/api/contracts/${ID}/runs?source=pr%00od`).set(asAdmin), 400],
];

describe.each(STORAGE_TARGETS)('names and NUL characters on $dialect', (target) => {
  describe.skipIf(!target.available)('every name has one grammar and limit, and stored text never holds NUL', () => {
    const harness = useRegistry(target.dialect);
    const app = () => harness().registry.app;

    async function snapshot(): Promise<Record<string, number>> {
      const { db } = harness().database.database;
      const counts: Record<string, number> = {};
      for (const table of API_STORED_TABLES) {
        counts[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
      }
      return counts;
    }

    /** A published 1.0.0 and a consumer to act on, so a refusal is for the bad field alone. */
    async function seed(): Promise<void> {
      expect((await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0'))).status).toBe(201);
      expect((await request(app()).put('/api/consumers/agents.router').set(asAdmin).send({ contact })).status).toBe(200);
      expect((await request(app()).post(`/api/contracts/${ID}/runs`).set(asAdmin).send(checkReport())).status).toBe(201);
    }

    test.each(PAST_THE_LIMIT)('%s is refused, quoting the rule, and changes nothing', async (_what, send, status, rule) => {
      await seed();
      const before = await snapshot();
      const response = await send(app());
      expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(status);
      expect(JSON.stringify(response.body)).toContain(JSON.stringify(rule).slice(1, -1));
      expect(await snapshot()).toEqual(before);
    });

    test.each(NUL_FIELDS)('a NUL character in the %s is refused and changes nothing', async (_field, send, status) => {
      await seed();
      const before = await snapshot();
      const response = await send(app());
      expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(status);
      expect(JSON.stringify(response.body)).toMatch(/NUL character \(U\+0000\)/);
      expect(await snapshot()).toEqual(before);
    });

    test.each([
      ['a contract id of exactly MAX_CONTRACT_ID_LENGTH', { contract: idOfLength(MAX_CONTRACT_ID_LENGTH) }],
      ['a namespace of exactly MAX_NAMESPACE_LENGTH', { contract: namespaceOfLength(MAX_NAMESPACE_LENGTH) }],
      ['a tag of exactly MAX_TAG_LENGTH', { tags: ['t'.repeat(MAX_TAG_LENGTH), 'finance:kpi'] }],
      ['an owner e-mail of exactly MAX_EMAIL_LENGTH', { owner: { name: 'Dana Fischer', email: emailOfLength(MAX_EMAIL_LENGTH) } }],
    ])('%s is published and reads back', async (_what, overrides) => {
      const document = ordersDocument('1.0.0', overrides);
      const published = await request(app()).post('/api/contracts').set(asAdmin).send(document);
      expect(published.status, JSON.stringify(published.body).slice(0, 300)).toBe(201);
      const read = await request(app()).get(`/api/contracts/${document.contract as string}/versions/1.0.0`).set(asAdmin);
      expect(read.status).toBe(200);
      expect(read.body.document).toMatchObject(overrides);
    });

    test('names at their limits are accepted: consumer, token name, token namespace, run source', async () => {
      await seed();
      expect((await putConsumer('a'.repeat(MAX_CONSUMER_NAME_LENGTH), { contact })(app())).status).toBe(200);
      expect((await token({ name: 'n'.repeat(MAX_PRINCIPAL_NAME_LENGTH), role: 'reader' })(app())).status).toBe(201);
      expect((await token({ name: 'pub', role: 'publisher', namespaces: ['n'.repeat(MAX_NAMESPACE_LENGTH)] })(app())).status).toBe(201);
      const source = 'é'.repeat(MAX_RUN_SOURCE_LENGTH / 2 - 1) + 'xx';
      const recorded = await run({ sourceName: source })(app());
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
      expect(recorded.body.source).toBe(source);
    });

    test('a NUL inside the record schema is data: stored as escaped JSON and read back alike', async () => {
      const schema = { type: 'object', properties: { code: { type: 'string', enum: [`a${NUL}b`], description: `c${NUL}d` } } };
      const published = await request(app()).post('/api/contracts').set(asAdmin).send(ordersDocument('1.0.0', { schema, metrics: [] }));
      expect(published.status, JSON.stringify(published.body).slice(0, 300)).toBe(201);
      const read = await request(app()).get(`/api/contracts/${ID}/versions/1.0.0`).set(asAdmin);
      expect(read.body.document.schema.properties.code).toEqual(schema.properties.code);
    });
  });
});
