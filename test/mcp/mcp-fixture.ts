import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { cleanEnv, REPO_ROOT } from '../e2e/registry-process.js';

/*
 * The MCP suites' two ways in, both through the SDK's own Client: `concord mcp` spawned over
 * stdio (through tsx, no build needed) and `concord serve --mcp` over Streamable HTTP.
 */

const MAIN = join(REPO_ROOT, 'cli', 'main.ts');

export type Connect = (registryUrl: string, token: string) => Promise<Client>;

function newClient(): Client {
  return new Client({ name: 'concord-mcp-test', version: '1.0.0' });
}

/** A `concord mcp` subprocess with the registry and token in CONCORD_URL and CONCORD_TOKEN. */
export const connectStdio: Connect = async (registryUrl, token) => {
  const env = Object.fromEntries(Object.entries(cleanEnv({ CONCORD_URL: registryUrl, CONCORD_TOKEN: token })).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const client = newClient();
  await client.connect(new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', MAIN, 'mcp'], env, cwd: REPO_ROOT, stderr: 'ignore' }));
  return client;
};

/** The `/mcp` endpoint of a `concord serve --mcp`, with the token as a bearer token. */
export const connectHttp: Connect = async (registryUrl, token) => {
  const client = newClient();
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', registryUrl), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  return client;
};

export const TRANSPORTS: readonly { readonly name: string; readonly connect: Connect }[] = [
  { name: 'stdio (concord mcp)', connect: connectStdio },
  { name: 'Streamable HTTP (concord serve --mcp)', connect: connectHttp },
];

/** The JSON a tool answered with (its text content), or the error text when it failed. */
export function resultJson(result: CallToolResult): Record<string, unknown> {
  const first = result.content[0];
  if (first?.type !== 'text') throw new Error(`the tool answered without text: ${JSON.stringify(result)}`);
  if (result.isError === true) throw new Error(`the tool failed: ${first.text}`);
  return JSON.parse(first.text) as Record<string, unknown>;
}

/** The text of a tool's answer. */
export function resultText(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

/** An e-mail address written as an example of a pii field: it must never come back from the server. */
export const PII_EXAMPLE = 'ana.lima@example.com';

/** A contract with a pii field carrying example values, and a field that is not pii carrying its own. */
export const PEOPLE_DOCUMENT = {
  contract: 'crm.people',
  version: '1.0.0',
  title: 'People',
  owner: { name: 'Priya Raman', email: 'priya.raman@example.com' },
  tags: ['crm'],
  schema: {
    type: 'object',
    required: ['person_id', 'email'],
    properties: {
      person_id: { type: 'string', description: 'Stable person key' },
      email: { type: 'string', format: 'email', pii: true, description: 'Where to write to', examples: [PII_EXAMPLE], default: PII_EXAMPLE },
      language: { type: 'string', enum: ['de', 'en', 'pt'], examples: ['pt'] },
    },
  },
};

/** The next minor version of a published document (its schema bundled) with `field` no longer required: breaking in forward mode. */
export function withOptionalField(published: unknown, version: string, field: string): Record<string, unknown> {
  const document = structuredClone(published) as { schema: { required: string[] } } & Record<string, unknown>;
  document.schema.required = document.schema.required.filter((each) => each !== field);
  return { ...document, version };
}
