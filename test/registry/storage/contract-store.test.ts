import { beforeEach, describe, expect, test } from 'vitest';
import { ConcordError } from '../../../contracts/errors.js';
import { createAuditLog } from '../../../registry/storage/audit-log.js';
import { contractContentHash } from '../../../contracts/content-hash.js';
import type { PublishDecision } from '../../../registry/storage/contract-publish.js';
import { createContractStore } from '../../../registry/storage/contract-store.js';
import type { ContractStore } from '../../../registry/storage/contract-store.js';
import type { Contract } from '../../../contracts/model.js';
import { MAX_PAGE_SIZE } from '../../../registry/storage/paging.js';
import { createWebhookOutbox } from '../../../registry/storage/webhook-outbox.js';
import { acceptAll, addPublisher, publishInput, PUBLISHER, sampleContract, STORAGE_TARGETS, useFreshDatabase } from './storage-targets.js';
import type { TestDatabase } from './storage-targets.js';

/** Publish order deliberately scrambled; the expected order is semver precedence. */
const SCRAMBLED = ['1.10.0', '2.0.0-rc.10', '1.2.0', '2.0.0-alpha.beta', '2.0.0-rc.2', '1.2.0-alpha', '1.9.1', '2.0.0-alpha', '2.0.0-alpha.1'];
const SEMVER_ORDER = ['1.2.0-alpha', '1.2.0', '1.9.1', '1.10.0', '2.0.0-alpha', '2.0.0-alpha.1', '2.0.0-alpha.beta', '2.0.0-rc.2', '2.0.0-rc.10'];

describe.each(STORAGE_TARGETS)('contract store on $dialect', (target) => {
  describe.skipIf(!target.available)('ContractStore', () => {
    const database = useFreshDatabase(target.dialect);
    let fresh: TestDatabase;
    let store: ContractStore;

    beforeEach(async () => {
      fresh = database();
      await addPublisher(fresh.database);
      store = createContractStore(fresh.database.db);
    });

    const publish = (version: string, overrides: Partial<Contract> = {}) => store.publish(publishInput(sampleContract(version, overrides)), acceptAll);
    const countRows = async (table: 'contracts' | 'contract_versions' | 'audit_log' | 'metric_definitions' | 'webhook_outbox') =>
      Number(
        (await fresh.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n,
      );

    test('publishes a version and reads back the same document, schema, hash and summary', async () => {
      const contract = sampleContract('1.0.0');
      const input = publishInput(contract);
      const outcome = await store.publish(input, acceptAll);
      expect(outcome.kind).toBe('published');
      const stored = await store.getVersion('commerce.orders', '1.0.0');
      expect(stored).toMatchObject({
        contractId: 'commerce.orders',
        version: '1.0.0',
        contentHash: contractContentHash(contract),
        document: input.document,
        bundledSchema: contract.schema,
        status: 'active',
        compatibility: { mode: 'forward', policy: 'strict' },
        publishedBy: PUBLISHER,
      });
      expect(outcome.kind === 'published' && outcome.version).toEqual(stored);
      expect(await store.getContract('commerce.orders')).toMatchObject({
        namespace: 'commerce',
        name: 'orders',
        owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
        ownerPrincipalId: PUBLISHER,
        title: 'Orders feed',
        tags: ['commerce', 'orders'],
        latestVersion: '1.0.0',
      });
      const audit = await createAuditLog(fresh.database.db).list({ contractId: 'commerce.orders' });
      expect(audit.items).toEqual([expect.objectContaining({ action: 'contract.publish', actor: PUBLISHER, toVersion: '1.0.0' })]);
      expect(await countRows('metric_definitions')).toBe(1);
    });

    test('lists versions in semver order, prereleases before their release and numeric identifiers numerically', async () => {
      for (const version of SCRAMBLED) expect((await publish(version)).kind).toBe('published');
      expect((await store.listVersions('commerce.orders')).map((v) => v.version)).toEqual(SEMVER_ORDER);
      expect((await store.listStoredVersions('commerce.orders')).map((v) => v.version)).toEqual(SEMVER_ORDER);
      expect((await store.getContract('commerce.orders'))?.latestVersion).toBe('1.10.0');
    });

    test.each([
      [{}, false, '1.10.0'],
      [{ includePrerelease: true }, false, '2.0.0-rc.10'],
      [{}, true, '1.9.1'],
      [{ includeYanked: true }, true, '1.10.0'],
    ])('latestVersion(%j) with 1.10.0 yanked=%s is %s', async (options, yank, expected) => {
      for (const version of SCRAMBLED) await publish(version);
      if (yank) await store.mark('commerce.orders', '1.10.0', 'yanked', 'wrong currency', PUBLISHER);
      expect((await store.latestVersion('commerce.orders', options))?.version).toBe(expected);
    });

    test('re-publishing identical content is idempotent, whatever order its keys were written in', async () => {
      const first = await publish('1.0.0');
      const reordered = Object.fromEntries(Object.entries(sampleContract('1.0.0')).reverse()) as ReturnType<typeof sampleContract>;
      const again = await store.publish(publishInput(reordered), acceptAll);
      expect(again.kind).toBe('unchanged');
      expect(again.kind === 'unchanged' && again.version).toEqual(first.kind === 'published' && first.version);
      expect(await countRows('contract_versions')).toBe(1);
      expect(await countRows('audit_log')).toBe(1);
    });

    test('different content under a published version is a conflict value and changes nothing', async () => {
      await publish('1.0.0');
      const before = await store.getVersion('commerce.orders', '1.0.0');
      const outcome = await publish('1.0.0', { title: 'Orders, renamed' });
      expect(outcome).toMatchObject({ kind: 'conflict', existing: { version: '1.0.0' } });
      expect(outcome.kind === 'conflict' && outcome.message).toMatch(/commerce\.orders 1\.0\.0 .*new version/);
      expect(await store.getVersion('commerce.orders', '1.0.0')).toEqual(before);
    });

    test('decide sees every published version in order, and a refusal writes nothing, not even the contract', async () => {
      const seen: string[][] = [];
      const refuse = (existing: readonly { version: string }[]): PublishDecision<{ reason: string }> => {
        seen.push(existing.map((v) => v.version));
        return { accept: false, refusal: { reason: 'breaking change' } };
      };
      expect(await store.publish(publishInput(sampleContract('1.0.0')), refuse)).toEqual({
        kind: 'refused',
        refusal: { reason: 'breaking change' },
      });
      expect(await countRows('contracts')).toBe(0);
      await publish('1.0.0');
      await publish('1.1.0');
      await store.publish(publishInput(sampleContract('2.0.0')), refuse);
      expect(seen).toEqual([[], ['1.0.0', '1.1.0']]);
      expect(await countRows('contract_versions')).toBe(2);
      expect(await countRows('audit_log')).toBe(2);
    });

    test('isCurrent holds for a fresh listing and fails once a version or a mark is added, or for another contract', async () => {
      await publish('1.0.0');
      await publish('1.1.0');
      const listed = await store.listVersions('commerce.orders');
      expect(await store.isCurrent('commerce.orders', listed)).toBe(true);
      expect(await store.isCurrent('commerce.returns', listed)).toBe(false);
      expect(await store.isCurrent('commerce.orders', listed.slice(1))).toBe(false);

      await store.mark('commerce.orders', '1.0.0', 'deprecated', 'use 1.1.0', PUBLISHER);
      expect(await store.isCurrent('commerce.orders', listed)).toBe(false);
      const marked = await store.listVersions('commerce.orders');
      expect(await store.isCurrent('commerce.orders', marked)).toBe(true);

      await publish('1.2.0');
      expect(await store.isCurrent('commerce.orders', marked)).toBe(false);
      expect(await store.isCurrent('commerce.orders', await store.listVersions('commerce.orders'))).toBe(true);
    });

    test('knownVersions reach decide while current; once stale, decide gets a fresh read with the new version and mark', async () => {
      await publish('1.0.0');
      const known = await store.listVersions('commerce.orders');
      const seen: (readonly { version: string; yanked?: unknown }[])[] = [];
      const record = (existing: readonly { version: string; yanked?: unknown }[]): PublishDecision<never> => {
        seen.push(existing);
        return { accept: true };
      };
      await store.publish({ ...publishInput(sampleContract('1.1.0')), knownVersions: known }, record);
      expect(seen[0]).toBe(known);

      // Another writer appends a version and yanks one; the stale list must not reach decide.
      await publish('1.2.0');
      await store.mark('commerce.orders', '1.0.0', 'yanked', 'wrong currency', PUBLISHER);
      await store.publish({ ...publishInput(sampleContract('1.3.0')), knownVersions: known }, record);
      expect(seen[1]).not.toBe(known);
      expect(seen[1]?.map((header) => [header.version, header.yanked !== undefined])).toEqual([
        ['1.0.0', true],
        ['1.1.0', false],
        ['1.2.0', false],
      ]);
    });

    test('a stale knownVersions list cannot hide that the version exists: the publish is still a conflict', async () => {
      await publish('1.0.0');
      const known = await store.listVersions('commerce.orders');
      await publish('1.1.0');
      const outcome = await store.publish({ ...publishInput(sampleContract('1.1.0', { title: 'Orders, renamed' })), knownVersions: known }, acceptAll);
      expect(outcome).toMatchObject({ kind: 'conflict', existing: { version: '1.1.0' } });
    });

    test('a decide that throws rolls the whole publish back', async () => {
      const failing = () => Promise.reject(new Error('compat engine crashed'));
      await expect(store.publish(publishInput(sampleContract('1.0.0')), failing)).rejects.toThrow('compat engine crashed');
      expect(await countRows('contracts')).toBe(0);
      expect(await countRows('audit_log')).toBe(0);
    });

    test('webhooks of an accepting decision are queued with the version; a refusal queues none', async () => {
      const webhooks = [{ event: 'contract.published', url: 'https://hooks.example.com/a', payload: { version: '1.0.0' } }];
      await store.publish(publishInput(sampleContract('1.0.0')), () => ({ accept: true, webhooks }));
      await store.publish(publishInput(sampleContract('2.0.0')), () => ({ accept: false, refusal: 'no', webhooks }));
      const claimed = await createWebhookOutbox(fresh.database.db).claimDue(new Date(Date.now() + 1_000), 10);
      expect(claimed.map((message) => message.payload)).toEqual([{ version: '1.0.0' }]);
    });

    test.each(['v1.0.0', '1.0', '01.0.0', '1.0.0+build.7', ''])('refuses version %j with invalid-argument', async (version) => {
      const attempt = publish(version);
      await expect(attempt).rejects.toBeInstanceOf(ConcordError);
      await expect(attempt).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('commerce.orders') });
    });

    test.each(['orders', '.orders', 'commerce.'])('refuses contract id %j with invalid-argument', async (id) => {
      await expect(publish('1.0.0', { id })).rejects.toMatchObject({ code: 'invalid-argument' });
    });

    test('an unknown publisher is not-found and leaves nothing behind', async () => {
      const attempt = store.publish(publishInput(sampleContract('1.0.0'), 'nobody'), acceptAll);
      await expect(attempt).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('"nobody"') });
      expect(await countRows('contracts')).toBe(0);
    });

    describe('listContracts', () => {
      beforeEach(async () => {
        await publish('1.0.0');
        await addPublisher(fresh.database, 'erik');
        await store.publish(
          publishInput(
            sampleContract('1.0.0', {
              id: 'commerce.payments',
              title: 'Payments',
              status: 'deprecated',
              owner: { name: 'Erik Berg', email: 'Erik.Berg@example.com' },
              tags: ['finance'],
              metrics: [],
            }),
            'erik',
          ),
          acceptAll,
        );
        await publish('1.0.0', { id: 'marketing.campaigns', title: 'Campaigns at 100% spend', tags: ['marketing'] });
      });

      test.each([
        [{}, ['commerce.orders', 'commerce.payments', 'marketing.campaigns']],
        [{ namespace: 'commerce' }, ['commerce.orders', 'commerce.payments']],
        [{ owner: 'erik.berg@EXAMPLE.com' }, ['commerce.payments']],
        [{ owner: 'erik' }, ['commerce.payments']],
        [{ tag: 'orders' }, ['commerce.orders']],
        [{ status: 'deprecated' as const }, ['commerce.payments']],
        [{ query: 'PAY' }, ['commerce.payments']],
        [{ query: '100%' }, ['marketing.campaigns']],
        [{ query: '_' }, []],
        [{ namespace: 'commerce', tag: 'finance' }, ['commerce.payments']],
      ])('filter %j finds %j', async (filter, ids) => {
        const page = await store.listContracts(filter);
        expect(page.items.map((c) => c.id)).toEqual(ids);
        expect(page.total).toBe(ids.length);
      });

      test('pages by limit and offset and reports the total', async () => {
        const page = await store.listContracts({ limit: 1, offset: 1 });
        expect(page).toMatchObject({ total: 3, items: [{ id: 'commerce.payments' }] });
      });

      test.each([
        [MAX_PAGE_SIZE, true],
        [MAX_PAGE_SIZE + 1, false],
        [0, false],
      ])('a page size of %i is accepted: %s', async (limit, accepted) => {
        const listing = store.listContracts({ limit });
        if (accepted) expect((await listing).items).toHaveLength(3);
        else await expect(listing).rejects.toMatchObject({ code: 'invalid-argument' });
      });
    });

    test('marks are permanent: a second mark of the same kind keeps the first, each new mark is audited', async () => {
      await publish('1.0.0');
      await store.mark('commerce.orders', '1.0.0', 'deprecated', 'use 2.x', PUBLISHER);
      await store.mark('commerce.orders', '1.0.0', 'deprecated', 'second thoughts', PUBLISHER);
      const header = await store.mark('commerce.orders', '1.0.0', 'yanked', 'leaks emails', PUBLISHER);
      expect(header.deprecated).toMatchObject({ reason: 'use 2.x', by: PUBLISHER });
      expect(header.yanked).toMatchObject({ reason: 'leaks emails' });
      expect((await store.getVersion('commerce.orders', '1.0.0'))?.yanked?.reason).toBe('leaks emails');
      const actions = (await createAuditLog(fresh.database.db).list({ contractId: 'commerce.orders' })).items.map((e) => e.action);
      expect(actions).toEqual(['version.yank', 'version.deprecate', 'contract.publish']);
    });

    test('marking an unpublished version is not-found', async () => {
      await publish('1.0.0');
      await expect(store.mark('commerce.orders', '9.9.9', 'yanked', 'x', PUBLISHER)).rejects.toMatchObject({ code: 'not-found' });
    });

    test('transferOwnership changes the owner and audits from and to', async () => {
      await publish('1.0.0');
      await addPublisher(fresh.database, 'erik');
      const to = { owner: { name: 'Erik Berg', email: 'erik@example.com' }, principalId: 'erik' };
      const after = await store.transferOwnership('commerce.orders', to, PUBLISHER);
      expect(after).toMatchObject({ owner: { name: 'Erik Berg' }, ownerPrincipalId: 'erik' });
      const [entry] = (await createAuditLog(fresh.database.db).list({ action: 'contract.transfer-ownership' })).items;
      expect(entry?.detail).toEqual({
        from: { name: 'Dana Fischer', email: 'dana.fischer@example.com', principalId: PUBLISHER },
        to: { name: 'Erik Berg', email: 'erik@example.com', principalId: 'erik' },
      });
    });

    test.each([
      ['commerce.missing', 'erik', 'not-found'],
      ['commerce.orders', 'nobody', 'not-found'],
    ])('transferOwnership of %s to %s fails with %s', async (id, principalId, code) => {
      await publish('1.0.0');
      await addPublisher(fresh.database, 'erik');
      const attempt = store.transferOwnership(id, { owner: { name: 'X', email: 'x@example.com' }, principalId }, PUBLISHER);
      await expect(attempt).rejects.toMatchObject({ code });
      expect((await store.getContract('commerce.orders'))?.ownerPrincipalId).toBe(PUBLISHER);
    });
  });
});
