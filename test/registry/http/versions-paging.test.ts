import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../registry/storage/paging.js';
import { VERSIONS_PAGE_SIZE } from '../../../registry/ui/contract-routes.js';
import { STORAGE_TARGETS } from '../storage/storage-targets.js';
import { ADMIN_TOKEN, asAdmin, ordersDocument, useRegistry } from './registry-harness.js';
import { logIn, page } from '../ui/ui-harness.js';

const ID = 'commerce.orders';

/** Publishes 1.0.0 and then `count - 1` patch releases, oldest first. */
async function publishVersions(app: Parameters<typeof request>[0], count: number): Promise<string[]> {
  const versions = Array.from({ length: count }, (_, index) => `1.0.${index}`);
  for (const version of versions) expect((await request(app).post('/api/contracts').set(asAdmin).send(ordersDocument(version))).status).toBe(201);
  return versions;
}

describe.each(STORAGE_TARGETS)('the versions endpoint in pages on $dialect', (target) => {
  describe.skipIf(!target.available)('limit and offset', () => {
    const harness = useRegistry(target.dialect);
    const app = () => harness().registry.app;
    let published: string[] = [];
    beforeEach(async () => {
      published = await publishVersions(app(), 7);
    });

    test('pages follow their next links to the end, oldest first, each naming the total', async () => {
      const seen: string[] = [];
      let path: string | null = `/api/contracts/${ID}/versions?limit=3`;
      const nexts: (string | null)[] = [];
      while (path !== null) {
        const response = await request(app()).get(path).set(asAdmin);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ contract: ID, limit: 3, total: 7 });
        seen.push(...(response.body.versions as { version: string }[]).map((each) => each.version));
        path = response.body.next as string | null;
        nexts.push(path);
      }
      expect(seen).toEqual(published);
      expect(nexts).toEqual([`/api/contracts/${ID}/versions?limit=3&offset=3`, `/api/contracts/${ID}/versions?limit=3&offset=6`, null]);
    });

    test.each([
      ['no paging asked for: the default page', '', { limit: DEFAULT_PAGE_SIZE, offset: 0, count: 7, next: null }],
      ['the largest page', `?limit=${MAX_PAGE_SIZE}`, { limit: MAX_PAGE_SIZE, offset: 0, count: 7, next: null }],
      ['an offset past the end: an empty page', '?offset=50', { limit: DEFAULT_PAGE_SIZE, offset: 50, count: 0, next: null }],
    ])('%s', async (_name, query, expected) => {
      const response = await request(app()).get(`/api/contracts/${ID}/versions${query}`).set(asAdmin);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ limit: expected.limit, offset: expected.offset, total: 7, next: expected.next });
      expect(response.body.versions).toHaveLength(expected.count);
    });

    test.each([
      [`limit=${MAX_PAGE_SIZE + 1}`, `limit ${MAX_PAGE_SIZE + 1} is out of range: ask for 1 to ${MAX_PAGE_SIZE} rows`],
      ['limit=0', 'limit 0 is out of range'],
      ['offset=-1', 'offset=-1 is not a whole number'],
    ])('?%s is a 400 that says the range', async (query, message) => {
      const response = await request(app()).get(`/api/contracts/${ID}/versions?${query}`).set(asAdmin);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid-argument');
      expect(response.body.error.message).toContain(message);
    });
  });
});

describe('the UI versions page in pages', () => {
  const harness = useRegistry('sqlite');

  test(`shows ${VERSIONS_PAGE_SIZE} versions per page, newest first, with links to older and newer ones`, async () => {
    const published = await publishVersions(harness().registry.app, VERSIONS_PAGE_SIZE + 2);
    const cookie = await logIn(harness(), ADMIN_TOKEN);
    const first = await page(harness(), `/contracts/${ID}/versions`, cookie);
    expect(first.status).toBe(200);
    const rows = (text: string) => [...text.matchAll(/<td data-label="Version"><a [^>]*><code>([^<]+)<\/code>/g)].map((match) => match[1]);
    expect(rows(first.text)).toEqual(published.slice(2).reverse());
    expect(first.text).toContain(`(${VERSIONS_PAGE_SIZE + 2})`);
    expect(first.text).toContain(`href="/contracts/${ID}/versions?offset=${VERSIONS_PAGE_SIZE}" rel="next"`);
    // The oldest row of the page still links to its changes since the version on the next page.
    expect(first.text).toContain(`since 1.0.1`);
    const older = await page(harness(), `/contracts/${ID}/versions?offset=${VERSIONS_PAGE_SIZE}`, cookie);
    expect(rows(older.text)).toEqual(['1.0.1', '1.0.0']);
    expect(older.text).toContain(`href="/contracts/${ID}/versions" rel="prev"`);
    expect(older.text).not.toContain('rel="next"');
  });
});
