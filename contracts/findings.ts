import Type, { type Static } from 'typebox';

/**
 * Findings are data: every compatibility change, lint diagnostic, drift item and read issue is a
 * finding with a stable kebab-case rule id from its kind's catalog and a JSON pointer. The schemas
 * here are the one definition of those shapes; the types are derived from them, and the shared
 * vocabulary (`vocabulary/`) builds the wire shapes that carry findings on top of them.
 */

/** The one severity vocabulary, most severe first. */
export const SEVERITIES = ['breaking', 'warning', 'info'] as const;
export const SeveritySchema = Type.Union([Type.Literal('breaking'), Type.Literal('warning'), Type.Literal('info')]);
export type Severity = (typeof SEVERITIES)[number];

/** Rank of a severity for sorting: 0 is the most severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.freeze({ breaking: 0, warning: 1, info: 2 });

/** The kinds of finding, each with its own rule catalog. */
export const FINDING_KINDS = ['change', 'lint', 'drift', 'read'] as const;
export const FindingKindSchema = Type.Union([Type.Literal('change'), Type.Literal('lint'), Type.Literal('drift'), Type.Literal('read')]);
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Direction(s) in which a change can break readers or writers. See contracts/compat-mode.ts. */
export type Breaks = 'backward' | 'forward' | 'both' | 'none';

/**
 * A change between two versions as the diff engines see it, before a mode decides its severity.
 * `path` is a JSON pointer: into the record schema for schema changes (e.g.
 * `/properties/customer_id`), `/metrics/<name>/<key>` and `/features/<name>/<key>` for semantic
 * definitions, `/<key>` for top-level contract fields.
 */
export const ChangeSchema = Type.Object({
  rule: Type.String({ description: 'Stable kebab-case rule id from the catalog of the finding\'s kind.' }),
  path: Type.String({ description: 'JSON pointer to what the finding is about.' }),
  field: Type.Optional(Type.String({ description: 'The record field, dotted (`customer.id`, `items[].sku`), when there is one.' })),
  message: Type.String(),
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
});
export type Change = Readonly<Static<typeof ChangeSchema>>;

/**
 * A finding accepted in `.concord/rules.yaml`: it stays in reports with the reason, but no longer
 * counts towards a verdict, so its `severity` becomes `info` and the one it had is kept here.
 */
export const AcceptanceSchema = Type.Object({
  reason: Type.String(),
  expires: Type.String({ description: 'Last day the acceptance applies, YYYY-MM-DD.' }),
  severity: SeveritySchema,
});
export type Acceptance = Readonly<Static<typeof AcceptanceSchema>>;

/** The base every finding shares: a change judged (or a problem rated) with a severity. */
export const FindingSchema = Type.Object({
  ...ChangeSchema.properties,
  severity: SeveritySchema,
  fingerprint: Type.Optional(Type.String({ description: 'Stable identity of the finding (rule, contract, path; never values), for alerts and acceptances.' })),
  accepted: Type.Optional(AcceptanceSchema),
});
export type Finding = Readonly<Static<typeof FindingSchema>>;

/**
 * A lint problem in one contract document: a finding of kind `lint`. A `breaking` problem makes
 * the document invalid (nothing can be published from it), as a breaking change blocks a minor.
 */
export const LintProblemSchema = Type.Object({
  ...FindingSchema.properties,
  path: Type.String({ description: 'JSON pointer into the contract document.' }),
  file: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.Integer()),
});
export type LintProblem = Readonly<Static<typeof LintProblemSchema>>;

