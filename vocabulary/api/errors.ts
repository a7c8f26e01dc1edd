import Type from 'typebox';
import { FindingSchema, HTTP_STATUS_BY_ERROR, LintProblemSchema } from '../../contracts/index.js';
import type { ConcordErrorCode } from '../../contracts/index.js';
import type { Wire } from './shared.js';

/** Every ConcordError code, as the error body and a refusal name them. */
export const ERROR_CODES = Object.keys(HTTP_STATUS_BY_ERROR) as readonly ConcordErrorCode[];

export const ErrorCodeSchema = Type.Unsafe<ConcordErrorCode>({ type: 'string', enum: [...ERROR_CODES] });

/** A refusal reason as the error body carries it: its stable code and message. */
export const ReasonSummarySchema = Type.Object({ code: Type.String(), message: Type.String() });

/** What the registry sends for a failed request: `{ error: { code, message, ... } }`. */
export const ErrorBodySchema = Type.Object({
  error: Type.Object({
    code: Type.Unsafe<ConcordErrorCode>({ ...ErrorCodeSchema, description: 'ConcordError code, e.g. invalid-contract, breaking-change, conflict, forbidden' }),
    message: Type.String({ description: 'What went wrong, naming the contract, version and field, and what to do next' }),
    findings: Type.Optional(Type.Array(Type.Union([FindingSchema, LintProblemSchema]))),
    reasons: Type.Optional(Type.Array(ReasonSummarySchema, { description: 'Every reason a publish was refused, the first being the one code and message tell' })),
    pointer: Type.Optional(Type.String({ description: 'Where in the body the problem is, when the registry could tell' })),
    line: Type.Optional(Type.Integer()),
    column: Type.Optional(Type.Integer()),
  }),
});
export type ErrorBody = Wire<typeof ErrorBodySchema>;
