import { ConcordError } from '../../contracts/index.js';
import type {
  ConcordErrorCode,
  ConcordErrorDetail,
  Verdict,
  Change,
  Finding,
  LintProblem,
  Contract,
  JsonSchema,
  RegistryTarget,
} from '../../contracts/index.js';
import type { BodyLabel, Candidate, ContractText } from '../services/contract-body.js';
import type { Evaluation } from '../services/evaluate.js';
import type { ComputedChanges, HistoryEntry, KnownChanges } from '../services/history.js';
import { RefusalError } from '../services/refusal-error.js';

/*
 * The messages between the registry's event loop and its evaluation workers. They stay inside one
 * process (structured clone over a MessagePort), so they are types here rather than schemas.
 */

/** An error as it crosses to the other thread: ConcordErrors keep code, detail and findings. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: ConcordErrorCode;
  readonly detail?: ConcordErrorDetail;
  readonly findings?: readonly (Finding | LintProblem)[];
}

/** An evaluation with its refusal as plain data. */
export type WireEvaluation = Omit<Evaluation, 'refusal'> & { readonly refusal?: WireError };

/** A history entry as it crosses: without its model when the worker already holds that model under the entry's key. */
export interface WireHistoryEntry {
  readonly header: HistoryEntry['header'];
  readonly contract?: Contract;
}

/**
 * What a worker holds a published model under: its diff key, which leaves the version out (so that
 * equal content compares as equal), and the version, which the model still carries.
 */
export function heldModelKey(diffKey: string, header: HistoryEntry['header']): string {
  return `${diffKey} ${header.version}`;
}

export interface EvaluateInput {
  readonly candidate: Contract;
  readonly history: readonly WireHistoryEntry[];
  /** Keys of the candidate and then of each history entry's contract. */
  readonly known: KnownChanges;
  /** The worker forgets the models it holds before reading this input (the pool's record of them was full). */
  readonly forget?: boolean;
}

export interface EvaluateOutput {
  readonly evaluation: WireEvaluation;
  readonly computed: readonly ComputedChanges[];
  /** Verdicts the worker had to compute, keyed as the memo keeps them. */
  readonly verdicts: readonly (readonly [string, Verdict])[];
}

export interface ChangesInput {
  readonly before: Contract;
  readonly after: Contract;
}

/** What each task takes and gives. */
export interface Tasks {
  readonly load: { readonly input: ContractText; readonly output: Candidate };
  readonly evaluate: { readonly input: EvaluateInput; readonly output: EvaluateOutput };
  readonly changes: { readonly input: ChangesInput; readonly output: readonly Change[] };
}

export type TaskName = keyof Tasks;

/** From the event loop to a worker. */
export type ToWorker =
  | { readonly type: 'task'; readonly id: number; readonly task: TaskName; readonly input: unknown }
  | { readonly type: 'resolved'; readonly request: number; readonly ok: true; readonly value: JsonSchema }
  | { readonly type: 'resolved'; readonly request: number; readonly ok: false; readonly error: WireError };

/** From a worker to the event loop. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly id: number; readonly seen: BodyLabel }
  | { readonly type: 'resolve'; readonly id: number; readonly request: number; readonly target: RegistryTarget }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly error: WireError };

/** An error as plain data; anything thrown that is not an Error is described by its text. */
export function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const base = { name: error.name, message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  if (error instanceof RefusalError) return { ...base, code: error.code, detail: error.detail, findings: error.findings };
  if (error instanceof ConcordError) return { ...base, code: error.code, detail: error.detail };
  return base;
}

/** The error `toWire` described: a RefusalError or ConcordError again, else a plain Error with the stack it had. */
export function fromWire(wire: WireError): Error {
  if (wire.code !== undefined && wire.findings !== undefined) return new RefusalError(wire.code, wire.message, wire.findings);
  if (wire.code !== undefined) return new ConcordError(wire.code, wire.message, wire.detail ?? {});
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}

export function evaluationToWire(evaluation: Evaluation): WireEvaluation {
  const { refusal, ...rest } = evaluation;
  return refusal === undefined ? rest : { ...rest, refusal: toWire(refusal) };
}

export function evaluationFromWire(wire: WireEvaluation): Evaluation {
  const { refusal, ...rest } = wire;
  if (refusal === undefined) return rest;
  const error = fromWire(refusal);
  return { ...rest, refusal: error instanceof RefusalError ? error : new RefusalError(refusal.code ?? 'internal', refusal.message, []) };
}
