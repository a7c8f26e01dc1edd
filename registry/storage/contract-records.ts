import type { Selectable } from 'kysely';
import type {
  CompatibilityMode,
  CompatibilityPolicy,
  Compatibility,
  ContractStatus,
  JsonSchema,
  Person,
} from '../../contracts/index.js';
import { fromJsonText } from './json-text.js';
import type { ContractsTable, ContractVersionsTable, VersionMarksTable } from './tables.js';

/** The records the contract store hands out, and how rows become them. */

export type MarkKind = 'deprecated' | 'yanked';

/** A permanent note on a published version. */
export interface VersionMark {
  readonly reason: string;
  /** Principal id. */
  readonly by: string;
  readonly at: string;
}

/** A contract as listed: owner, and title, team, status and tags of its latest version. */
export interface ContractSummary {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly owner: Person;
  readonly ownerPrincipalId?: string;
  readonly team?: string;
  readonly title?: string;
  readonly status: ContractStatus;
  readonly tags: readonly string[];
  /** Highest release, or highest prerelease while there is no release. */
  readonly latestVersion?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A published version without its (possibly large) document and schema. */
export interface VersionHeader {
  readonly contractId: string;
  readonly version: string;
  readonly contentHash: string;
  readonly status: ContractStatus;
  readonly compatibility: Compatibility;
  /** Principal id. */
  readonly publishedBy: string;
  readonly publishedAt: string;
  readonly deprecated?: VersionMark;
  readonly yanked?: VersionMark;
}

/** A published version in full. */
export interface StoredVersion extends VersionHeader {
  /** The source document as published (a JSON value). */
  readonly document: unknown;
  readonly bundledSchema: JsonSchema;
}

export type VersionRow = Selectable<ContractVersionsTable>;
export type HeaderRow = Omit<VersionRow, 'document' | 'bundled_schema'>;
export type MarkRow = Selectable<VersionMarksTable>;

/** The columns of a version header, for selects that leave the large ones out. */
export const HEADER_COLUMNS = [
  'contract_id',
  'version',
  'major',
  'minor',
  'patch',
  'prerelease',
  'content_hash',
  'status',
  'compatibility_mode',
  'compatibility_policy',
  'published_by',
  'published_at',
] as const satisfies readonly (keyof VersionRow)[];

/** A contracts row and its tags as a summary. */
export function toSummary(row: Selectable<ContractsTable>, tags: readonly string[]): ContractSummary {
  return Object.freeze({
    id: row.id,
    namespace: row.namespace,
    name: row.name,
    owner: Object.freeze({ name: row.owner_name, email: row.owner_email }),
    ...(row.owner_principal_id === null ? {} : { ownerPrincipalId: row.owner_principal_id }),
    ...(row.team === null ? {} : { team: row.team }),
    ...(row.title === null ? {} : { title: row.title }),
    status: row.status as ContractStatus,
    tags: Object.freeze([...tags].sort()),
    ...(row.latest_version === null ? {} : { latestVersion: row.latest_version }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** The header of a stored version, without the document and schema it would otherwise keep alive. */
export function headerOf(version: StoredVersion): VersionHeader {
  return Object.freeze({
    contractId: version.contractId,
    version: version.version,
    contentHash: version.contentHash,
    status: version.status,
    compatibility: version.compatibility,
    publishedBy: version.publishedBy,
    publishedAt: version.publishedAt,
    ...(version.deprecated === undefined ? {} : { deprecated: version.deprecated }),
    ...(version.yanked === undefined ? {} : { yanked: version.yanked }),
  });
}

/** A version row as a header; `marks` may hold marks of other versions, only this row's are used. */
export function toHeader(row: HeaderRow, marks: readonly MarkRow[]): VersionHeader {
  const markOf = (kind: MarkKind): VersionMark | undefined => {
    const mark = marks.find((m) => m.version === row.version && m.contract_id === row.contract_id && m.mark === kind);
    return mark === undefined ? undefined : Object.freeze({ reason: mark.reason, by: mark.marked_by, at: mark.marked_at });
  };
  const deprecated = markOf('deprecated');
  const yanked = markOf('yanked');
  return Object.freeze({
    contractId: row.contract_id,
    version: row.version,
    contentHash: row.content_hash,
    status: row.status as ContractStatus,
    compatibility: Object.freeze({
      mode: row.compatibility_mode as CompatibilityMode,
      policy: row.compatibility_policy as CompatibilityPolicy,
    }),
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    ...(deprecated === undefined ? {} : { deprecated }),
    ...(yanked === undefined ? {} : { yanked }),
  });
}

/** A full version row, document and schema parsed; `marks` as for {@link toHeader}. */
export function toStoredVersion(row: VersionRow, marks: readonly MarkRow[]): StoredVersion {
  return Object.freeze({
    ...toHeader(row, marks),
    document: fromJsonText<unknown>(row.document, 'contract_versions.document'),
    bundledSchema: fromJsonText<JsonSchema>(row.bundled_schema, 'contract_versions.bundled_schema'),
  });
}
