import Type, { type Static } from 'typebox';
import { FindingSchema, SeveritySchema } from '../contracts/index.js';
import { VerdictSchema } from './check-report.js';

/**
 * What Concord posts to receivers other people run: the registry's webhooks and the checker's
 * alerts. Receivers parse these bodies, so each is defined once here as a schema, and the
 * senders' types derive from it (see docs/jobs.md and the README's Webhooks section).
 */

// ---- registry webhooks ----

/** Events the registry announces, in the payload's `event` and the `X-Concord-Event` header. */
export const WebhookEventSchema = Type.Union([
  Type.Literal('contract.published'),
  Type.Literal('version.deprecated'),
  Type.Literal('version.yanked'),
  Type.Literal('contract.ownership-transferred'),
]);
export type WebhookEvent = Static<typeof WebhookEventSchema>;

/** A pinned consumer's own view of an event: its range, the fields it reads and whether the version falls in the range. */
export const WebhookSubscriptionSchema = Type.Object({
  consumer: Type.String(),
  range: Type.String(),
  fields: Type.Array(Type.String()),
  inRange: Type.Optional(Type.Boolean({ description: 'Absent for events without a version.' })),
});
export type WebhookSubscription = Readonly<Static<typeof WebhookSubscriptionSchema>>;

/** What every webhook body starts with; `subscription` only in consumers' copies. */
const webhookBase = {
  contract: Type.String({ description: 'The contract id, namespace.name.' }),
  subscription: Type.Optional(WebhookSubscriptionSchema),
};

/** A change of a publish as webhooks list it: what, where and how bad, `field` null when the change is not about a record field. */
export const WebhookChangeSchema = Type.Object({
  rule: Type.String(),
  severity: SeveritySchema,
  path: Type.String(),
  field: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
});

export const PublishedWebhookSchema = Type.Object({
  event: Type.Literal('contract.published'),
  ...webhookBase,
  version: Type.String(),
  line: Type.String({ description: 'The caret line the version belongs to: `1.x`, `0.3.x`.' }),
  previousVersion: Type.Union([Type.String(), Type.Null()]),
  publishedBy: Type.String(),
  publishedByName: Type.String(),
  compatible: Type.Boolean(),
  requiredBump: Type.Union([Type.Literal('major'), Type.Literal('minor'), Type.Literal('patch'), Type.Literal('none')]),
  changes: Type.Array(WebhookChangeSchema),
});

export const VersionStatusWebhookSchema = Type.Object({
  event: Type.Union([Type.Literal('version.deprecated'), Type.Literal('version.yanked')]),
  ...webhookBase,
  version: Type.String(),
  reason: Type.String({ description: 'Why, as the owner gave it; never empty.' }),
  by: Type.String(),
  byName: Type.String(),
});

export const OwnershipWebhookSchema = Type.Object({
  event: Type.Literal('contract.ownership-transferred'),
  ...webhookBase,
  owner: Type.Object({ name: Type.String(), email: Type.String(), principal: Type.String(), principalName: Type.String() }),
  by: Type.String(),
  byName: Type.String(),
});

/** Any body the registry posts to a webhook receiver. */
export const WebhookPayloadSchema = Type.Union([PublishedWebhookSchema, VersionStatusWebhookSchema, OwnershipWebhookSchema]);
export type WebhookPayload = Readonly<Static<typeof WebhookPayloadSchema>>;

// ---- checker alerts ----

/**
 * What changed between two runs of one contract on one source: `breaking` (became breaking),
 * `recovered` (was breaking, no longer is), `warn` (pass or nothing before, now warn), `cleared`
 * (warn to pass), `new-findings` (still warn or breaking, with problems the previous run did not have).
 */
export const AlertKindSchema = Type.Union([Type.Literal('breaking'), Type.Literal('recovered'), Type.Literal('warn'), Type.Literal('cleared'), Type.Literal('new-findings')]);
export type AlertKind = Static<typeof AlertKindSchema>;

/** A finding as alerts carry it: what and where, without examples or observed values. */
export const AlertFindingSchema = Type.Object({
  ...Type.Omit(FindingSchema, ['before', 'after']).properties,
  fingerprint: Type.String(),
});
export type AlertFinding = Readonly<Static<typeof AlertFindingSchema>>;

/** One state transition of a contract on a source worth telling people about. */
export const AlertSchema = Type.Object({
  id: Type.String({ description: 'The same for the same previous run, kind and new fingerprints: receivers drop duplicates by it.' }),
  kind: AlertKindSchema,
  contract: Type.String(),
  version: Type.String(),
  source: Type.String({ description: 'Source description, without secrets.' }),
  sourceName: Type.Optional(Type.String()),
  verdict: VerdictSchema,
  previousVerdict: Type.Union([VerdictSchema, Type.Null()], { description: 'Null when there was no earlier run.' }),
  startedAt: Type.String({ description: 'ISO 8601, when the run that caused the alert started.' }),
  newFindings: Type.Array(AlertFindingSchema, { description: 'Breaking and warning findings not in the previous run, breaking first.' }),
  open: Type.Object({ breaking: Type.Integer(), warning: Type.Integer() }),
  resolved: Type.Array(Type.String(), { description: "Fingerprints of the previous run's problems that are gone." }),
  summary: Type.String(),
});
export type Alert = Readonly<Static<typeof AlertSchema>>;

/** Concord's own JSON alert body: `{ event: concord.check.<kind>, alert }`. */
export const AlertPayloadSchema = Type.Object({
  event: Type.String({ pattern: '^concord\\.check\\.' }),
  alert: AlertSchema,
});
export type AlertPayload = Readonly<Static<typeof AlertPayloadSchema>>;

/** The failure a streak of job attempts ended on. */
export const IncidentErrorSchema = Type.Object({
  code: Type.String({ description: 'ConcordError code (`source-unavailable`, `not-found`, ...) or `internal`.' }),
  message: Type.String(),
  at: Type.String({ description: 'ISO 8601, when the failed attempt started.' }),
});
export type IncidentError = Readonly<Static<typeof IncidentErrorSchema>>;

/** A job's unbroken run of failed attempts. */
export const IncidentStreakSchema = Type.Object({
  job: Type.String(),
  contract: Type.String(),
  source: Type.String({ description: 'Source description, without secrets.' }),
  failures: Type.Integer(),
  since: Type.String({ description: 'ISO 8601, when the first failed attempt of the streak started.' }),
  lastError: IncidentErrorSchema,
});
export type IncidentStreak = Readonly<Static<typeof IncidentStreakSchema>>;

/** `incident`: a job failed its configured number of attempts in a row; `recovered`: it ran again after one. */
export const IncidentAlertKindSchema = Type.Union([Type.Literal('incident'), Type.Literal('recovered')]);
export type IncidentAlertKind = Static<typeof IncidentAlertKindSchema>;

/** One incident transition worth telling a job's owners about. */
export const IncidentAlertSchema = Type.Object({
  ...IncidentStreakSchema.properties,
  id: Type.String({ description: 'The same for the same job, streak and kind.' }),
  kind: IncidentAlertKindSchema,
  recoveredAt: Type.Optional(Type.String({ description: 'ISO 8601, when the job ran again; only on `recovered`.' })),
  summary: Type.String(),
});
export type IncidentAlert = Readonly<Static<typeof IncidentAlertSchema>>;

/** Concord's own JSON incident body: `{ event: concord.job.<kind>, incident }`. */
export const IncidentPayloadSchema = Type.Object({
  event: Type.Union([Type.Literal('concord.job.incident'), Type.Literal('concord.job.recovered')]),
  incident: IncidentAlertSchema,
});
export type IncidentPayload = Readonly<Static<typeof IncidentPayloadSchema>>;

/** A Slack-compatible incoming-webhook message, for `hooks.slack.com` receivers and `format: slack`. */
const MrkdwnSchema = Type.Object({ type: Type.Literal('mrkdwn'), text: Type.String() });
export const SlackMessageSchema = Type.Object({
  text: Type.String({ description: 'For notifications and clients without blocks.' }),
  blocks: Type.Array(
    Type.Union([
      Type.Object({ type: Type.Literal('section'), text: MrkdwnSchema }),
      Type.Object({ type: Type.Literal('context'), elements: Type.Array(MrkdwnSchema) }),
    ]),
  ),
});
export type SlackMessage = Readonly<Static<typeof SlackMessageSchema>>;
