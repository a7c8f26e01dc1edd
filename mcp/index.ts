/**
 * Concord's MCP server: the registry's contracts, metrics, checks and drift as tools and
 * resources for LLM-driven agents, over stdio (`concord mcp`) or Streamable HTTP
 * (`concord serve --mcp`). Every tool calls the registry through its HTTP client with the
 * caller's token, so the registry's principals and authorization apply unchanged.
 */
export { createConcordMcpServer, MCP_SERVER_NAME } from './concord-mcp-server.js';
export type { ConcordMcpOptions } from './concord-mcp-server.js';
export { callerAccess, canWriteRole } from './caller-access.js';
export type { CallerAccess } from './caller-access.js';
export { serveStdio } from './stdio-server.js';
export type { StdioOptions } from './stdio-server.js';
export { createMcpHttpHandler, isMcpPath, MCP_PATH } from './http-endpoint.js';
export type { McpHttpHandler, McpHttpOptions } from './http-endpoint.js';
export { CONTRACT_RESOURCE_TEMPLATE, MAX_LISTED_RESOURCES } from './tools/contract-resource.js';
export { redactPiiValues, redactDocument, VALUE_KEYWORDS } from './pii-redaction.js';
export * from './limits.js';
