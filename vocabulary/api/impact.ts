import Type from 'typebox';
import { FindingSchema, LintProblemSchema } from '../../contracts/index.js';
import { BumpSchema } from './contracts.js';
import { ErrorCodeSchema } from './errors.js';
import { PersonSchema } from './shared.js';
import type { Wire } from './shared.js';
import { VersionCheckSchema } from './versions.js';

/** Why a publish would be refused, as stable codes in the order they are checked. */
export const REASON_CODES = [
  'not-authenticated',
  'role-forbidden',
  'namespace-forbidden',
  'not-owner',
  'content-conflict',
  'version-order',
  'breaking-change',
  'insufficient-bump',
  'metric-conflict',
  'metric-reference-unpublished',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** One reason a publish would be refused. */
export const ReasonSchema = Type.Object({
  code: Type.Enum(REASON_CODES, { description: 'Why a publish would be refused: a stable code; see the README section on publishing' }),
  message: Type.String({ description: 'Names the contract, version and what to do instead' }),
  findings: Type.Array(FindingSchema, { description: 'The findings behind it (compatibility reasons); empty otherwise' }),
});
export type Reason = Wire<typeof ReasonSchema>;

/** One consumer a candidate version would reach, and what of it touches the fields the consumer reads. */
export const ConsumerImpactSchema = Type.Object({
  consumer: Type.String(),
  contact: PersonSchema,
  range: Type.String(),
  fields: Type.Array(Type.String()),
  resolvedVersion: Type.Optional(Type.String({ description: 'The version the consumer resolves to today; absent when none is published in its range' })),
  receives: Type.Boolean({ description: 'Whether the candidate falls in the consumer\'s range' }),
  affected: Type.Boolean({ description: 'True when a breaking finding touches a field the consumer reads' }),
  findings: Type.Array(FindingSchema, { description: "Findings that touch the consumer's fields (all of them when it declared none)" }),
});
export type ConsumerImpact = Wire<typeof ConsumerImpactSchema>;

/**
 * What a publish would do: `POST /api/contracts/{id}/check` answers it, and publish, its dry run
 * and the web UI's impact preview all compute it the same way.
 */
export const PublishVerdictSchema = Type.Object({
  contract: Type.String(),
  version: Type.String(),
  outcome: Type.Enum(['accepted', 'refused', 'existing'] as const),
  reasons: Type.Array(ReasonSchema, { description: 'Every reason the publish would be refused, in the order checked; empty unless refused' }),
  refusal: Type.Optional(
    Type.Object({ code: ErrorCodeSchema, message: Type.String() }, { description: 'The first reason as the refused publish answers it: its error code and message' }),
  ),
  firstVersion: Type.Boolean({ description: 'True when the contract has no published version yet (yanked ones count as published)' }),
  line: Type.String({ description: 'The line of the version (1.x, 0.3.x): a version must be the newest of its line' }),
  lineLatest: Type.Optional(Type.String({ description: 'The highest non-yanked version of that line already published' })),
  previousVersion: Type.Optional(Type.String({ description: 'The version compared with: the highest non-yanked version below this one' })),
  compatible: Type.Boolean(),
  requiredBump: BumpSchema,
  versionCheck: Type.Optional(VersionCheckSchema),
  changes: Type.Array(FindingSchema),
  consumers: Type.Array(ConsumerImpactSchema, { description: 'Consumers pinned to a range the version falls in or that holds its predecessor' }),
  breakingUntouched: Type.Boolean({ description: 'True when there are breaking findings but none touches a field any pinned consumer reads' }),
  warnings: Type.Array(LintProblemSchema, { description: 'Lint warnings of the document; they do not stop a publish' }),
});
export type PublishVerdict = Wire<typeof PublishVerdictSchema>;
