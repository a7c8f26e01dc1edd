import type { AuditEntry } from '../storage/audit-log.js';
import type { Consumer } from '../storage/consumer-store.js';
import type { ContractSummary, VersionHeader, VersionMark } from '../storage/contract-records.js';
import type { ApiToken, Principal } from '../storage/principal-store.js';
import type { PrincipalNames } from '../services/principal-names.js';
import type { PublishOutcome } from '../services/publish.js';
import type { AuditRecord, ConsumerInfo, ContractInfo, PrincipalInfo, PublishResult, TokenInfo, VersionMarkInfo, VersionSummary } from '../../vocabulary/index.js';

/*
 * The API's answers built from the registry's records, typed by the shared vocabulary whose schemas
 * the OpenAPI document is made of.
 * Absent marks are null rather than missing, so clients can test them without `in`. Wherever a
 * principal's id is shown, its name stands beside it (`publishedBy` and `publishedByName`), null
 * only for an id no principal has.
 */

const nameIn = (names: PrincipalNames, id: string | undefined): string | null => (id === undefined ? null : (names.get(id) ?? null));

/** The principal ids a contract view names. */
export const contractPrincipals = (summary: ContractSummary): (string | undefined)[] => [summary.ownerPrincipalId];

/** The principal ids a version view names: its publisher and whoever marked it. */
export const versionPrincipals = (header: VersionHeader): (string | undefined)[] => [header.publishedBy, header.deprecated?.by, header.yanked?.by];

export function contractView(summary: ContractSummary, names: PrincipalNames): ContractInfo {
  return {
    contract: summary.id,
    namespace: summary.namespace,
    name: summary.name,
    title: summary.title ?? null,
    owner: summary.owner,
    ownerPrincipal: summary.ownerPrincipalId ?? null,
    ownerPrincipalName: nameIn(names, summary.ownerPrincipalId),
    team: summary.team ?? null,
    status: summary.status,
    latestVersion: summary.latestVersion ?? null,
    tags: summary.tags,
    createdAt: summary.createdAt,
    updatedAt: summary.updatedAt,
  };
}

function markView(mark: VersionMark | undefined, names: PrincipalNames): VersionMarkInfo {
  return mark === undefined ? null : { reason: mark.reason, by: mark.by, byName: nameIn(names, mark.by), at: mark.at };
}

export function versionHeaderView(header: VersionHeader, names: PrincipalNames): VersionSummary {
  return {
    version: header.version,
    contentHash: header.contentHash,
    publishedAt: header.publishedAt,
    publishedBy: header.publishedBy,
    publishedByName: nameIn(names, header.publishedBy),
    status: header.status,
    compatibility: header.compatibility,
    deprecated: markView(header.deprecated, names),
    yanked: markView(header.yanked, names),
  };
}

export function publishView(result: PublishOutcome, names: PrincipalNames): PublishResult {
  return {
    contract: result.version.contractId,
    version: result.version.version,
    contentHash: result.version.contentHash,
    publishedAt: result.version.publishedAt,
    publishedBy: result.version.publishedBy,
    publishedByName: nameIn(names, result.version.publishedBy),
    line: result.line,
    previousVersion: result.previousVersion ?? null,
    compatible: result.compatible,
    requiredBump: result.requiredBump,
    versionCheck: result.versionCheck ?? null,
    changes: result.changes,
    warnings: result.warnings,
    ...(result.outcome === 'existing' ? { existing: true as const } : {}),
  };
}

export function consumerView(consumer: Consumer, names: PrincipalNames): ConsumerInfo {
  return {
    name: consumer.name,
    contact: consumer.contact,
    webhook: consumer.webhookUrl ?? null,
    createdBy: consumer.createdBy,
    createdByName: nameIn(names, consumer.createdBy),
    createdAt: consumer.createdAt,
    updatedAt: consumer.updatedAt,
  };
}

export function principalView(principal: Principal): PrincipalInfo {
  return { id: principal.id, name: principal.name, role: principal.role, namespaces: principal.namespaces, createdAt: principal.createdAt };
}

export function tokenView(token: ApiToken & { readonly principal: Principal }): TokenInfo {
  return {
    id: token.id,
    prefix: token.prefix,
    label: token.label ?? null,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt ?? null,
    revokedAt: token.revokedAt ?? null,
    principal: principalView(token.principal),
  };
}

export function auditView(entry: AuditEntry, names: PrincipalNames): AuditRecord {
  return {
    id: entry.id,
    at: entry.at,
    actor: entry.actor,
    actorName: nameIn(names, entry.actor),
    action: entry.action,
    contract: entry.contractId ?? null,
    fromVersion: entry.fromVersion ?? null,
    toVersion: entry.toVersion ?? null,
    detail: entry.detail,
  };
}
