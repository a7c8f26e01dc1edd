import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { loadContractFile, loadContractText } from '../../../contracts/document/load-contract.js';
import type { Contract, JsonSchema } from '../../../contracts/model.js';
import { makeTempFolder, removeTempFolders } from '../../fixtures/documents/temp-folder.js';

const EXAMPLES = fileURLToPath(new URL('../../../contracts/examples/', import.meta.url));

afterAll(removeTempFolders);

type SchemaObject = { properties?: Record<string, SchemaObject & { pii?: boolean }>; required?: string[]; enum?: string[] };

const EXPRESSION_WORDS = new Set(['in', 'and', 'or', 'not', 'is', 'null', 'true', 'false', 'coalesce', 'abs', 'round', 'lower']);

/** Field names an expression or filter reads: identifiers outside string literals, minus keywords and functions. */
function fieldsOf(expression: string | undefined): string[] {
  if (expression === undefined) return [];
  const words = expression.replace(/'[^']*'|"[^"]*"/g, '').match(/[A-Za-z_][A-Za-z0-9_.]*/g) ?? [];
  return words.filter((word) => !EXPRESSION_WORDS.has(word));
}

/** Every record field a contract's metrics, features and SLA name. */
function fieldsUsed(contract: Contract): string[] {
  const metricNames = new Set(contract.metrics.map((metric) => metric.name));
  const fromMetrics = contract.metrics.flatMap((metric) => [
    ...fieldsOf(metric.expression),
    ...fieldsOf(metric.filter),
    ...(metric.dimensions ?? []),
    ...[metric.numerator, metric.denominator].filter((part): part is string => part !== undefined && !metricNames.has(part)).flatMap(fieldsOf),
  ]);
  const fromFeatures = contract.features.flatMap((feature) => [feature.entity, ...feature.source.fields, ...fieldsOf(feature.source.filter)]);
  return [...fromMetrics, ...fromFeatures, ...(contract.sla?.freshness !== undefined ? [contract.sla.freshness.field] : [])];
}

describe('the example contracts', () => {
  test.each([
    ['orders.contract.yaml', 'commerce.orders', '2.1.0'],
    ['orders-v1.contract.yaml', 'commerce.orders', '1.4.0'],
    ['customers.contract.yaml', 'commerce.customers', '1.0.0'],
    ['payments.contract.yaml', 'commerce.payments', '1.2.0'],
  ])('%s loads with zero problems', async (file, id, version) => {
    const document = await loadContractFile(join(EXAMPLES, file));
    expect(document.problems).toEqual([]);
    expect(document.kind).toBe('contract');
    expect(document.contract).toMatchObject({ id, version });
    expect(JSON.stringify(document.schema)).not.toMatch(/schema\.json/);
    const properties = (document.schema as SchemaObject).properties ?? {};
    for (const field of fieldsUsed(document.contract as Contract)) expect(Object.keys(properties), `${file} uses ${field}`).toContain(field);
  });

  test('orders and payments share the money definition', async () => {
    for (const file of ['orders.contract.yaml', 'payments.contract.yaml']) {
      const schema = (await loadContractFile(join(EXAMPLES, file))).schema as SchemaObject;
      // The bundler inlines a shared definition once and points its other uses there.
      const amount = schema.properties?.amount as { $ref?: string } | undefined;
      const inlined = amount?.$ref === undefined ? amount : schema.properties?.[amount.$ref.replace('#/properties/', '')];
      expect(inlined, file).toMatchObject({ type: 'number', minimum: 0 });
    }
  });

  test('orders 2.1.0 drops a field 1.4.0 required and narrows the status enum', async () => {
    const [before, after] = await Promise.all(
      ['orders-v1.contract.yaml', 'orders.contract.yaml'].map(async (file) => (await loadContractFile(join(EXAMPLES, file))).schema as SchemaObject),
    );
    expect(before?.required).toContain('customer_email');
    expect(after?.required).not.toContain('customer_email');
    expect(after?.properties).not.toHaveProperty('customer_email');
    expect(before?.properties?.status?.enum).toContain('refunded');
    expect(after?.properties?.status?.enum).not.toContain('refunded');
  });

  test('customers marks personal fields with pii: true', async () => {
    const schema = (await loadContractFile(join(EXAMPLES, 'customers.contract.yaml'))).schema as SchemaObject;
    const pii = Object.entries(schema.properties ?? {}).filter(([, field]) => field.pii === true).map(([name]) => name);
    expect(pii).toEqual(expect.arrayContaining(['email', 'full_name']));
    expect(pii.length).toBeGreaterThanOrEqual(2);
  });
});

describe('loadContractText', () => {
  const contract = (schema: string): string =>
    ['contract: commerce.orders', 'version: 1.0.0', 'owner: { name: Dana Fischer, email: dana.fischer@example.com }', `schema: ${schema}`].join('\n');

  test('a contract with an inline schema needs no folder', async () => {
    const document = await loadContractText(contract('{ type: object, properties: { id: { type: string } } }'));
    expect(document).toMatchObject({ kind: 'contract', file: '<input>', problems: [] });
    expect(document.contract?.schema).toEqual({ type: 'object', properties: { id: { type: 'string' } } });
  });

  test('without a folder, file refs are refused; with one they resolve', async () => {
    const folder = await makeTempFolder({ 'orders.schema.json': { type: 'object' } });
    await expect(loadContractText(contract('{ $ref: ./orders.schema.json }'))).rejects.toMatchObject({ code: 'ref-forbidden', detail: { pointer: '/schema/$ref', line: 4 } });
    const document = await loadContractText(contract('{ $ref: ./orders.schema.json }'), { baseDir: folder, file: 'body.yaml' });
    expect(document.contract?.schema).toEqual({ type: 'object' });
  });

  test('registry refs go to the resolver passed in', async () => {
    const document = await loadContractText(contract('{ $ref: "registry:commerce.base@^1" }'), { resolveRegistryRef: async () => ({ type: 'object', title: 'base' }) });
    expect(document.contract?.schema).toEqual({ type: 'object', title: 'base' });
  });

  test('a contract with errors has problems and no contract, but still its schema', async () => {
    const document = await loadContractText(contract('{ type: object }').replace('version: 1.0.0', 'version: latest'), { file: 'c.yaml' });
    expect(document.contract).toBeUndefined();
    expect(document.schema).toEqual({ type: 'object' });
    expect(document.problems).toEqual([expect.objectContaining({ path: '/version', line: 2, column: 1, file: 'c.yaml' })]);
  });

  test('warnings alone keep the contract', async () => {
    const document = await loadContractText(contract('{ type: object }').replace('Dana Fischer, email: dana.fischer', 'data-team, email: data-team'));
    expect(document.problems).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(document.contract).toBeDefined();
  });

  test('record schema problems point into the contract, with positions', async () => {
    const document = await loadContractText(contract('\n  properties:\n    sku: { type: string, pattern: "(a)\\\\1" }'), { file: 'c.yaml' });
    expect(document.contract).toBeUndefined();
    expect(document.problems).toEqual([
      expect.objectContaining({ rule: 'schema-pattern-unsafe', path: '/schema/properties/sku/pattern', line: 6, column: 26 }),
    ]);
  });

  test('a document without a contract key is a bare JSON Schema', async () => {
    const document = await loadContractText('{"type": "object", "properties": {"id": {"type": "string"}}}', { file: 'x.schema.json' });
    expect(document).toMatchObject({ kind: 'schema', problems: [], schema: { type: 'object' } });
    expect(document.contract).toBeUndefined();
    expect(document.locate('/properties/id')).toEqual({ line: 1, column: 35 });
  });

  test('a contract that forgot its contract key is told so', async () => {
    const document = await loadContractText(contract('{ type: object }').replace('contract: commerce.orders', 'title: Orders'));
    expect(document.kind).toBe('schema');
    expect(document.problems).toContainEqual(expect.objectContaining({ rule: 'document-missing-contract', severity: 'breaking' }));
  });

  test.each([
    ['a list', '[1, 2]'],
    ['a number', '42'],
    ['text', 'hello'],
  ])('%s is neither a contract nor a schema', async (_name, text) => {
    const document = await loadContractText(text);
    expect(document.kind).toBe('schema');
    expect(document.problems).toEqual([expect.objectContaining({ rule: 'schema-invalid', path: '' })]);
  });

  test('a boolean schema is a schema', async () => {
    expect((await loadContractText('true')).schema).toBe(true);
  });

  test('the result is frozen', async () => {
    const document = await loadContractText(contract('{ type: object }'));
    expect(Object.isFrozen(document)).toBe(true);
    expect(Object.isFrozen(document.problems)).toBe(true);
    expect(Object.isFrozen(document.contract)).toBe(true);
  });
});

describe('loadContractFile errors', () => {
  test('a missing file is unreadable-input', async () => {
    await expect(loadContractFile('/nonexistent/orders.contract.yaml')).rejects.toMatchObject({ code: 'unreadable-input', message: /no such file/ });
  });

  test('a folder is unreadable-input', async () => {
    await expect(loadContractFile(await makeTempFolder({}))).rejects.toMatchObject({ code: 'unreadable-input', message: /not a file/ });
  });

  test('a file that is not UTF-8 is unreadable-input', async () => {
    const folder = await makeTempFolder({});
    const path = join(folder, 'latin1.yaml');
    await writeFile(path, Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    await expect(loadContractFile(path)).rejects.toMatchObject({ code: 'unreadable-input', message: /not UTF-8/ });
  });

  test('a syntax error names the file, line and column', async () => {
    const folder = await makeTempFolder({ 'c.json': '{\n  "contract": "a.b",\n  "version": }' });
    await expect(loadContractFile(join(folder, 'c.json'))).rejects.toMatchObject({
      code: 'unreadable-input',
      detail: { file: join(folder, 'c.json'), line: 3, column: 14 },
    });
  });

  test('file refs resolve beside the contract file', async () => {
    const folder = await makeTempFolder({
      'team/c.yaml': 'contract: a.b\nversion: 1.0.0\nowner: { name: Dana Fischer, email: d@example.com }\nschema: { $ref: ./schemas/s.json }\n',
      'team/schemas/s.json': { type: 'string' },
      's.json': { type: 'number' },
    });
    const document = await loadContractFile(join(folder, 'team', 'c.yaml'));
    expect(document.schema as JsonSchema).toEqual({ type: 'string' });
  });
});
