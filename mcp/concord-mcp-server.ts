import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createValidatorCache } from '../contracts/index.js';
import type { ValidatorCache } from '../contracts/index.js';
import type { RegistryClient } from '../registry/client/index.js';
import { registerCheckChangeTool } from './tools/check-change-tool.js';
import { registerContractResource } from './tools/contract-resource.js';
import { registerContractTools } from './tools/contract-tools.js';
import { registerDriftTool } from './tools/drift-tool.js';
import { registerMetricTool } from './tools/metric-tool.js';
import { registerPinTool } from './tools/pin-tool.js';
import { registerValidateRecordsTool } from './tools/validate-records-tool.js';

/** The server's name in the MCP handshake. */
export const MCP_SERVER_NAME = 'concord';

export interface ConcordMcpOptions {
  /** The registry client every tool calls, carrying the caller's token: the registry authorizes each call. */
  readonly client: RegistryClient;
  /** Whether the token may write (see {@link canWriteRole}); registers `pin_contract`. Default false. */
  readonly canWrite?: boolean;
  /** Reported in the handshake; default `unknown`. */
  readonly version?: string;
  /**
   * Compiled record validators, keyed by contract, version and schema hash; default a new cache
   * of DEFAULT_VALIDATOR_CACHE_SIZE. Pass one cache to servers created per request, so each
   * version compiles once; sharing is safe because every call still resolves the version with
   * its own token.
   */
  readonly validators?: ValidatorCache;
}

/** What the server tells a client about itself, for the model to read once per session. */
const INSTRUCTIONS =
  'Concord is a registry of data contracts: versioned record schemas with an owner, metric definitions and pinned consumers. ' +
  'Use search_contracts and get_contract before reading a feed, validate_records to check records against a pinned version, ' +
  'explain_metric for what a metric means, check_change before proposing a contract change, and drift_status to see whether ' +
  'the real feeds still match. Values of fields marked pii are never returned.';

/**
 * An MCP server over one registry client: the read-only tools (`search_contracts`, `get_contract`,
 * `explain_metric`, `validate_records`, `check_change`, `drift_status`), the contract documents as
 * `concord://contracts/{id}@{version}` resources, and `pin_contract` only when `canWrite`. Not yet
 * connected: pass it a transport (stdio or Streamable HTTP).
 */
export function createConcordMcpServer(options: ConcordMcpOptions): McpServer {
  const server = new McpServer({ name: MCP_SERVER_NAME, version: options.version ?? 'unknown' }, { instructions: INSTRUCTIONS });
  const { client } = options;
  registerContractTools(server, client);
  registerMetricTool(server, client);
  registerValidateRecordsTool(server, client, options.validators ?? createValidatorCache());
  registerCheckChangeTool(server, client);
  registerDriftTool(server, client);
  if (options.canWrite === true) registerPinTool(server, client);
  registerContractResource(server, client);
  return server;
}
