import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createValidatorCache, isConcordError } from '../contracts/index.js';
import { createRegistryClient } from '../registry/client/index.js';
import { callerAccess } from './caller-access.js';
import { createConcordMcpServer } from './concord-mcp-server.js';
import { MAX_MCP_REQUEST_BYTES } from './limits.js';

/** Where `concord serve --mcp` answers MCP over Streamable HTTP. */
export const MCP_PATH = '/mcp';

/** JSON-RPC's code for errors of the server itself (the MCP SDK uses it for transport-level refusals). */
const SERVER_ERROR_CODE = -32000;

export interface McpHttpOptions {
  /** The registry the tools call with the caller's token: `serve --mcp` passes its own loopback address. */
  readonly registryUrl: string;
  /** Reported in the MCP handshake; default `unknown`. */
  readonly version?: string;
  /** Per registry request; default the client's DEFAULT_TIMEOUT_MS. */
  readonly timeoutMs?: number;
}

export type McpHttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Whether a request's URL is the MCP endpoint (query strings aside). */
export function isMcpPath(url: string | undefined): boolean {
  if (url === undefined) return false;
  const path = url.split('?', 1)[0];
  return path === MCP_PATH || path === `${MCP_PATH}/`;
}

function answer(res: ServerResponse, status: number, message: string, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: SERVER_ERROR_CODE, message }, id: null }));
}

function unauthorized(res: ServerResponse, why: string): void {
  const description = why.replaceAll('"', "'");
  answer(res, 401, why, { 'www-authenticate': `Bearer realm="concord", error="invalid_token", error_description="${description}"` });
}

/** The token of `Authorization: Bearer <token>`; undefined when the header is absent or has another form. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * The Streamable HTTP endpoint of the MCP server, stateless: every POST is authenticated with
 * its bearer token against the registry (`whoami`, so the registry's principals and revocations
 * apply), then answered by a fresh server whose tools call the registry with that same token.
 * No token, or one the registry refuses, is 401 before any tool runs; GET and DELETE (sessions
 * and server-sent streams, which a stateless server has none of) are 405.
 */
export function createMcpHttpHandler(options: McpHttpOptions): McpHttpHandler {
  const validators = createValidatorCache();
  return async (req, res) => {
    const token = bearerToken(req.headers.authorization);
    if (token === undefined) {
      unauthorized(res, 'the MCP endpoint needs a registry token: send "Authorization: Bearer <token>"; an admin issues tokens with concord token create');
      return;
    }
    const client = createRegistryClient({ baseUrl: options.registryUrl, token, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
    let canWrite: boolean;
    try {
      canWrite = (await callerAccess(client, true)).canWrite;
    } catch (error) {
      if (isConcordError(error) && error.code === 'unauthorized') unauthorized(res, error.message);
      else answer(res, 503, `the registry could not check the token: ${error instanceof Error ? error.message : 'unknown error'}`);
      return;
    }
    if (req.method !== 'POST') {
      answer(res, 405, `${req.method ?? 'this method'} is not served: this MCP endpoint is stateless, send each request as a POST`, { allow: 'POST' });
      return;
    }
    const server = createConcordMcpServer({ client, canWrite, validators, ...(options.version === undefined ? {} : { version: options.version }) });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: MAX_MCP_REQUEST_BYTES });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res);
    } catch (error) {
      if (!res.headersSent) answer(res, 500, `the MCP request failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  };
}
