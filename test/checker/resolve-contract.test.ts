import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCheckedContractFile } from '../../checker/resolve-contract.js';
import { contractContentHash } from '../../contracts/content-hash.js';
import { isConcordError } from '../../contracts/errors.js';
import { writeOrdersContract } from '../e2e/feed-contract.js';

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'concord-resolve-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('loadCheckedContractFile', () => {
  test('loads a contract with the content hash the registry would give it', async () => {
    const checked = await loadCheckedContractFile(await writeOrdersContract(dir));
    expect(checked.contract).toMatchObject({ id: 'shop.orders', version: '2.1.0' });
    expect(checked.hash).toBe(contractContentHash(checked.contract));
    expect(checked.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('an edited file under the same version gets another hash', async () => {
    const first = await loadCheckedContractFile(await writeOrdersContract(dir));
    const second = await loadCheckedContractFile(await writeOrdersContract(dir, 'title: Orders\n'));
    expect(second.contract.version).toBe(first.contract.version);
    expect(second.hash).not.toBe(first.hash);
  });

  test.each([
    ['a bare JSON Schema', 'schema.json', '{"type":"object"}', 'invalid-contract', 'bare JSON Schema'],
    ['an invalid contract', 'bad.contract.yaml', 'contract: shop.orders\nversion: nope\n', 'invalid-contract', 'not a valid contract'],
  ])('%s is refused with a message naming the file', async (_name, file, text, code, phrase) => {
    const path = join(dir, file);
    await fs.writeFile(path, text);
    const failure = await loadCheckedContractFile(path).catch((error: unknown) => error);
    expect(isConcordError(failure) && failure.code).toBe(code);
    expect((failure as Error).message).toContain(path);
    expect((failure as Error).message).toContain(phrase);
  });

  test('a missing file names its path', async () => {
    const path = join(dir, 'missing.contract.yaml');
    const failure = await loadCheckedContractFile(path).catch((error: unknown) => error);
    expect(isConcordError(failure) && failure.code).toBe('unreadable-input');
    expect((failure as Error).message).toContain(path);
  });
});
