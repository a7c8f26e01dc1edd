import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_DOCUMENT_CHARS, MAX_QUERY_LENGTH, MAX_RECORDS, MAX_RECORDS_CHARS } from '../../mcp/index.js';
import { createRegistryClient } from '../../registry/client/index.js';
import type { RegistryClient } from '../../registry/client/index.js';
import { startRegistry } from '../e2e/registry-process.js';
import { concord } from '../e2e/run-concord.js';
import type { RegistryProcess } from '../e2e/registry-process.js';
import { checkReport } from '../registry/http/runs-fixture.js';
import { PEOPLE_DOCUMENT, PII_EXAMPLE, TRANSPORTS, resultJson, resultText, withOptionalField } from './mcp-fixture.js';

/*
 * The MCP server through the SDK's own Client, over stdio and over Streamable HTTP, against one
 * real `concord serve --mcp` on a temporary SQLite file: every tool answers, pii values stay
 * out, a reader token cannot pin, bad arguments are tool errors and the server keeps answering.
 */

/** Each stdio client is a Node process started through tsx: seconds alone, more under load. */
const MCP_TEST_TIMEOUT_MS = 120_000;

const ADMIN_TOKEN = 'mcp-e2e-admin-token-0123456789abcdefghijklmn';
const CONSUMER = 'agents.support-router';
/** Registered by the admin: a consumer token may not pin it. */
const OTHERS_CONSUMER = 'agents.billing';
const READ_TOOLS = ['check_change', 'drift_status', 'explain_metric', 'get_contract', 'search_contracts', 'validate_records'];
const WRITE_TOOLS = ['pin_contract'];

let folder: string;
let server: RegistryProcess;
let admin: RegistryClient;
const tokens = { reader: '', consumer: '' };
let breakingChange: Record<string, unknown>;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'concord-mcp-'));
  server = await startRegistry(['--db', join(folder, 'registry.db'), '--mcp', '--seed-examples', '--log-level', 'warn'], { CONCORD_ADMIN_TOKEN: ADMIN_TOKEN });
  await server.waitFor(/seeded example contracts/);
  admin = createRegistryClient({ baseUrl: server.url, token: ADMIN_TOKEN });
  tokens.reader = (await admin.createToken({ name: 'mcp-reader', role: 'reader' })).token;
  tokens.consumer = (await admin.createToken({ name: 'mcp-agent', role: 'consumer' })).token;
  const agent = createRegistryClient({ baseUrl: server.url, token: tokens.consumer });
  await agent.putConsumer(CONSUMER, { contact: { name: 'Ana Lima', email: 'ana.lima@example.org' } });
  await agent.pin(CONSUMER, 'commerce.orders', { range: '^2', fields: ['customer_id'] });
  await admin.putConsumer(OTHERS_CONSUMER, { contact: { name: 'Dana Fischer', email: 'dana.fischer@example.com' } });
  await admin.publish(PEOPLE_DOCUMENT);
  await admin.recordRun('commerce.orders', checkReport({ verdict: 'breaking', version: '2.1.0', breakingFields: ['customer_id'], warningFields: ['amount'] }));
  breakingChange = withOptionalField((await admin.getVersion('commerce.orders', '2.1.0')).document, '2.2.0', 'customer_id');
}, 90_000);

afterAll(async () => {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** Calls to every tool with what each answer must say. */
const CALLS: readonly { name: string; tool: string; args: () => Record<string, unknown>; expect: (answer: Record<string, unknown>) => void }[] = [
  {
    name: 'search_contracts finds contracts by text',
    tool: 'search_contracts',
    args: () => ({ query: 'orders' }),
    expect: (answer) => expect((answer.contracts as { id: string }[]).map((each) => each.id)).toEqual(['commerce.orders']),
  },
  {
    name: 'search_contracts narrows by tag',
    tool: 'search_contracts',
    args: () => ({ query: '', tag: 'crm' }),
    expect: (answer) => expect((answer.contracts as { id: string }[]).map((each) => each.id).sort()).toEqual(['commerce.customers', 'crm.people']),
  },
  {
    name: 'get_contract gives fields with type, required, description and pii, and the owner',
    tool: 'get_contract',
    args: () => ({ id: 'crm.people' }),
    expect: (answer) => {
      expect(answer).toMatchObject({ id: 'crm.people', version: '1.0.0', owner: { name: 'Priya Raman' }, status: 'active', deprecation: { deprecated: null, yanked: null } });
      expect(answer.fields).toEqual([
        { path: 'person_id', types: ['string'], required: true, pii: false, description: 'Stable person key' },
        { path: 'email', types: ['string'], required: true, pii: true, format: 'email', description: 'Where to write to' },
        { path: 'language', types: ['string'], required: false, pii: false, examples: ['pt'], allowed: ['de', 'en', 'pt'] },
      ]);
    },
  },
  {
    name: 'get_contract reads an older version',
    tool: 'get_contract',
    args: () => ({ id: 'commerce.orders', version: '1.4.0' }),
    expect: (answer) => expect(answer).toMatchObject({ id: 'commerce.orders', version: '1.4.0', latestVersion: '2.1.0', resource: 'concord://contracts/commerce.orders@1.4.0' }),
  },
  {
    name: 'explain_metric gives the one definition, its owner and the refusal of conflicts',
    tool: 'explain_metric',
    args: () => ({ name: 'net_revenue' }),
    expect: (answer) => {
      expect(answer).toMatchObject({ name: 'net_revenue', contract: 'commerce.orders', owner: { name: 'Dana Fischer' }, definition: { name: 'net_revenue', aggregation: 'sum' } });
      expect(answer.conflicts).toContain('refuses');
    },
  },
  {
    name: 'validate_records gives each failing record its errors by field and rule, never values',
    tool: 'validate_records',
    args: () => ({
      ref: 'crm.people@^1',
      records: [
        { person_id: 'p1', email: 'a@example.com', language: 'pt' },
        { person_id: 7, language: 'xx-secret' },
      ],
    }),
    expect: (answer) => {
      expect(answer).toMatchObject({ contract: 'crm.people', version: '1.0.0', valid: false, checked: 2, passed: 1 });
      const rejected = answer.rejected as { index: number; errors: { field: string; rule: string }[] }[];
      expect(rejected.map((each) => each.index)).toEqual([1]);
      expect(rejected[0]!.errors.map((error) => error.field).sort()).toEqual(['email', 'language', 'person_id']);
      expect(JSON.stringify(answer)).not.toContain('xx-secret');
    },
  },
  {
    name: 'validate_records passes good records of an exact version',
    tool: 'validate_records',
    args: () => ({ ref: 'crm.people@1.0.0', records: [{ person_id: 'p1', email: 'a@example.com' }] }),
    expect: (answer) => expect(answer).toMatchObject({ valid: true, checked: 1, passed: 1, rejected: [] }),
  },
  {
    name: 'check_change evaluates a breaking change with the consumer it affects, storing nothing',
    tool: 'check_change',
    args: () => ({ document: breakingChange }),
    expect: (answer) => {
      expect(answer).toMatchObject({ contract: 'commerce.orders', version: '2.2.0', outcome: 'refused', compatible: false, requiredBump: 'major' });
      expect(answer.consumers).toEqual([expect.objectContaining({ consumer: CONSUMER, affected: true })]);
    },
  },
  {
    name: 'drift_status gives the latest verdict per source with its most severe findings first',
    tool: 'drift_status',
    args: () => ({ id: 'commerce.orders' }),
    expect: (answer) => {
      const sources = answer.sources as { source: string; verdict: string; topFindings: { rule: string; severity: string; field: string }[] }[];
      expect(sources.map((each) => [each.source, each.verdict])).toEqual([['prod', 'breaking']]);
      expect(sources[0]!.topFindings.map((finding) => [finding.severity, finding.field])).toEqual([
        ['breaking', 'customer_id'],
        ['warning', 'amount'],
      ]);
    },
  },
  {
    name: 'pin_contract updates the pin through the registry',
    tool: 'pin_contract',
    args: () => ({ consumer: CONSUMER, ref: 'commerce.orders@^2', fields: ['customer_id', 'order_id'] }),
    expect: (answer) => expect(answer).toMatchObject({ consumer: CONSUMER, contract: 'commerce.orders', range: '^2', fields: ['customer_id', 'order_id'], resolved: '2.1.0' }),
  },
];

/** Arguments each tool must refuse with a tool error, before or at the registry. */
const BAD_CALLS: readonly { name: string; tool: string; args: Record<string, unknown>; says: RegExp }[] = [
  { name: 'a query one past its limit', tool: 'search_contracts', args: { query: 'x'.repeat(MAX_QUERY_LENGTH + 1) }, says: /query/i },
  { name: 'a missing argument', tool: 'get_contract', args: {}, says: /id/ },
  { name: 'an id that is not namespace.name', tool: 'get_contract', args: { id: 'Orders Feed' }, says: /namespace\.name/ },
  { name: 'an unknown contract', tool: 'get_contract', args: { id: 'commerce.nothing' }, says: /not-found/ },
  { name: 'an unknown metric', tool: 'explain_metric', args: { name: 'no_such_metric' }, says: /not-found/ },
  { name: `more than ${MAX_RECORDS} records`, tool: 'validate_records', args: { ref: 'crm.people@^1', records: Array.from({ length: MAX_RECORDS + 1 }, () => ({})) }, says: /records/ },
  { name: 'no records', tool: 'validate_records', args: { ref: 'crm.people@^1', records: [] }, says: /records/ },
  { name: 'a reference that is not id@range', tool: 'validate_records', args: { ref: 'crm.people@latest-ish', records: [{}] }, says: /not a semver range/ },
  { name: 'a range no version is in', tool: 'validate_records', args: { ref: 'crm.people@^9', records: [{}] }, says: /not-found/ },
  { name: 'a document that is not YAML', tool: 'check_change', args: { document: 'contract: [unclosed' }, says: /not YAML or JSON/ },
  { name: 'a document naming no contract', tool: 'check_change', args: { document: 'version: 1.0.0' }, says: /names no contract/ },
  { name: 'a range that is not semver', tool: 'pin_contract', args: { consumer: CONSUMER, ref: 'commerce.orders@soon', fields: [] }, says: /not a semver range/ },
  { name: 'an unregistered consumer', tool: 'pin_contract', args: { consumer: 'agents.nobody', ref: 'commerce.orders@^2' }, says: /not-found/ },
  { name: "another principal's consumer, which the registry refuses", tool: 'pin_contract', args: { consumer: OTHERS_CONSUMER, ref: 'commerce.orders@^2' }, says: /forbidden/ },
  { name: 'a tool that does not exist', tool: 'drop_tables', args: {}, says: /drop_tables/ },
];

function text(result: unknown): string {
  return resultText(result as CallToolResult);
}

describe.each(TRANSPORTS)('the MCP server over $name', { timeout: MCP_TEST_TIMEOUT_MS }, ({ connect }) => {
  let writer: Client;
  let reader: Client;

  beforeAll(async () => {
    [writer, reader] = await Promise.all([connect(server.url, tokens.consumer), connect(server.url, tokens.reader)]);
  }, MCP_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all([writer?.close(), reader?.close()]);
  });

  test('lists the read tools to everyone and pin_contract only to a token that may write, each input bounded', async () => {
    const writerTools = (await writer.listTools()).tools;
    const readerTools = (await reader.listTools()).tools;
    expect(writerTools.map((tool) => tool.name).sort()).toEqual([...READ_TOOLS, ...WRITE_TOOLS].sort());
    expect(readerTools.map((tool) => tool.name).sort()).toEqual(READ_TOOLS);
    const search = writerTools.find((tool) => tool.name === 'search_contracts');
    expect(search?.inputSchema.properties?.query).toMatchObject({ type: 'string', maxLength: MAX_QUERY_LENGTH });
    expect(search?.annotations?.readOnlyHint).toBe(true);
  });

  test.each(CALLS)('$name', async ({ tool, args, expect: check }) => {
    const result = (await writer.callTool({ name: tool, arguments: args() })) as CallToolResult;
    check(resultJson(result));
  });

  test('values of pii fields are absent from tools and resources; other fields keep theirs', async () => {
    const contract = text(await reader.callTool({ name: 'get_contract', arguments: { id: 'crm.people' } }));
    expect(contract).toContain('"pii": true');
    expect(contract).toContain('"pt"');
    expect(contract).not.toContain(PII_EXAMPLE);

    const listed = await reader.listResources();
    expect(listed.resources.map((resource) => resource.uri)).toContain('concord://contracts/crm.people@1.0.0');
    const document = await reader.readResource({ uri: 'concord://contracts/crm.people@1.0.0' });
    const body = document.contents[0] as { text: string };
    expect(JSON.parse(body.text)).toMatchObject({ contract: 'crm.people', schema: { properties: { language: { examples: ['pt'] }, email: { pii: true } } } });
    expect(body.text).not.toContain(PII_EXAMPLE);
  });

  test('check_change shows no values of pii fields in its findings', async () => {
    const { default: _default, examples: _examples, ...email } = PEOPLE_DOCUMENT.schema.properties.email;
    const document = { ...PEOPLE_DOCUMENT, version: '1.1.0', schema: { ...PEOPLE_DOCUMENT.schema, properties: { ...PEOPLE_DOCUMENT.schema.properties, email } } };
    const answer = resultJson((await reader.callTool({ name: 'check_change', arguments: { document } })) as CallToolResult);
    expect((answer.changes as { rule: string; field: string }[]).map((change) => [change.rule, change.field])).toEqual(
      expect.arrayContaining([
        ['default-changed', 'email'],
        ['examples-changed', 'email'],
      ]),
    );
    expect(JSON.stringify(answer)).not.toContain(PII_EXAMPLE);
  });

  test('a reader token cannot pin, and the pin is left as it was', async () => {
    const before = (await admin.getConsumer(CONSUMER)).pins;
    const result = (await reader.callTool({ name: 'pin_contract', arguments: { consumer: CONSUMER, ref: 'commerce.orders@^1' } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain('pin_contract');
    expect((await admin.getConsumer(CONSUMER)).pins).toEqual(before);
  });

  test.each(BAD_CALLS)('$name is a tool error and the server keeps answering', async ({ tool, args, says }) => {
    const result = (await writer.callTool({ name: tool, arguments: args })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(says);
    expect((await writer.listTools()).tools.length).toBe(READ_TOOLS.length + WRITE_TOOLS.length);
  });

  test('records past their size limit are refused before reaching the registry', async () => {
    const records = [{ person_id: 'x'.repeat(MAX_RECORDS_CHARS) }];
    const result = (await writer.callTool({ name: 'validate_records', arguments: { ref: 'crm.people@^1', records } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/more than/);
  });

  test('a document past its size limit is refused before reaching the registry', async () => {
    const document = { contract: 'commerce.orders', padding: 'x'.repeat(MAX_DOCUMENT_CHARS) };
    const result = (await writer.callTool({ name: 'check_change', arguments: { document } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/larger than/);
  });
});

describe('who may connect', { timeout: MCP_TEST_TIMEOUT_MS }, () => {
  test.each([
    { name: 'a token the registry refuses', url: () => server.url, says: /token was not accepted/ },
    { name: 'a registry that cannot be reached', url: () => 'http://127.0.0.1:9', says: /cannot reach the registry/ },
  ])('concord mcp with $name stops at start with exit 2, answering nothing', async ({ url, says }) => {
    const result = await concord(['mcp'], { CONCORD_URL: url(), CONCORD_TOKEN: 'not-a-real-token-0123456789' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(says);
    expect(result.stdout).toBe('');
  });

  test('/mcp answers 405 to a GET with a good token: the endpoint is stateless, with no streams to open', async () => {
    const response = await fetch(new URL('/mcp', server.url), { headers: { accept: 'text/event-stream', authorization: `Bearer ${tokens.reader}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };

  test.each([
    { name: 'no token', headers: {} as Record<string, string> },
    { name: 'an unknown token', headers: { authorization: 'Bearer not-a-real-token-0123456789' } },
    { name: 'a header that is not a bearer token', headers: { authorization: `Basic ${ADMIN_TOKEN}` } },
  ])('/mcp answers 401 to $name', async ({ headers }) => {
    const response = await fetch(new URL('/mcp', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(initialize),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });
});
