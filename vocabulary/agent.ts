import Type, { type Static } from 'typebox';

/*
 * The wire shapes of the agent SDK: the telemetry an embedded handle sends, the per-consumer
 * usage the registry shows for it, and the events a handle emits. Limits live beside the shapes
 * so the registry refuses what the SDK would never send.
 */

/**
 * Contract versions one telemetry batch may report. A handle reports the version it uses, and
 * at most a few more while an update is rolling through; 16 leaves room without letting one
 * request write unbounded rows.
 */
export const MAX_TELEMETRY_VERSIONS = 16;

/**
 * Failing fields one version's report names, most frequent first. Ten is what an owner reads
 * on a contract page; the SDK keeps counting the rest in `otherFieldFailures`.
 */
export const MAX_TELEMETRY_FIELDS = 10;

/** Longest field name reported: a dotted path of a real schema fits, a producer's invented key is cut. */
export const MAX_TELEMETRY_FIELD_LENGTH = 200;

const Count = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** A failing field (name only, never a value) and how many rejected records it failed in. */
export const FieldFailuresSchema = Type.Object(
  {
    field: Type.String({ maxLength: MAX_TELEMETRY_FIELD_LENGTH, description: 'Dotted field path with [] for array items; "" for the record itself.' }),
    count: Count,
  },
  { additionalProperties: false },
);
export type FieldFailures = Readonly<Static<typeof FieldFailuresSchema>>;

/** What a handle validated against one contract version since its last report. */
export const VersionTelemetrySchema = Type.Object(
  {
    version: Type.String({ minLength: 1, maxLength: 64 }),
    validated: Count,
    rejected: Count,
    topFields: Type.Array(FieldFailuresSchema, { maxItems: MAX_TELEMETRY_FIELDS }),
    otherFieldFailures: Type.Optional(Count),
  },
  { additionalProperties: false },
);
export type VersionTelemetry = Readonly<Static<typeof VersionTelemetrySchema>>;

/** Body of `POST /api/contracts/{id}/consumers/{name}/telemetry`. */
export const TelemetryBatchSchema = Type.Object(
  { versions: Type.Array(VersionTelemetrySchema, { minItems: 1, maxItems: MAX_TELEMETRY_VERSIONS }) },
  { additionalProperties: false },
);
export type TelemetryBatch = Readonly<Static<typeof TelemetryBatchSchema>>;

/** Answer to a telemetry post. */
export const TelemetryReceiptSchema = Type.Object({ consumer: Type.String(), contract: Type.String(), accepted: Type.Integer({ minimum: 0 }) });
export type TelemetryReceipt = Readonly<Static<typeof TelemetryReceiptSchema>>;

/** How a consumer uses a contract as its telemetry tells: the version it last reported and how much of the data it rejects there. */
export const ConsumerUsageSchema = Type.Object({
  consumer: Type.String(),
  contract: Type.String(),
  lastSeen: Type.String({ format: 'date-time' }),
  versionInUse: Type.String(),
  validated: Count,
  rejected: Count,
  rejectRate: Type.Number({ minimum: 0, maximum: 1, description: 'rejected / validated for the version in use; 0 before any record.' }),
  topFields: Type.Array(FieldFailuresSchema),
});
export type ConsumerUsage = Readonly<Static<typeof ConsumerUsageSchema>>;

const MarkSchema = Type.Object({ reason: Type.String(), at: Type.String() });

/** A handle's `update` event: the range now resolves to another version, which the handle uses from now on. */
export const UpdateEventSchema = Type.Object({ contract: Type.String(), from: Type.String(), to: Type.String() });
export type UpdateEvent = Readonly<Static<typeof UpdateEventSchema>>;

/** A handle's `deprecated` or `yanked` event: the version in use was marked. */
export const MarkEventSchema = Type.Object({ contract: Type.String(), version: Type.String(), mark: MarkSchema });
export type MarkEvent = Readonly<Static<typeof MarkEventSchema>>;
