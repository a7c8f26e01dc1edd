/**
 * The agent SDK (`concord/agent`): open a pinned contract, validate records in-process with the
 * checker's validator, survive registry outages from a disk cache, hear of updates, deprecations
 * and yanks, and report validation telemetry to the registry.
 */
export { openContract } from './open-contract.js';
export type { OpenContractOptions } from './open-contract.js';
export type { ContractEvents, ContractHandle, GateResult } from './contract-handle.js';
export type { FieldDescription } from './field-descriptions.js';
export type { TelemetryStats } from './telemetry-reporter.js';
export { DEFAULT_POLL_INTERVAL_MS, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_TELEMETRY_INTERVAL_MS, DEFAULT_TTL_MS, MAX_TRACKED_FIELDS } from './agent-limits.js';
export type { RecordError, RecordVerdict } from '../contracts/index.js';
export type { MarkEvent, UpdateEvent } from '../vocabulary/index.js';
