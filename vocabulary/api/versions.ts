import Type from 'typebox';
import { FindingSchema, LintProblemSchema } from '../../contracts/index.js';
import type { JsonSchema } from '../../contracts/index.js';
import { BumpSchema, CompatibilitySchema, ContractStatusSchema } from './contracts.js';
import { Instant, Nullable } from './shared.js';
import type { Wire } from './shared.js';

/** A permanent note on a published version (deprecated, yanked); null when the version carries none. */
export const VersionMarkSchema = Nullable(
  Type.Object({ reason: Type.String(), by: Type.String({ description: 'Principal id' }), byName: Nullable(Type.String()), at: Instant() }),
);
export type VersionMarkInfo = Wire<typeof VersionMarkSchema>;

/** A published version without its content. */
export const VersionSummarySchema = Type.Object({
  version: Type.String(),
  contentHash: Type.String(),
  publishedAt: Instant(),
  publishedBy: Type.String({ description: 'Principal id' }),
  publishedByName: Nullable(Type.String(), "The publishing principal's name"),
  status: ContractStatusSchema,
  compatibility: CompatibilitySchema,
  deprecated: VersionMarkSchema,
  yanked: VersionMarkSchema,
});
export type VersionSummary = Wire<typeof VersionSummarySchema>;

/** A contract's versions, oldest first, as the client gathers them over every page. */
export const VersionListSchema = Type.Object({ contract: Type.String(), versions: Type.Array(VersionSummarySchema) });
export type VersionList = Wire<typeof VersionListSchema>;

/** `GET /api/contracts/{id}/versions`: one page of versions, oldest first. */
export const VersionPageSchema = Type.Object({
  ...VersionListSchema.properties,
  limit: Type.Integer(),
  offset: Type.Integer(),
  total: Type.Integer({ description: 'Versions across all pages' }),
  next: Nullable(Type.String(), 'Path of the next page; null on the last one'),
});
export type VersionPage = Wire<typeof VersionPageSchema>;

/** A version after a deprecate or yank, with its marks. */
export const MarkedVersionSchema = Type.Object({ contract: Type.String(), ...VersionSummarySchema.properties });
export type MarkedVersion = Wire<typeof MarkedVersionSchema>;

/** One published version in full: the document as published and its bundled record schema. */
export const VersionDetailSchema = Type.Object({
  ...MarkedVersionSchema.properties,
  document: Type.Unknown({ description: 'The document as the publisher sent it, with its schema bundled' }),
  schema: Type.Unsafe<JsonSchema>({ type: ['object', 'boolean'], description: 'The bundled record schema' }),
});
export type VersionDetail = Wire<typeof VersionDetailSchema>;

/** `POST .../deprecate` and `.../yank`: why. */
export const MarkRequestSchema = Type.Object({ reason: Type.String() });
export type MarkRequest = Wire<typeof MarkRequestSchema>;

/** The bump a new version declares and whether it is enough. */
export const VersionCheckSchema = Type.Object({
  ok: Type.Boolean(),
  required: BumpSchema,
  declared: Type.Enum(['major', 'minor', 'patch', 'none', 'prerelease', 'downgrade'] as const),
  suggested: Type.String({ description: 'The version to publish: the declared one when fine, else the smallest that satisfies `required`' }),
  message: Type.String(),
});

/** `POST /api/contracts`: 201 for a new version, 200 with `existing: true` for identical content. */
export const PublishResultSchema = Type.Object({
  contract: Type.String(),
  version: Type.String(),
  contentHash: Type.String(),
  publishedAt: Instant(),
  publishedBy: Type.String(),
  publishedByName: Nullable(Type.String()),
  line: Type.String({ description: 'The line of the version (1.x, 0.3.x); it is the newest of its line' }),
  previousVersion: Nullable(Type.String(), 'The version the changes compare with; null for a first version'),
  compatible: Type.Boolean(),
  requiredBump: BumpSchema,
  versionCheck: Nullable(VersionCheckSchema),
  changes: Type.Array(FindingSchema, { description: "Findings against the previous version, judged in the contract's mode" }),
  warnings: Type.Array(LintProblemSchema, { description: 'Lint warnings of the document; they did not stop the publish' }),
  existing: Type.Optional(Type.Literal(true, { description: 'Present (true) when the same content was already published under this version' })),
});
export type PublishResult = Wire<typeof PublishResultSchema>;
