/*
 * The request and response shapes of the registry's HTTP API (`/api`), as the client reads them:
 * the shared vocabulary's types (the registry's routes and OpenAPI document use the same schemas),
 * plus the few the client adds. Fields are only ever added, since scripts and the checker rely on them.
 */

export type {
  AuditPage,
  AuditQuery,
  AuditRecord,
  BaselineAcceptRequest,
  BaselineDetail,
  CheckReport,
  Changelog,
  ConsumerDetail,
  ConsumerImpact,
  ConsumerInfo,
  ConsumerPin,
  ConsumerUsage,
  ConsumerUpdate,
  ContractConsumer,
  ContractFilter,
  ContractInfo,
  CreatedToken,
  DeletedPin,
  ErrorBody,
  Health,
  MarkedVersion,
  MarkRequest,
  MetricFilter,
  MetricInfo,
  MetricSummary,
  PageQuery,
  Paged,
  PinRequest,
  PinResult,
  PrincipalInfo,
  PrunedRuns,
  PublishResult,
  PublishVerdict,
  Reason,
  ReasonCode,
  RemovedConsumer,
  RevokedToken,
  Role,
  RunDetail,
  RunInfo,
  RunPruneRequest,
  RunQuery,
  TokenInfo,
  TokenRequest,
  TransferRequest,
  VersionDetail,
  VersionList,
  VersionMarkInfo,
  VersionPage,
  VersionSummary,
} from '../../vocabulary/index.js';
import type { PublishResult, VersionDetail } from '../../vocabulary/index.js';

/** The answer to a publish with its HTTP status: 201 when stored now, 200 when it was already there (`existing: true`). */
export type PublishReply = PublishResult & { readonly status: number };

/** Which version a conditional read asks for: one version (or `latest`), or the highest in a range. */
export type VersionSelection = { readonly version: string } | { readonly range: string };

/** A conditional read's answer: unchanged since the ETag sent, or the version with its new ETag. */
export type Revalidated = { readonly changed: false } | { readonly changed: true; readonly detail: VersionDetail; readonly etag: string | null };
