import type { Finding, LintProblem } from '../../contracts/findings.js';
import type {
  Compatibility,
  CompatibilityMode,
  CompatibilityPolicy,
  ContractStatus,
  JsonSchema,
  MetricDefinition,
  Person,
} from '../../contracts/model.js';
import type { Bump, VersionCheck } from '../../contracts/semver-policy.js';
import type { ConsumerUsage } from '../../vocabulary/agent.js';

/*
 * The request and response shapes of the registry's HTTP API (`/api`), as the registry sends
 * them. They are what scripts and the checker rely on, so fields are only ever added.
 */

export type SqlDialectName = 'sqlite' | 'postgres';
export type Role = 'admin' | 'publisher' | 'consumer' | 'reader';

export interface Health {
  readonly status: 'ok' | 'unavailable';
  readonly database: SqlDialectName;
  readonly version: string;
}

/** One page of a listing. */
export interface Paged<T> {
  readonly items: readonly T[];
  readonly limit: number;
  readonly offset: number;
  readonly total: number;
}

export interface PageQuery {
  readonly limit?: number;
  readonly offset?: number;
}

export interface ContractFilter extends PageQuery {
  /** Substring of the id or title. */
  readonly q?: string;
  readonly namespace?: string;
  /** Owner e-mail or principal id. */
  readonly owner?: string;
  readonly tag?: string;
  readonly status?: ContractStatus;
}

export interface ContractInfo {
  readonly contract: string;
  readonly namespace: string;
  readonly name: string;
  readonly title: string | null;
  /** The named person who owns the contract. */
  readonly owner: Person;
  /** The principal that acts as owner; null leaves the contract to admins. */
  readonly ownerPrincipal: string | null;
  /** That principal's name; null when there is none. */
  readonly ownerPrincipalName: string | null;
  readonly team: string | null;
  readonly status: ContractStatus;
  readonly latestVersion: string | null;
  readonly tags: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A permanent note on a published version; null when the version carries none. */
export type VersionMarkInfo = { readonly reason: string; readonly by: string; readonly byName: string | null; readonly at: string } | null;

export interface VersionSummary {
  readonly version: string;
  readonly contentHash: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
  /** The publishing principal's name. */
  readonly publishedByName: string | null;
  readonly status: ContractStatus;
  readonly compatibility: Compatibility;
  readonly deprecated: VersionMarkInfo;
  readonly yanked: VersionMarkInfo;
}

export interface VersionList {
  readonly contract: string;
  readonly versions: readonly VersionSummary[];
}

/** One page of a contract's versions, oldest first, as `GET /api/contracts/{id}/versions` answers. */
export interface VersionPage extends VersionList {
  readonly limit: number;
  readonly offset: number;
  /** Versions across all pages. */
  readonly total: number;
  /** The path of the next page, or null on the last one. */
  readonly next: string | null;
}

/** One published version in full: the document as published and its bundled record schema. */
export interface VersionDetail extends VersionSummary {
  readonly contract: string;
  /** The document as the publisher sent it (with its schema bundled). */
  readonly document: unknown;
  readonly schema: JsonSchema;
}

/** Which version to read: one version (or `latest`), or the highest non-yanked one in a semver range. */
export type VersionSelection = { readonly version: string } | { readonly range: string };

/** A conditional read's answer: unchanged since the ETag sent, or the version with its new ETag. */
export type Revalidated = { readonly changed: false } | { readonly changed: true; readonly detail: VersionDetail; readonly etag: string | null };

/** The answer to a publish: 201 for a new version, 200 with `existing: true` for identical content. */
export interface PublishResult {
  readonly contract: string;
  readonly version: string;
  readonly contentHash: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly publishedByName: string | null;
  /** The line of the version (`1.x`, `0.3.x`); it is the newest of its line. */
  readonly line: string;
  /** The version the changes compare with; null for a first version. */
  readonly previousVersion: string | null;
  readonly compatible: boolean;
  readonly requiredBump: Bump;
  readonly versionCheck: VersionCheck | null;
  /** Findings against the previous version, judged in the contract's mode. */
  readonly changes: readonly Finding[];
  /** Lint warnings of the document; they did not stop the publish. */
  readonly warnings: readonly LintProblem[];
  readonly existing?: boolean;
  /** The HTTP status: 201 when stored now, 200 when it was already there. */
  readonly status: number;
}

/** The dry-run answer is the service's own type, so client and server cannot drift apart (type-only: no runtime coupling). */
export type { ConsumerImpact, PublishVerdict as CheckResult, Reason as RefusalReason } from '../services/publish-verdict.js';

export interface Changelog {
  readonly compatible: boolean;
  readonly mode: CompatibilityMode;
  readonly policy: CompatibilityPolicy;
  readonly requiredBump: Bump;
  readonly contract: string;
  readonly from: string;
  readonly to: string;
  readonly changes: readonly Finding[];
}

export interface ContractConsumer {
  readonly consumer: string;
  readonly contact: Person | null;
  readonly range: string;
  readonly fields: readonly string[];
  /** What the consumer's telemetry says (last seen, version in use, reject rate); null before its first report. */
  readonly usage: ConsumerUsage | null;
}

export interface ConsumerInfo {
  readonly name: string;
  readonly contact: Person;
  /** Where change notices are posted; null when nowhere. */
  readonly webhook: string | null;
  /** Principal id that registered the consumer. */
  readonly createdBy: string;
  readonly createdByName: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One of a consumer's pins, as the consumer's page lists it. */
export interface ConsumerPin {
  readonly contract: string;
  readonly range: string;
  readonly fields: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ConsumerDetail extends ConsumerInfo {
  readonly pins: readonly ConsumerPin[];
}

export interface ConsumerUpdate {
  readonly contact: Person;
  /** Where change notices are posted; absent means none. */
  readonly webhook?: string;
}

export interface PinRequest {
  /** A semver range, e.g. `^2` or `>=2.1 <3`. */
  readonly range: string;
  /** Record fields the consumer reads, as dotted paths; absent means all of them. */
  readonly fields?: readonly string[];
}

export interface PinResult {
  readonly consumer: string;
  readonly contract: string;
  readonly range: string;
  readonly fields: readonly string[];
  /** The highest published, non-yanked version in the range now; null when none is. */
  readonly resolved: string | null;
}

export interface MetricFilter extends PageQuery {
  /** Prefix of the name, case-insensitive. */
  readonly q?: string;
}

/** A metric name across the registry, counted over each contract's latest version. */
export interface MetricSummary {
  readonly name: string;
  /** Contracts that define a metric of this name themselves. */
  readonly definitions: number;
  /** Distinct meanings among those definitions; more than one means the name is ambiguous. */
  readonly meanings: number;
}

/** Who owns a metric's definition and where it is used. */
export interface MetricInfo {
  readonly name: string;
  readonly owner: Person;
  readonly contract: string;
  readonly version: string;
  readonly definition: MetricDefinition;
  /** Contracts whose latest version reuses this definition through `references`. */
  readonly usedBy: readonly { readonly contract: string; readonly version: string; readonly metric: string }[];
  /** Other contracts that define a metric of this name themselves, with the same meaning. */
  readonly alsoDefinedBy: readonly { readonly contract: string; readonly version: string }[];
}

export interface AuditFilter extends PageQuery {
  readonly contract?: string;
  /** A principal's id or name. */
  readonly actor?: string;
}

export interface AuditRecord {
  readonly id: number;
  readonly at: string;
  /** Principal id. */
  readonly actor: string;
  /** That principal's name. */
  readonly actorName: string | null;
  /** Dotted verb, e.g. `contract.publish`. */
  readonly action: string;
  readonly contract: string | null;
  readonly fromVersion: string | null;
  readonly toVersion: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface TokenRequest {
  readonly name: string;
  readonly role: Role;
  /** Namespaces a publisher may publish into. */
  readonly namespaces?: readonly string[];
}

export interface PrincipalInfo {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** Namespaces a publisher may publish into. */
  readonly namespaces: readonly string[];
  readonly createdAt: string;
}

export interface CreatedToken {
  /** The new principal the token belongs to. */
  readonly principal: PrincipalInfo;
  /** The plaintext token: shown once, never again. */
  readonly token: string;
  /** The token's id, for revoking it. */
  readonly tokenId: string;
}

/** A token as the admin's list shows it: never the token itself. */
export interface TokenInfo {
  readonly id: string;
  /** The token's first characters, to tell tokens apart. */
  readonly prefix: string;
  readonly label: string | null;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  readonly principal: PrincipalInfo;
}

/** The answer to removing a consumer: the contracts whose pins went with it. */
export interface RemovedConsumer {
  readonly name: string;
  readonly deleted: true;
  readonly unpinned: readonly string[];
}

export interface RevokedToken {
  readonly id: string;
  readonly revoked: true;
}

export interface DeletedPin {
  readonly consumer: string;
  readonly contract: string;
  readonly deleted: true;
}

/** A version after a deprecate or yank, with its marks. */
export interface MarkedVersion extends VersionSummary {
  readonly contract: string;
}

export interface MarkRequest {
  readonly reason: string;
}

export interface TransferRequest {
  readonly owner: { readonly principal: string; readonly name: string; readonly email: string };
}

/** Run records and check reports are the shared vocabulary's: the registry answers with the same definitions. */
export type { BaselineAcceptRequest, BaselineDetail, CheckReport, PrunedRuns, RunDetail, RunInfo, RunPruneRequest, RunQuery } from '../../vocabulary/index.js';

/** What the registry sends for a failed request. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly findings?: readonly (Finding | LintProblem)[];
    /** Where in the body the problem is, when the registry could tell. */
    readonly pointer?: string;
    readonly line?: number;
    readonly column?: number;
  };
}
