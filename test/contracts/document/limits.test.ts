import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  MAX_BUNDLED_SCHEMA_BYTES,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENT_VALUES,
  MAX_ENUM_VALUES,
  MAX_NESTING_DEPTH,
  MAX_REF_FILES,
  MAX_YAML_ALIAS_COUNT,
  MAX_YAML_BYTES,
} from '../../../contracts/document/limits.js';
import { loadContractFile } from '../../../contracts/document/load-contract.js';
import { parseText } from '../../../contracts/document/parse-text.js';
import { bundleSchema } from '../../../contracts/document/safe-bundle.js';
import { checkRecordSchema } from '../../../contracts/document/schema-check.js';
import { ConcordError } from '../../../contracts/errors.js';
import { makeTempFolder, removeTempFolders } from '../../fixtures/documents/temp-folder.js';

afterAll(removeTempFolders);

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    if (error instanceof ConcordError) return error.code;
    throw error;
  }
}

async function asyncCodeOf(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    if (error instanceof ConcordError) return error.code;
    throw error;
  }
}

/** A JSON string literal of exactly `bytes` bytes. */
const jsonStringOf = (bytes: number): string => `"${'a'.repeat(bytes - 2)}"`;

const nestedJson = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedFlowYaml = (depth: number): string => `a: ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}\n`;
const nestedBlockYaml = (depth: number): string => `${'- '.repeat(depth)}x\n`;

describe('MAX_DOCUMENT_BYTES', () => {
  test('a document of exactly the limit parses, one byte more is too large', () => {
    expect(parseText(jsonStringOf(MAX_DOCUMENT_BYTES), { format: 'json' }).value).toHaveLength(MAX_DOCUMENT_BYTES - 2);
    expect(codeOf(() => parseText(jsonStringOf(MAX_DOCUMENT_BYTES + 1), { format: 'json' }))).toBe('too-large');
  });

  test('bytes are counted in UTF-8, not characters', () => {
    const text = `"${'é'.repeat(MAX_DOCUMENT_BYTES / 2)}"`;
    expect(text.length).toBeLessThan(MAX_DOCUMENT_BYTES);
    expect(codeOf(() => parseText(text, { format: 'json' }))).toBe('too-large');
  });

  test('a file one byte past the limit is refused before it is read', async () => {
    const folder = await makeTempFolder({});
    const path = join(folder, 'big.schema.json');
    await writeFile(path, jsonStringOf(MAX_DOCUMENT_BYTES + 1));
    await expect(loadContractFile(path)).rejects.toMatchObject({ code: 'too-large', detail: { file: path } });
  });
});

describe('MAX_YAML_BYTES', () => {
  test('a YAML document of exactly the limit parses, one byte more is too large', () => {
    const yaml = (bytes: number): string => `a: ${'x'.repeat(bytes - 3)}`;
    expect(parseText(yaml(MAX_YAML_BYTES), { format: 'yaml' }).value).toEqual({ a: 'x'.repeat(MAX_YAML_BYTES - 3) });
    expect(codeOf(() => parseText(yaml(MAX_YAML_BYTES + 1), { format: 'yaml' }))).toBe('too-large');
  });

  test('JSON is held to the larger document limit', () => {
    const text = `{"a": ${jsonStringOf(MAX_YAML_BYTES * 4)}}`;
    expect(codeOf(() => parseText(text, { file: 'big.json' }))).toBeUndefined();
  });

  test('broken JSON too large for YAML reports the JSON error, not the YAML limit', () => {
    const text = `{"a": ${jsonStringOf(MAX_YAML_BYTES * 2)},}`;
    expect(() => parseText(text)).toThrow(/trailing comma/);
  });

  test('a mapping with 20,000 keys parses in linear time (the duplicate-key check is one pass)', () => {
    const text = Array.from({ length: 20_000 }, (_unused, index) => `key${index}: v`).join('\n');
    const started = Date.now();
    expect(Object.keys(parseText(text, { format: 'yaml' }).value as object)).toHaveLength(20_000);
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});

describe('MAX_NESTING_DEPTH', () => {
  test.each([
    ['JSON', nestedJson, 'json' as const],
    ['YAML flow', nestedFlowYaml, 'yaml' as const],
    ['YAML block', nestedBlockYaml, 'yaml' as const],
  ])('%s: the limit parses, one level more is too large', (_name, make, format) => {
    expect(codeOf(() => parseText(make(MAX_NESTING_DEPTH), { format }))).toBeUndefined();
    expect(codeOf(() => parseText(make(MAX_NESTING_DEPTH + 1), { format }))).toBe('too-large');
  });

  test.each([
    ['JSON', nestedJson(10_000), 'json' as const],
    ['YAML flow', nestedFlowYaml(10_000), 'yaml' as const],
    ['YAML block', nestedBlockYaml(10_000), 'yaml' as const],
    ['sniffed JSON', nestedJson(10_000), undefined],
  ])('%s nested 10,000 deep is refused cleanly, with a position', (_name, text, format) => {
    const started = Date.now();
    let caught: unknown;
    try {
      parseText(text, format === undefined ? {} : { format });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConcordError);
    expect(caught).toMatchObject({ code: 'too-large', detail: { line: 1 } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('aliases cannot stack anchors into a document deeper than the limit', () => {
    const half = MAX_NESTING_DEPTH / 2;
    const text = `a: &deep ${'['.repeat(half)}${']'.repeat(half)}\nb: ${'['.repeat(half)}*deep${']'.repeat(half)}\n`;
    expect(codeOf(() => parseText(text, { format: 'yaml' }))).toBe('too-large');
  });

  test('a bundled schema deeper than the limit is refused, though each file is within it', async () => {
    const nest = (depth: number, leaf: object): object => {
      let node: object = leaf;
      for (let level = 1; level < depth; level += 1) node = { not: node };
      return node;
    };
    const folder = await makeTempFolder({
      'a.json': nest(MAX_NESTING_DEPTH - 1, { $ref: './b.json' }),
      'b.json': nest(10, { type: 'string' }),
    });
    await expect(bundleSchema({ $ref: './a.json' }, { baseDir: folder })).rejects.toMatchObject({ code: 'too-large' });
  });
});

describe('MAX_YAML_ALIAS_COUNT', () => {
  // An anchor's uses are the anchored node itself and each of its aliases.
  const uses = (count: number): string => `anchor: &x value\nlist: [${Array.from({ length: count - 1 }, () => '*x').join(', ')}]\n`;

  test('an anchor used the limit of times parses, one more use is too large', () => {
    expect(parseText(uses(MAX_YAML_ALIAS_COUNT), { format: 'yaml' }).value).toMatchObject({ list: expect.any(Array) });
    expect(codeOf(() => parseText(uses(MAX_YAML_ALIAS_COUNT + 1), { format: 'yaml' }))).toBe('too-large');
  });

  test('a billion laughs document is refused', () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) {
      levels.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${previous}`).join(', ')}]`);
    }
    const started = Date.now();
    expect(codeOf(() => parseText(levels.join('\n'), { format: 'yaml' }))).toBe('too-large');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('MAX_DOCUMENT_VALUES', () => {
  // Root, `a` and `b` count 3; `a` holds `width` zeros; `b` holds `copies` aliases of `a` and `extra` zeros.
  const copies = 99;
  const width = Math.floor((MAX_DOCUMENT_VALUES - 3 - copies) / (copies + 1));
  const exact = MAX_DOCUMENT_VALUES - (3 + width + copies * (1 + width));
  const document = (extra: number): string =>
    `a: &row [${new Array(width).fill('0').join(',')}]\nb: [${[...new Array(copies).fill('*row'), ...new Array(extra).fill('0')].join(',')}]\n`;

  test('aliases may expand a document to the limit of values, not one more', () => {
    const parsed = parseText(document(exact), { format: 'yaml' }).value as { b: unknown[] };
    expect(parsed.b).toHaveLength(copies + exact);
    expect(codeOf(() => parseText(document(exact + 1), { format: 'yaml' }))).toBe('too-large');
  });
});

describe('MAX_REF_FILES', () => {
  const fanOut = async (count: number): Promise<string> => {
    const files: Record<string, object> = {};
    for (let index = 0; index < count; index += 1) files[`defs/f${index}.json`] = { type: 'string', title: `f${index}` };
    return makeTempFolder(files);
  };
  const schemaFor = (count: number): Record<string, unknown> => ({
    type: 'object',
    properties: Object.fromEntries(Array.from({ length: count }, (_unused, index) => [`p${index}`, { $ref: `./defs/f${index}.json` }])),
  });

  test('the limit of files bundles, one more file is too large', async () => {
    const folder = await fanOut(MAX_REF_FILES + 1);
    const bundled = (await bundleSchema(schemaFor(MAX_REF_FILES), { baseDir: folder })) as { properties: Record<string, unknown> };
    expect(bundled.properties[`p${MAX_REF_FILES - 1}`]).toEqual({ type: 'string', title: `f${MAX_REF_FILES - 1}` });
    expect(await asyncCodeOf(() => bundleSchema(schemaFor(MAX_REF_FILES + 1), { baseDir: folder }))).toBe('too-large');
  });

  test('referring to the same file many times counts it once', async () => {
    const folder = await fanOut(1);
    const schema = { properties: Object.fromEntries(Array.from({ length: MAX_REF_FILES * 2 }, (_unused, index) => [`p${index}`, { $ref: './defs/f0.json' }])) };
    expect(await asyncCodeOf(() => bundleSchema(schema, { baseDir: folder }))).toBeUndefined();
  });
});

describe('MAX_BUNDLED_SCHEMA_BYTES', () => {
  const described = (length: number): Record<string, unknown> => ({ description: 'd'.repeat(length) });

  test('referenced files adding up to one byte past the limit are refused', async () => {
    const overhead = JSON.stringify(described(0)).length;
    const part = Math.floor(MAX_BUNDLED_SCHEMA_BYTES / 3);
    const last = MAX_BUNDLED_SCHEMA_BYTES - 2 * part + 1;
    const folder = await makeTempFolder({ 'a.json': described(part - overhead), 'b.json': described(part - overhead), 'c.json': described(last - overhead) });
    const schema = { properties: { a: { $ref: './a.json' }, b: { $ref: './b.json' }, c: { $ref: './c.json' } } };
    await expect(bundleSchema(schema, { baseDir: folder })).rejects.toMatchObject({ code: 'too-large', message: /add up to more than/ });
  });

  test('a bundled schema of exactly the limit passes, one byte more is too large', async () => {
    const fileText = 3 * 1024 * 1024;
    const folder = await makeTempFolder({ 'a.json': described(fileText), 'b.json': described(fileText) });
    const schema = (rootText: number): Record<string, unknown> => ({ ...described(rootText), properties: { a: { $ref: './a.json' }, b: { $ref: './b.json' } } });
    const overhead = JSON.stringify(await bundleSchema(schema(0), { baseDir: folder })).length - 2 * fileText;
    const fits = MAX_BUNDLED_SCHEMA_BYTES - overhead - 2 * fileText;
    expect(JSON.stringify(await bundleSchema(schema(fits), { baseDir: folder }))).toHaveLength(MAX_BUNDLED_SCHEMA_BYTES);
    await expect(bundleSchema(schema(fits + 1), { baseDir: folder })).rejects.toMatchObject({ code: 'too-large', message: /bundled record schema is/ });
  });
});

describe('MAX_ENUM_VALUES', () => {
  const withEnum = (count: number): Record<string, unknown> => ({
    properties: { code: { type: 'string', enum: Array.from({ length: count }, (_unused, index) => `c${index}`) } },
  });

  test('an enum of the limit is checked, one value more is too large, before ajv compares pairs', () => {
    expect(checkRecordSchema(withEnum(MAX_ENUM_VALUES))).toEqual([]);
    const started = Date.now();
    expect(codeOf(() => checkRecordSchema(withEnum(MAX_ENUM_VALUES * 20), { pointerPrefix: '/schema' }))).toBe('too-large');
    expect(codeOf(() => checkRecordSchema(withEnum(MAX_ENUM_VALUES + 1)))).toBe('too-large');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
