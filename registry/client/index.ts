/** The typed HTTP client of the Concord registry, for the CLI, the checker and scripts. */
export { createRegistryClient } from './registry-client.js';
export type { ContractBody, RegistryClient, RegistryClientOptions } from './registry-client.js';
export { DEFAULT_TIMEOUT_MS, MAX_IDEMPOTENT_RETRIES, RETRY_BASE_DELAY_MS } from './http-transport.js';
export type * from './api-types.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-limits.js';
