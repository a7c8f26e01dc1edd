import { describe, expect, test } from 'vitest';
import { createVersionBodies, MAX_CACHED_BODY_BYTES } from '../../../registry/http/version-bodies.js';
import type { VersionHeader } from '../../../registry/storage/contract-records.js';

const MIB = 1024 * 1024;

function header(hash: string, yanked = false): VersionHeader {
  return {
    contractId: 'commerce.orders',
    version: '1.0.0',
    contentHash: hash,
    status: 'active',
    compatibility: { mode: 'forward', policy: 'strict' },
    publishedBy: 'dana',
    publishedAt: '2026-01-01T00:00:00.000Z',
    ...(yanked ? { yanked: { reason: 'bad', by: 'dana', at: '2026-01-02T00:00:00.000Z' } } : {}),
  };
}

describe('version responses with cached content', () => {
  test('renders valid JSON with fresh marks and the cached content, loading it once', async () => {
    const loads: string[] = [];
    const bodies = createVersionBodies(async (h) => {
      loads.push(h.contentHash);
      return '"document":{"contract":"commerce.orders"},"schema":{"type":"object"}';
    });
    const first = JSON.parse(await bodies.render(header('a'), new Map())) as Record<string, unknown>;
    expect(first).toMatchObject({ contract: 'commerce.orders', version: '1.0.0', yanked: null, document: { contract: 'commerce.orders' }, schema: { type: 'object' } });
    const again = JSON.parse(await bodies.render(header('a', true), new Map())) as Record<string, unknown>;
    expect(again.yanked).toMatchObject({ reason: 'bad' });
    expect(loads).toEqual(['a']);
  });

  test(`keeps ${MAX_CACHED_BODY_BYTES} bytes of content and drops the least recently used one byte past it`, async () => {
    const loads: string[] = [];
    const content = (hash: string): string => (hash === 'last' ? 'y' : `"${'x'.repeat(MIB - 2)}"`);
    const bodies = createVersionBodies(async (h) => {
      loads.push(h.contentHash);
      return content(h.contentHash);
    });
    const count = MAX_CACHED_BODY_BYTES / MIB;
    for (let i = 0; i < count; i += 1) await bodies.render(header(`h${i}`), new Map());
    await bodies.render(header('h0'), new Map());
    expect(loads).toHaveLength(count);
    await bodies.render(header('last'), new Map());
    await bodies.render(header('h0'), new Map());
    expect(loads).toHaveLength(count + 1);
    await bodies.render(header('h1'), new Map());
    expect(loads).toHaveLength(count + 2);
    expect(loads.at(-1)).toBe('h1');
  });
});
