import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseText } from '../../../contracts/document/parse-text.js';
import { bundleSchema, type BundleOptions, type RegistryTarget } from '../../../contracts/document/safe-bundle.js';
import { ConcordError } from '../../../contracts/errors.js';
import type { JsonSchema } from '../../../contracts/model.js';
import { makeTempFolder, removeTempFolders } from '../../fixtures/documents/temp-folder.js';

const money = { definitions: { Money: { type: 'number', minimum: 0 } } };

let server: Server;
let origin: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ type: 'string' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await removeTempFolders();
});

async function bundleError(schema: JsonSchema, options: BundleOptions): Promise<ConcordError> {
  try {
    await bundleSchema(schema, options);
  } catch (error) {
    if (error instanceof ConcordError) return error;
    throw error;
  }
  throw new Error('expected the bundle to fail');
}

describe('file refs inside the folder', () => {
  test('bundle relative files, in subfolders too, and leave internal refs alone', async () => {
    const folder = await makeTempFolder({
      'orders.schema.json': {
        type: 'object',
        properties: {
          amount: { $ref: './shared/money.schema.json#/definitions/Money' },
          refunded: { $ref: 'shared/money.schema.json#/definitions/Money' },
          line: { $ref: '#/definitions/Line' },
        },
        definitions: { Line: { type: 'object', properties: { price: { $ref: './shared/money.schema.json#/definitions/Money' } } } },
      },
      'shared/money.schema.json': money,
    });
    const bundled = await bundleSchema({ $ref: './orders.schema.json' }, { baseDir: folder });
    expect(JSON.stringify(bundled)).not.toMatch(/money\.schema\.json|concord-/);
    const properties = (bundled as { properties: Record<string, unknown> }).properties;
    expect(properties.line).toEqual({ $ref: '#/definitions/Line' });
    const resolved = [properties.amount, properties.refunded].map((value) => JSON.stringify(value));
    expect(resolved.some((text) => text.includes('"minimum":0'))).toBe(true);
  });

  test('refs inside a referenced file resolve relative to that file', async () => {
    const folder = await makeTempFolder({
      'schemas/order.json': { properties: { amount: { $ref: '../shared/money.json#/definitions/Money' } } },
      'shared/money.json': money,
    });
    const bundled = await bundleSchema({ $ref: './schemas/order.json' }, { baseDir: folder });
    expect(bundled).toEqual({ properties: { amount: { type: 'number', minimum: 0 } } });
  });

  test('YAML schema files are parsed with the same rules', async () => {
    const folder = await makeTempFolder({ 'money.yaml': 'definitions:\n  Money: { type: number }\n' });
    const bundled = await bundleSchema({ properties: { a: { $ref: './money.yaml#/definitions/Money' } } }, { baseDir: folder });
    expect(bundled).toMatchObject({ properties: { a: { type: 'number' } } });
  });

  test('a schema without external refs comes back equal, as a copy', async () => {
    const schema = { type: 'object', properties: { a: { $ref: '#/definitions/missing' } } };
    const bundled = await bundleSchema(schema, {});
    expect(bundled).toEqual(schema);
    expect(bundled).not.toBe(schema);
  });

  test('a root $id does not redirect relative refs to the network', async () => {
    const folder = await makeTempFolder({ 'money.json': money });
    const before = requests.length;
    const bundled = await bundleSchema(
      { $id: `${origin}/schemas/orders.json`, properties: { a: { $ref: 'money.json#/definitions/Money' }, b: { $ref: 'money.json#/definitions/Money' } } },
      { baseDir: folder },
    );
    expect(requests.length).toBe(before);
    expect(JSON.stringify(bundled)).not.toMatch(/concord-/);
    expect((bundled as { properties: Record<string, unknown> }).properties.a).toEqual({ type: 'number', minimum: 0 });
  });

  test('a syntax error in a referenced file names that file and line', async () => {
    const folder = await makeTempFolder({ 'bad.json': '{\n  "type": "string",\n}' });
    const error = await bundleError({ $ref: './bad.json' }, { baseDir: folder, file: join(folder, 'c.yaml') });
    expect(error.code).toBe('unreadable-input');
    expect(error.detail).toMatchObject({ file: join(folder, 'bad.json'), line: 3, column: 1 });
  });
});

describe('forbidden refs', () => {
  test.each([
    ['a ../ escape', '../outside.json', /leaves the contract's folder/],
    ['an escape hidden in a subfolder path', 'sub/../../outside.json', /leaves the contract's folder/],
    ['an encoded escape', '..%2Foutside.json', /leaves the contract's folder/],
    ['an absolute path', '/etc/passwd', /absolute path/],
    ['a Windows absolute path', 'C:\\Windows\\win.ini', /absolute path/],
    ['a file: URL', 'file:///etc/passwd', /file: URL/],
    ['an https: URL', 'https://example.com/schema.json', /network/],
    ['an unknown scheme', 'ftp://example.com/schema.json', /unknown scheme "ftp:"/],
    ['a data: URL', 'data:application/json,{}', /unknown scheme "data:"/],
    ['a query', './money.json?x=1', /query/],
  ])('%s is ref-forbidden, naming the ref and where it appears', async (_name, ref, reason) => {
    const folder = await makeTempFolder({ 'money.json': money });
    const error = await bundleError({ properties: { price: { $ref: ref } } }, { baseDir: folder, file: 'c.yaml', pointer: '/schema' });
    expect(error.code).toBe('ref-forbidden');
    expect(error.message).toContain(`"${ref}"`);
    expect(error.message).toMatch(reason);
    expect(error.detail).toMatchObject({ file: 'c.yaml', pointer: '/schema/properties/price/$ref' });
  });

  test('a loopback http ref is refused and the server never hears a request', async () => {
    const before = requests.length;
    const error = await bundleError({ properties: { a: { $ref: `${origin}/x.json` } } }, { baseDir: await makeTempFolder({}) });
    expect(error.code).toBe('ref-forbidden');
    expect(error.message).toContain(`${origin}/x.json`);
    expect(requests.length).toBe(before);
    expect(requests).toEqual([]);
  });

  test('an http ref inside a referenced file is refused, with that file and pointer', async () => {
    const folder = await makeTempFolder({ 'money.json': { definitions: { Money: { $ref: `${origin}/money.json` } } } });
    const error = await bundleError({ $ref: './money.json#/definitions/Money' }, { baseDir: folder, file: join(folder, 'c.yaml') });
    expect(error.code).toBe('ref-forbidden');
    expect(error.detail).toMatchObject({ file: join(folder, 'money.json'), pointer: '/definitions/Money/$ref', line: 1 });
    expect(requests).toEqual([]);
  });

  test('a symbolic link pointing outside the folder is refused', async () => {
    const outside = await makeTempFolder({ 'secret.json': { type: 'string', description: 'outside' } });
    const folder = await makeTempFolder({ 'linked.json': { symlinkTo: join(outside, 'secret.json') }, 'dir': { symlinkTo: outside } });
    for (const ref of ['./linked.json', './dir/secret.json']) {
      const error = await bundleError({ $ref: ref }, { baseDir: folder });
      expect(error.code).toBe('ref-forbidden');
      expect(error.message).toMatch(/symbolic link/);
    }
  });

  test('a symbolic link that stays inside the folder is followed', async () => {
    const folder = await makeTempFolder({ 'real/money.json': money, 'alias.json': { symlinkTo: 'real/money.json' } });
    const bundled = await bundleSchema({ $ref: './alias.json#/definitions/Money' }, { baseDir: folder });
    expect(bundled).toEqual({ type: 'number', minimum: 0 });
  });

  test('without a folder no file ref is allowed at all', async () => {
    const error = await bundleError({ $ref: './money.json' }, {});
    expect(error.code).toBe('ref-forbidden');
    expect(error.message).toMatch(/did not come from a folder/);
  });
});

describe('unresolved refs', () => {
  test('a missing file is ref-unresolved', async () => {
    const error = await bundleError({ properties: { a: { $ref: './nowhere.json' } } }, { baseDir: await makeTempFolder({}) });
    expect(error.code).toBe('ref-unresolved');
    expect(error.message).toMatch(/\.\/nowhere\.json, which does not exist/);
    expect(error.detail.pointer).toBe('/properties/a/$ref');
  });

  test('a pointer into a file that does not have it is ref-unresolved', async () => {
    const folder = await makeTempFolder({ 'money.json': money });
    const error = await bundleError({ $ref: './money.json#/definitions/Euro' }, { baseDir: folder });
    expect(error.code).toBe('ref-unresolved');
    expect(error.message).toContain('./money.json#/definitions/Euro');
  });

  test('a folder is not a file', async () => {
    const folder = await makeTempFolder({ 'sub/money.json': money });
    const error = await bundleError({ $ref: './sub' }, { baseDir: folder });
    expect(error.code).toBe('ref-unresolved');
  });
});

describe('circular refs', () => {
  test('A -> B -> A across files bundles into internal refs without overflowing', async () => {
    const folder = await makeTempFolder({
      'a.json': { type: 'object', properties: { b: { $ref: './b.json' } } },
      'b.json': { type: 'object', properties: { a: { $ref: './a.json' } } },
    });
    const bundled = await bundleSchema({ $ref: './a.json' }, { baseDir: folder });
    expect(bundled).toEqual({ type: 'object', properties: { b: { type: 'object', properties: { a: { $ref: '#' } } } } });
  });

  test('a self-recursive tree schema in a file keeps its recursion as a ref', async () => {
    const tree = { type: 'object', properties: { value: { type: 'number' }, children: { type: 'array', items: { $ref: '#' } } } };
    const folder = await makeTempFolder({ 'tree.json': tree });
    const bundled = await bundleSchema({ properties: { root: { $ref: './tree.json' } } }, { baseDir: folder });
    expect(bundled).toEqual({ properties: { root: { ...tree, properties: { ...tree.properties, children: { type: 'array', items: { $ref: '#/properties/root' } } } } } });
  });
});

describe('registry refs', () => {
  test('are resolved by the resolver passed in, once per contract and range', async () => {
    const calls: RegistryTarget[] = [];
    const resolveRegistryRef = async (target: RegistryTarget): Promise<JsonSchema> => {
      calls.push(target);
      return money;
    };
    const schema = {
      properties: {
        price: { $ref: 'registry:commerce.money@^1#/definitions/Money' },
        fee: { $ref: 'registry:commerce.money@^1#/definitions/Money' },
      },
    };
    const bundled = (await bundleSchema(schema, { resolveRegistryRef })) as { properties: Record<string, unknown> };
    expect(calls).toEqual([{ contract: 'commerce.money', range: '^1' }]);
    expect(JSON.stringify(bundled)).not.toMatch(/registry:|concord-/);
    expect([bundled.properties.price, bundled.properties.fee]).toContainEqual({ type: 'number', minimum: 0 });
  });

  test('without a resolver they are ref-unresolved, saying a registry is needed', async () => {
    const error = await bundleError({ properties: { price: { $ref: 'registry:commerce.money@^1#/definitions/Money' } } }, { file: 'c.yaml' });
    expect(error.code).toBe('ref-unresolved');
    expect(error.message).toMatch(/needs a registry/);
    expect(error.detail.pointer).toBe('/properties/price/$ref');
  });

  test('a malformed registry ref is ref-unresolved with the expected form', async () => {
    const error = await bundleError({ $ref: 'registry:Money' }, { resolveRegistryRef: async () => true });
    expect(error.code).toBe('ref-unresolved');
    expect(error.message).toMatch(/registry:namespace\.name@range/);
  });

  test('a schema from the registry may not refer to files', async () => {
    const error = await bundleError({ $ref: 'registry:commerce.money@1.0.0' }, { resolveRegistryRef: async () => ({ $ref: './local.json' }) });
    expect(error.code).toBe('ref-forbidden');
    expect(error.message).toMatch(/registry/);
  });

  test('a resolver failure becomes ref-unresolved at the ref', async () => {
    const error = await bundleError(
      { properties: { a: { $ref: 'registry:commerce.money@^9' } } },
      { resolveRegistryRef: async () => Promise.reject(new Error('no version matches ^9')) },
    );
    expect(error.code).toBe('ref-unresolved');
    expect(error.message).toMatch(/no version matches/);
    expect(error.detail.pointer).toBe('/properties/a/$ref');
  });
});

test('errors carry line and column when the document gave positions', async () => {
  const text = 'type: object\nproperties:\n  a:\n    $ref: ../x.json\n';
  const parsed = parseText(text, { file: 'c.yaml' });
  const error = await bundleError(parsed.value as JsonSchema, { baseDir: await makeTempFolder({}), file: 'c.yaml', locate: parsed.locate });
  expect(error.detail).toMatchObject({ file: 'c.yaml', pointer: '/properties/a/$ref', line: 4, column: 5 });
});
