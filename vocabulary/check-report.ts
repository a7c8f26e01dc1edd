import Type, { type Static } from 'typebox';
import { FindingSchema } from '../contracts/index.js';
import { CountedValueSchema, FeedProfileSchema, MAX_FIELD_PATH_LENGTH } from './feed-profile.js';
import { ReadHealthSchema } from './read-issues.js';

/*
 * The check report: the result of one check run. It is the JSON `concord check --format json`
 * writes, the body a checker posts to the registry's run history, and what the registry hands
 * back as the baseline of the next check. The registry validates recorded reports with this very
 * schema, so the bounds below are what it accepts. Unknown members are allowed, so a newer
 * checker can add fields without an older registry refusing its reports.
 */

/**
 * Longest source key or description; sources are labels (a name, a URL without secrets), so 1,000
 * characters is far beyond a real one. The key is indexed, and PostgreSQL refuses index rows over
 * about 2,700 bytes, so the registry also holds both to 1,000 bytes of UTF-8.
 */
export const MAX_RUN_SOURCE_LENGTH = 1_000;

/**
 * Most violation groups, and most drift findings, one report may carry. A check groups violations by
 * field and keyword, so even a 1,000-field feed failing every keyword stays far below; 10,000
 * bounds the rows a history page or an alert has to walk.
 */
export const MAX_RUN_FINDINGS = 10_000;

/** Longest finding message; messages name a contract, a field and what to do, a few hundred characters. */
export const MAX_FINDING_MESSAGE_LENGTH = 10_000;

/** Longest rule id, fingerprint, contract id, version, keyword or sampler name in a report: each is a short token or phrase (`reservoir 500 seed 1`). */
const MAX_TOKEN_LENGTH = 200;

/** Longest selection text or order: phrases like `random 10000 of 2000000 read by created_at desc, id, seed 1`. */
const MAX_PHRASE_LENGTH = 1_000;

const token = Type.String({ minLength: 1, maxLength: MAX_TOKEN_LENGTH });

export const VerdictSchema = Type.Enum(['pass', 'warn', 'breaking']);
export type Verdict = Static<typeof VerdictSchema>;

/**
 * Which records a run analyzed, so two runs can be compared: `kind` and, in words, `text`
 * (`first 10000 by id`, `random 10000 of 2000000 read by id, seed 1`, `whole table`).
 * `stable` is false when the read order is not fixed (an SQL source without a primary key or
 * `orderBy`), so the same data may give another sample.
 */
export const SampleSelectionSchema = Type.Object({
  kind: Type.Enum(['first', 'random', 'window', 'whole']),
  text: Type.String({ maxLength: MAX_PHRASE_LENGTH }),
  orderBy: Type.Optional(Type.String({ maxLength: MAX_PHRASE_LENGTH, description: 'The columns the source read by (SQL), as `id` or `created_at desc, id`.' })),
  stable: Type.Boolean(),
});
export type SampleSelection = Readonly<Static<typeof SampleSelectionSchema>>;

/**
 * A violation or drift item of a check: a finding (contracts' base shape, bounded for the wire)
 * with a `fingerprint` that is stable across runs for the same rule, contract, source and path (it
 * never contains counts or values), so alerts can tell a new problem from one already reported.
 */
export const CheckFindingSchema = Type.Object({
  ...FindingSchema.properties,
  rule: token,
  path: Type.String({ maxLength: MAX_FIELD_PATH_LENGTH, description: 'JSON pointer into the record schema (`/properties/customer_id`) or into the record (`/items/0/sku`).' }),
  field: Type.Optional(Type.String({ maxLength: MAX_FIELD_PATH_LENGTH, description: 'The record field, dotted (`customer.id`, `items[].sku`), when there is one.' })),
  message: Type.String({ maxLength: MAX_FINDING_MESSAGE_LENGTH }),
  fingerprint: token,
});
export type CheckFinding = Readonly<Static<typeof CheckFindingSchema>>;

/**
 * Records failing one schema keyword at one field path, grouped: the evidence behind the drift
 * findings (which say each fact once, per field and cause), not findings of their own.
 */
export const ViolationGroupSchema = Type.Object({
  ...CheckFindingSchema.properties,
  keyword: Type.String({ maxLength: MAX_TOKEN_LENGTH }),
  count: Type.Integer({ minimum: 0 }),
  rate: Type.Number({ minimum: 0, description: 'count / records analyzed.' }),
  examples: Type.Immutable(Type.Array(Type.Unknown(), { description: 'The checker\'s first few offending values (MAX_EXAMPLES_PER_VIOLATION); values of `pii` fields are replaced by `"[redacted]"`.' })),
  values: Type.Optional(
    Type.Immutable(Type.Array(CountedValueSchema, { description: 'For `enum`/`const`: each failing value (null included) with how often it occurred, most frequent first, at most MAX_COUNTED_VALUES.' })),
  ),
  otherValues: Type.Optional(Type.Integer({ minimum: 0, description: 'Occurrences of failing values past the MAX_COUNTED_VALUES distinct ones listed.' })),
});
export type ViolationGroup = Readonly<Static<typeof ViolationGroupSchema>>;

/** The result of one check run; also the JSON report and the body stored as run history. */
export const CheckReportSchema = Type.Object({
  verdict: VerdictSchema,
  contract: token,
  version: token,
  nextVersion: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: MAX_TOKEN_LENGTH,
      description:
        'The version a contract change describing this feed would be published as: the next breaking step not yet in the registry (`3.0.0` when 2.0.0 exists). Set when the contract came from the registry; reports without it assume the obvious next major.',
    }),
  ),
  source: Type.String({ minLength: 1, maxLength: MAX_RUN_SOURCE_LENGTH, description: 'Source description, with no secrets.' }),
  sourceName: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_RUN_SOURCE_LENGTH, description: "The source's name, when it came from the contract's `sources`." })),
  startedAt: Type.String({ format: 'date-time' }),
  durationMs: Type.Number({ minimum: 0 }),
  read: Type.Integer({ minimum: 0, description: 'Records read from the feed.' }),
  sampled: Type.Integer({ minimum: 0, description: 'Records analyzed.' }),
  sampler: Type.String({ maxLength: MAX_TOKEN_LENGTH }),
  selection: SampleSelectionSchema,
  readIssues: ReadHealthSchema,
  violations: Type.Immutable(Type.Array(ViolationGroupSchema, { maxItems: MAX_RUN_FINDINGS })),
  drift: Type.Immutable(Type.Array(CheckFindingSchema, { maxItems: MAX_RUN_FINDINGS })),
  profile: FeedProfileSchema,
});
export type CheckReport = Readonly<Static<typeof CheckReportSchema>>;
