import Type, { type Static } from 'typebox';
import { CheckReportSchema, VerdictSchema } from './check-report.js';

/*
 * Run records: a recorded check run as the registry's HTTP API answers it, and the requests that
 * list runs, accept a baseline and prune history. The registry builds these answers, the typed
 * client and the checker's registry baseline store read them.
 */

const nullableString = Type.Union([Type.String(), Type.Null()]);
const count = Type.Integer({ minimum: 0 });

/** A recorded check run without its report. */
export const RunInfoSchema = Type.Object({
  id: Type.Integer(),
  contract: Type.String(),
  version: Type.String(),
  source: Type.String({ description: "The baseline key: the source's name from the contract, else its description." }),
  sourceDescription: Type.String(),
  verdict: VerdictSchema,
  startedAt: Type.String(),
  durationMs: count,
  read: count,
  sampled: count,
  violations: Type.Integer({ minimum: 0, description: 'Violation groups in the report.' }),
  drift: Type.Integer({ minimum: 0, description: 'Drift findings in the report.' }),
  recordedBy: Type.String({ description: 'Principal id that recorded it.' }),
  recordedByName: Type.Union([Type.String(), Type.Null()], { description: "That principal's name." }),
  recordedAt: Type.String(),
});
export type RunInfo = Readonly<Static<typeof RunInfoSchema>>;

/** A recorded run with its report, exactly as the checker posted it. */
export const RunDetailSchema = Type.Object({
  ...RunInfoSchema.properties,
  report: CheckReportSchema,
});
export type RunDetail = Readonly<Static<typeof RunDetailSchema>>;

/** A source's baseline: the run its next check compares with. */
export const BaselineDetailSchema = Type.Object({
  ...RunDetailSchema.properties,
  acceptedBy: Type.Union([Type.String(), Type.Null()], { description: 'Principal who accepted the run as baseline; null when the run passed and so became it.' }),
  acceptedByName: nullableString,
  baselineSince: Type.String({ description: 'When the run became the baseline.' }),
});
export type BaselineDetail = Readonly<Static<typeof BaselineDetailSchema>>;

/** Which runs to list: one contract's, optionally one source's, newest recorded first. */
export const RunQuerySchema = Type.Object({
  source: Type.Optional(Type.String({ description: "The source's name in the contract, or its description (the key runs are stored under)." })),
  limit: Type.Optional(Type.Integer({ minimum: 1 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type RunQuery = Readonly<Static<typeof RunQuerySchema>>;

/** Which run `POST /api/contracts/{id}/baseline` makes a source's baseline. */
export const BaselineAcceptRequestSchema = Type.Object(
  {
    source: Type.String({ description: "The source's name in the contract, or its description." }),
    run: Type.Optional(Type.Integer({ minimum: 1, description: "The run to accept; default the source's newest." })),
  },
  { additionalProperties: false },
);
export type BaselineAcceptRequest = Readonly<Static<typeof BaselineAcceptRequestSchema>>;

/** Which runs `POST /api/runs/prune` deletes: those recorded before `olderThan`, except each source's newest. */
export const RunPruneRequestSchema = Type.Object(
  {
    olderThan: Type.String({
      description: 'Runs recorded before this go: a duration back from now (90d, 12h; units s, m, h, d, w) or an ISO date (2026-08-01) or date-time with a zone.',
    }),
    keepLatestPerSource: Type.Optional(
      Type.Integer({ minimum: 1, default: 1, description: 'Runs kept per contract and source whatever their age, newest first: the newest is the baseline of the next check.' }),
    ),
    contract: Type.Optional(Type.String({ description: "Only this contract's runs; every contract's when absent." })),
  },
  { additionalProperties: false },
);
export type RunPruneRequest = Readonly<Static<typeof RunPruneRequestSchema>>;

/** The answer to a prune: how many runs went. */
export const PrunedRunsSchema = Type.Object({ deleted: count });
export type PrunedRuns = Readonly<Static<typeof PrunedRunsSchema>>;
