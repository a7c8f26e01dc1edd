import type { AuditEntry } from '../storage/audit-log.js';
import type { Consumer } from '../storage/consumer-store.js';
import type { ContractSummary, VersionHeader, VersionMark } from '../storage/contract-records.js';
import type { Principal } from '../storage/principal-store.js';
import type { PublishResult } from '../services/publish.js';

/*
 * The JSON shapes the API answers with, in one place so the routes and the OpenAPI document agree.
 * Absent marks are null rather than missing, so clients can test them without `in`.
 */

export function contractView(summary: ContractSummary): Record<string, unknown> {
  return {
    contract: summary.id,
    namespace: summary.namespace,
    name: summary.name,
    title: summary.title ?? null,
    owner: summary.owner,
    ownerPrincipal: summary.ownerPrincipalId ?? null,
    team: summary.team ?? null,
    status: summary.status,
    latestVersion: summary.latestVersion ?? null,
    tags: summary.tags,
    createdAt: summary.createdAt,
    updatedAt: summary.updatedAt,
  };
}

function markView(mark: VersionMark | undefined): Record<string, unknown> | null {
  return mark === undefined ? null : { reason: mark.reason, by: mark.by, at: mark.at };
}

export function versionHeaderView(header: VersionHeader): Record<string, unknown> {
  return {
    version: header.version,
    contentHash: header.contentHash,
    publishedAt: header.publishedAt,
    publishedBy: header.publishedBy,
    status: header.status,
    compatibility: header.compatibility,
    deprecated: markView(header.deprecated),
    yanked: markView(header.yanked),
  };
}

export function publishView(result: PublishResult): Record<string, unknown> {
  return {
    contract: result.version.contractId,
    version: result.version.version,
    contentHash: result.version.contentHash,
    publishedAt: result.version.publishedAt,
    publishedBy: result.version.publishedBy,
    previousVersion: result.previousVersion ?? null,
    compatible: result.compatible,
    requiredBump: result.requiredBump,
    versionCheck: result.versionCheck ?? null,
    changes: result.changes,
    warnings: result.warnings,
    ...(result.outcome === 'existing' ? { existing: true } : {}),
  };
}

export function consumerView(consumer: Consumer): Record<string, unknown> {
  return {
    name: consumer.name,
    contact: consumer.contact,
    webhook: consumer.webhookUrl ?? null,
    createdBy: consumer.createdBy,
    createdAt: consumer.createdAt,
    updatedAt: consumer.updatedAt,
  };
}

export function principalView(principal: Principal): Record<string, unknown> {
  return { id: principal.id, name: principal.name, role: principal.role, namespaces: principal.namespaces, createdAt: principal.createdAt };
}

export function auditView(entry: AuditEntry): Record<string, unknown> {
  return {
    id: entry.id,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    contract: entry.contractId ?? null,
    fromVersion: entry.fromVersion ?? null,
    toVersion: entry.toVersion ?? null,
    detail: entry.detail,
  };
}
