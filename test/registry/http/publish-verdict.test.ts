import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { HOST, ORIGIN } from '../ui/ui-harness.js';
import { asAdmin, bearer, ordersDocument, useRegistry, withoutProperty } from './registry-harness.js';
import type { Harness } from './registry-harness.js';

/*
 * One evaluation behind publish, its dry run and the UI's impact preview: for every principal and
 * every kind of candidate, the dry run's predicted outcome and reason codes are what the real
 * publish then does, and the preview shows the same verdict. The expected codes are written out
 * too, so the three agreeing on a wrong answer still fails.
 */

const ID = 'commerce.orders';
type Document = Record<string, unknown>;

/** The orders contract without metrics: the metric scenario adds one. */
const plain = (version: string, overrides: Document = {}): Document => ordersDocument(version, { metrics: [], ...overrides });

/** Another contract whose `net_revenue` means something else than the orders contract's. */
const LEDGER = {
  contract: 'finance.ledger',
  version: '1.0.0',
  owner: { name: 'Farah Lind', email: 'farah.lind@example.com' },
  schema: { type: 'object', properties: { amount: { type: 'number' }, refunded_amount: { type: 'number' } } },
  metrics: [{ name: 'net_revenue', type: 'simple', aggregation: 'sum', expression: 'amount - refunded_amount', unit: 'EUR', grain: 'day' }],
};

interface Scenario {
  readonly name: string;
  /** Published by the owner (or, for other contracts, the admin) before the candidate. */
  readonly setup: readonly Document[];
  readonly candidate: Document;
  /** The reasons the candidate itself is refused for, whoever sends it. */
  readonly reasons: readonly string[];
  /** The outcome for a principal allowed to publish: accepted, or existing for identical content. */
  readonly allowed?: 'accepted' | 'existing';
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'first version', setup: [], candidate: plain('1.0.0'), reasons: [] },
  { name: 'additive minor', setup: [plain('1.0.0')], candidate: plain('1.1.0', { description: 'Orders, one line each' }), reasons: [] },
  { name: 'breaking minor', setup: [plain('1.0.0')], candidate: withoutProperty(plain('1.1.0'), 'customer_id'), reasons: ['breaking-change'] },
  { name: 'breaking major', setup: [plain('1.0.0')], candidate: withoutProperty(plain('2.0.0'), 'customer_id'), reasons: [] },
  { name: 'out-of-order version', setup: [plain('1.0.0'), plain('1.1.0')], candidate: plain('1.0.5'), reasons: ['version-order'] },
  {
    name: 'maintenance patch',
    setup: [plain('1.0.0'), plain('1.1.1'), withoutProperty(plain('2.0.0'), 'customer_id')],
    candidate: plain('1.1.2', { title: 'Orders feed (1.x)' }),
    reasons: [],
  },
  { name: 'content conflict', setup: [plain('1.0.0')], candidate: plain('1.0.0', { title: 'Orders, renamed' }), reasons: ['content-conflict'] },
  { name: 'same content again', setup: [plain('1.0.0')], candidate: plain('1.0.0'), reasons: [], allowed: 'existing' },
  { name: 'metric conflict', setup: [LEDGER, plain('1.0.0')], candidate: ordersDocument('1.1.0'), reasons: ['metric-conflict'] },
];

type Actor = 'owner' | 'non-owner publisher' | 'other-namespace publisher' | 'consumer' | 'reader' | 'admin';
const ACTORS: readonly Actor[] = ['owner', 'non-owner publisher', 'other-namespace publisher', 'consumer', 'reader', 'admin'];

/** The permission reasons `actor` meets, before the candidate's own; `registered` when the owner already published the contract. */
function permissionReasons(actor: Actor, registered: boolean): string[] {
  switch (actor) {
    case 'owner':
    case 'admin':
      return [];
    case 'non-owner publisher':
      return registered ? ['not-owner'] : [];
    case 'other-namespace publisher':
      return ['namespace-forbidden', ...(registered ? ['not-owner'] : [])];
    case 'consumer':
    case 'reader':
      return ['role-forbidden'];
  }
}

/** The HTTP status a refusal with `first` as its first reason is answered with. */
const STATUS_OF: Readonly<Record<string, number>> = {
  'role-forbidden': 403,
  'namespace-forbidden': 403,
  'not-owner': 403,
  'content-conflict': 409,
  'version-order': 409,
  'breaking-change': 409,
  'metric-conflict': 409,
};

interface Verdict {
  readonly outcome: string;
  readonly reasons: readonly { code: string; message: string }[];
  readonly refusal?: { code: string; message: string };
}

const CASES = SCENARIOS.flatMap((scenario) => ACTORS.map((actor) => [scenario.name, actor, scenario] as const));

describe.each(STORAGE_TARGETS)('dry run, UI preview and publish agree on $dialect', (target) => {
  describe.skipIf(!target.available)('every principal × every kind of candidate', () => {
    const harness = useRegistry(target.dialect);

    async function tokens(h: Harness): Promise<Record<Actor, string>> {
      return {
        owner: (await h.token('publisher', ['commerce'], 'Olivia Owner')).token,
        'non-owner publisher': (await h.token('publisher', ['commerce'], 'Nadia Other')).token,
        'other-namespace publisher': (await h.token('publisher', ['finance'], 'Otto Finance')).token,
        consumer: (await h.token('consumer', [], 'Cato Consumer')).token,
        reader: (await h.token('reader', [], 'Rhea Reader')).token,
        admin: (await h.token('admin', [], 'Ada Admin')).token,
      };
    }

    test.each(CASES)('%s as %s', async (_name, actor, scenario) => {
      const h = harness();
      const app = h.registry.app;
      const token = await tokens(h);
      for (const document of scenario.setup) {
        const by = document.contract === ID ? token.owner : token.admin;
        const response = await request(app).post('/api/contracts').set(bearer(by)).send(document);
        expect(response.status, JSON.stringify(response.body)).toBe(201);
      }
      const registered = scenario.setup.some((document) => document.contract === ID);
      const expected = [...permissionReasons(actor, registered), ...scenario.reasons];

      const dryRun = await request(app).post(`/api/contracts/${ID}/check`).set(bearer(token[actor])).send(scenario.candidate);
      expect(dryRun.status).toBe(200);
      const verdict = dryRun.body as Verdict;
      expect(verdict.reasons.map((reason) => reason.code)).toEqual(expected);
      expect(verdict.outcome).toBe(expected.length > 0 ? 'refused' : (scenario.allowed ?? 'accepted'));

      const preview = await request(app)
        .post('/impact')
        .set('host', HOST)
        .set('origin', ORIGIN)
        .set(bearer(token[actor]))
        .type('form')
        .send({ document: JSON.stringify(scenario.candidate) });
      expect(preview.status).toBe(200);
      expect(preview.text).toContain(`data-outcome="${verdict.outcome}" data-reasons="${expected.join(' ')}"`);

      const before = await h.counts();
      const published = await request(app).post('/api/contracts').set(bearer(token[actor])).send(scenario.candidate);
      if (verdict.outcome === 'refused') {
        expect(published.status).toBe(STATUS_OF[expected[0]!]);
        expect(published.body.error.code).toBe(verdict.refusal?.code);
        expect(published.body.error.message).toBe(verdict.refusal?.message);
        expect((published.body.error.reasons as Verdict['reasons']).map((reason) => reason.code)).toEqual(expected);
        expect(await h.counts()).toEqual(before);
      } else {
        expect(published.status).toBe(verdict.outcome === 'existing' ? 200 : 201);
        expect(published.body.version).toBe(scenario.candidate.version);
      }
    });

    test('a refused publish answers every reason at once: a non-owner sending a breaking minor hears both', async () => {
      const h = harness();
      const token = await tokens(h);
      expect((await request(h.registry.app).post('/api/contracts').set(bearer(token.owner)).send(plain('1.0.0'))).status).toBe(201);
      const response = await request(h.registry.app).post('/api/contracts').set(bearer(token['non-owner publisher'])).send(withoutProperty(plain('1.1.0'), 'customer_id'));
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/Nadia Other may not publish new versions of commerce\.orders: it is owned by principal Olivia Owner \(its contact person is Dana Fischer/);
      expect(response.body.error.reasons[1]).toMatchObject({ code: 'breaking-change', message: expect.stringMatching(/publish it as 2\.0\.0/) });
    });

    test('an anonymous dry run is told a publish needs a token, as the publish itself answers', async () => {
      const app = harness().registry.app;
      expect((await request(app).post('/api/contracts').set(asAdmin).send(plain('1.0.0'))).status).toBe(201);
      const publicRead = await request(app).post(`/api/contracts/${ID}/check`).send(plain('1.1.0'));
      // This registry is not public: the dry run itself needs a token to read.
      expect(publicRead.status).toBe(401);
    });
  });

  describe.skipIf(!target.available)('on a registry anyone may read', () => {
    const harness = useRegistry(target.dialect, { publicRead: true });

    test('an anonymous dry run says not-authenticated, and the publish answers 401', async () => {
      const app = harness().registry.app;
      expect((await request(app).post('/api/contracts').set(asAdmin).send(plain('1.0.0'))).status).toBe(201);
      const dryRun = await request(app).post(`/api/contracts/${ID}/check`).send(plain('1.1.0'));
      expect(dryRun.body).toMatchObject({ outcome: 'refused', refusal: { code: 'unauthorized' } });
      expect(dryRun.body.reasons.map((reason: { code: string }) => reason.code)).toEqual(['not-authenticated']);
      expect((await request(app).post('/api/contracts').send(plain('1.1.0'))).status).toBe(401);
    });
  });
});
