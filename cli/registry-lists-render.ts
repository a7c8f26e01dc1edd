import type {
  AuditRecord,
  ConsumerDetail,
  ConsumerInfo,
  ContractConsumer,
  ContractInfo,
  Paged,
  PrincipalInfo,
  TokenInfo,
  VersionList,
} from '../registry/client/index.js';
import { principalLabel } from './command-output.js';
import { renderVersions } from './registry-render.js';

/** Terminal text for the registry's listings: one line per row, the row's key first, so `| head` and `| cut` work. */

/** Left-aligned columns, separated by two spaces; the last column is not padded. */
function columns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  ').trimEnd()).join('\n');
}

const listed = (text: string): string => (text === '' ? '' : `${text}\n`);

/** Contracts: id, latest version, status, owning principal, title. */
export function renderContracts(page: Paged<ContractInfo>): string {
  if (page.items.length === 0) return page.total === 0 ? 'no contract matches\n' : `no contracts on this page (${page.total} match): lower --offset\n`;
  return listed(
    columns(page.items.map((c) => [c.contract, c.latestVersion ?? '-', c.status, principalLabel(c.ownerPrincipal, c.ownerPrincipalName), c.title ?? ''])),
  );
}

/** One contract: who owns it, its versions and the consumers pinned to it. */
export function renderContract(info: ContractInfo, versions: VersionList, consumers: readonly ContractConsumer[]): string {
  const lines = [
    `${info.contract}${info.title === null ? '' : `: ${info.title}`}`,
    `  owner       ${info.owner.name} <${info.owner.email}>`,
    `  owned by    ${info.ownerPrincipal === null ? 'no principal (admins only)' : principalLabel(info.ownerPrincipal, info.ownerPrincipalName)}`,
    `  team        ${info.team ?? '-'}`,
    `  status      ${info.status}`,
    `  latest      ${info.latestVersion ?? 'none'}`,
    `  tags        ${info.tags.length === 0 ? '-' : info.tags.join(', ')}`,
    '',
    renderVersions(versions).trimEnd(),
    '',
  ];
  if (consumers.length === 0) lines.push('No consumer pins this contract.');
  else {
    lines.push(`Consumers (${consumers.length})`);
    for (const pin of consumers) {
      const reads = pin.fields.length === 0 ? 'every field' : pin.fields.join(', ');
      const contact = pin.contact === null ? '' : `; contact ${pin.contact.name} <${pin.contact.email}>`;
      lines.push(`  ${pin.consumer} ${pin.range} reads ${reads}${contact}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Consumers: name, contact, registering principal, webhook. */
export function renderConsumers(page: Paged<ConsumerInfo>): string {
  if (page.items.length === 0) return page.total === 0 ? 'no consumer is registered\n' : `no consumers on this page (${page.total} registered): lower --offset\n`;
  return listed(
    columns(
      page.items.map((c) => [c.name, `${c.contact.name} <${c.contact.email}>`, `by ${principalLabel(c.createdBy, c.createdByName)}`, c.webhook === null ? 'no webhook' : `webhook ${c.webhook}`]),
    ),
  );
}

/** One consumer with its pins. */
export function renderConsumer(detail: ConsumerDetail): string {
  const lines = [
    detail.name,
    `  contact        ${detail.contact.name} <${detail.contact.email}>`,
    `  registered by  ${principalLabel(detail.createdBy, detail.createdByName)} at ${detail.createdAt}`,
    `  webhook        ${detail.webhook ?? 'none'}`,
  ];
  if (detail.pins.length === 0) lines.push('  no pins: concord pin <id@range> --consumer ' + detail.name);
  else {
    lines.push(`  pins (${detail.pins.length})`);
    for (const pin of detail.pins) lines.push(`    ${pin.contract}@${pin.range} reads ${pin.fields.length === 0 ? 'every field' : pin.fields.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Audit entries, newest first: time, who, what, on which contract and versions. */
export function renderAudit(page: Paged<AuditRecord>): string {
  if (page.items.length === 0) return 'no audit entry matches\n';
  return listed(
    columns(
      page.items.map((entry) => {
        const versions = [entry.fromVersion, entry.toVersion].filter((v) => v !== null).join(' -> ');
        const subject = entry.contract === null ? '' : `${entry.contract}${versions === '' ? '' : ` ${versions}`}`;
        return [entry.at, principalLabel(entry.actor, entry.actorName), entry.action, subject];
      }),
    ),
  );
}

/** Tokens, newest first: id, prefix, principal, role, state. */
export function renderTokens(page: Paged<TokenInfo>): string {
  if (page.items.length === 0) return 'no token exists\n';
  return listed(
    columns(
      page.items.map((token) => [
        token.id,
        `${token.prefix}…`,
        token.principal.name,
        scopeOf(token.principal),
        token.revokedAt === null ? `last used ${token.lastUsedAt ?? 'never'}` : `revoked ${token.revokedAt}`,
      ]),
    ),
  );
}

function scopeOf(principal: PrincipalInfo): string {
  return principal.namespaces.length === 0 ? principal.role : `${principal.role} of ${principal.namespaces.join(', ')}`;
}

/** Who a token belongs to. */
export function renderPrincipal(principal: PrincipalInfo): string {
  return `${principal.name} (${scopeOf(principal)}; principal ${principal.id})\n`;
}
