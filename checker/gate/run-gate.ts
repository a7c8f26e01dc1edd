import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { ConcordError } from '../../contracts/index.js';
import { jsonLineText } from '../sources/file/json-line.js';
import { byteLines } from '../sources/file/line-splitter.js';
import { sniffed } from '../sources/text-sniff.js';
import { untilAborted, watchWritables } from './writable-failure.js';
import type { WritableFailure } from './writable-failure.js';

/** Why a record was turned away: a JSON pointer into the record, the schema keyword (or `json`, `max-line-bytes`) and a sentence. */
export interface GateError {
  readonly path: string;
  readonly keyword: string;
  readonly message: string;
}

/** Validates one parsed record; an empty list means valid. */
export type GateValidator = (record: unknown) => readonly GateError[];

/** One dead-letter entry: the 1-based input line, the parsed record (or the raw text when it did not parse) and why. */
export type DeadLetter =
  | { readonly line: number; readonly record: unknown; readonly errors: readonly GateError[] }
  | { readonly line: number; readonly raw: string; readonly bytes?: number; readonly errors: readonly GateError[] };

/** Counts of one gate run. `lines === valid + deadLettered` always: nothing is dropped. */
export interface GateSummary {
  readonly lines: number;
  readonly valid: number;
  readonly deadLettered: number;
  /** Blank lines, skipped as `check` skips them (`jsonLineText`): lines = valid + deadLettered + blank. */
  readonly blank: number;
  /** Of the dead-lettered: lines that were not JSON (or not UTF-8). */
  readonly malformed: number;
  /** Of the malformed: lines that were not UTF-8. */
  readonly undecodable: number;
  /** Of the dead-lettered: lines longer than the line limit. */
  readonly oversized: number;
  /** Of the dead-lettered: records the contract's schema rejected. */
  readonly invalid: number;
  /** Errors grouped by path, keyword and message, most frequent first, at most MAX_SUMMARY_ERROR_GROUPS. */
  readonly topErrors: readonly { readonly path: string; readonly keyword: string; readonly count: number; readonly message: string }[];
  /**
   * True when the reader of the output went away (EPIPE) and the run stopped before the input
   * ended. The counts then cover the lines read until then; not every line counted valid reached
   * the reader.
   */
  readonly outputClosed: boolean;
}

export interface GateOptions {
  readonly input: AsyncIterable<Buffer>;
  /** Receives every valid line, byte for byte, each followed by `\n`. */
  readonly output: Writable;
  /** Receives one JSON line per turned-away record. */
  readonly deadLetter: Writable;
  readonly validate: GateValidator;
  /** Longest line kept, default MAX_GATE_LINE_BYTES. */
  readonly maxLineBytes?: number;
  /** How error messages name the writables, default `the output` and `the dead-letter stream`, and the input, default `the input`. */
  readonly names?: { readonly output?: string; readonly deadLetter?: string; readonly input?: string };
}

/**
 * Longest input line, in bytes. Matches the file sources' limit (checker/sources/limits.ts): a
 * record bigger than 4 MiB is a dump, and the gate must not hold more than one line in memory.
 */
export const MAX_GATE_LINE_BYTES = 4 * 1024 * 1024;

/** Bytes of an oversized line kept in its dead-letter entry, enough to recognise the record. */
export const OVERSIZED_HEAD_BYTES = 1024;

/** Error groups listed in the summary; the dead-letter file has every error. */
export const MAX_SUMMARY_ERROR_GROUPS = 10;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseLine(bytes: Buffer, line: number): { readonly value: unknown } | { readonly blank: true } | { readonly raw: string; readonly error: GateError; readonly undecodable?: true } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { raw: bytes.toString('utf8'), error: { path: '', keyword: 'json', message: 'the line is not UTF-8 text' }, undecodable: true };
  }
  const json = jsonLineText(text, line);
  if (json === undefined) return { blank: true };
  try {
    return { value: JSON.parse(json) as unknown };
  } catch (error) {
    return { raw: text, error: { path: '', keyword: 'json', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

/**
 * Writes `chunk` and waits for 'drain' when the stream asks for it. Waiting for 'drain' is the
 * backpressure: a slow reader of stdout slows the reading of stdin. A stream that fails never
 * drains, so the run's failure signal ends the wait; the failure itself is the watch's to report.
 */
async function write(stream: Writable, chunk: Buffer, signal: AbortSignal): Promise<void> {
  if (chunk.length === 0 || stream.write(chunk)) return;
  try {
    await once(stream, 'drain', { signal });
  } catch (error) {
    // The watch's 'error' listener was added first, so a stream error has aborted the signal by now.
    if (!signal.aborted) throw error;
  }
}

/**
 * Resolves once everything written to `stream` has been handed on (an empty write's callback runs
 * after every earlier write), so an error from a last write still in flight, such as EPIPE from a
 * reader that left, reaches the run's watch instead of arriving after the run with nobody
 * listening. The callback's error is not read here: the watch has it.
 */
function flushed(stream: Writable): Promise<void> {
  if (stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => stream.write(Buffer.alloc(0), () => resolve()));
}

/**
 * Error codes that mean the reader of the output has gone (`... | head -1`). For a Unix filter
 * that is the end of the job, not a fault: there is nobody left to pass records to.
 */
const READER_GONE_CODES: ReadonlySet<string> = new Set(['EPIPE']);

/** Whether a write error means the reader of the output has gone (see READER_GONE_CODES). */
export function isReaderGone(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && READER_GONE_CODES.has(error.code);
}

/** Turns a failed writable (a full or failing disk, a broken socket) into the error that stops the run, naming the stream and how far the input got. */
function writeFailure(failure: WritableFailure, names: GateOptions['names'], lines: number): ConcordError {
  const where = failure.stream === 'output' ? (names?.output ?? 'the output') : (names?.deadLetter ?? 'the dead-letter stream');
  return new ConcordError(
    'invalid-argument',
    `cannot write to ${where}: ${failure.error.message}; the gate stopped after input line ${lines}: free space on its disk or send it elsewhere, then feed the input through the gate again`,
    {},
    { cause: failure.error },
  );
}

/**
 * Streams JSON Lines from `input`: each valid record's line goes to `output` unchanged; each
 * invalid, malformed or oversized line goes to `deadLetter` as `{ line, record | raw, errors }`.
 * Reads one input chunk at a time and waits for both outputs to drain, so memory stays flat
 * however long the input is. Resolves with the counts once everything is written and handed on
 * (the streams are not ended: the caller owns them).
 *
 * Input that is not JSON Lines at all (binary data, another encoding: see `sniffed`) is refused
 * with ConcordError `unreadable-input` before any line is written.
 *
 * Stops reading as soon as a writable fails, after the last complete batch: when the output's
 * reader has gone (EPIPE) it resolves with `outputClosed: true`; any other write error rejects
 * with a ConcordError naming the stream. A read of `input` in flight at that moment is abandoned,
 * so the caller destroys `input` when the run stopped early.
 */
export async function runGate(options: GateOptions): Promise<GateSummary> {
  const maxLineBytes = options.maxLineBytes ?? MAX_GATE_LINE_BYTES;
  let lines = 0;
  let valid = 0;
  let malformed = 0;
  let undecodable = 0;
  let oversized = 0;
  let invalid = 0;
  let blank = 0;
  const groups = new Map<string, { path: string; keyword: string; count: number; message: string }>();
  const note = (errors: readonly GateError[]): void => {
    for (const error of errors) {
      const key = JSON.stringify([error.path, error.keyword, error.message]);
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { ...error, count: 1 });
      else group.count += 1;
    }
  };
  const newline = Buffer.from('\n');
  const watch = watchWritables(options.output, options.deadLetter);
  try {
    const input = sniffed(options.input, 'jsonl', options.names?.input ?? 'the input', true);
    for await (const batch of untilAborted(byteLines(input, maxLineBytes, { headBytes: OVERSIZED_HEAD_BYTES }), watch.signal)) {
      const passed: Buffer[] = [];
      const rejected: string[] = [];
      for (const entry of batch) {
        lines += 1;
        let letter: DeadLetter;
        if ('oversized' in entry) {
          oversized += 1;
          const error = { path: '', keyword: 'max-line-bytes', message: `the line is ${entry.oversized} bytes, longer than the limit of ${maxLineBytes}: split the record or check the producer` };
          letter = { line: entry.line, raw: entry.head.toString('utf8'), bytes: entry.oversized, errors: [error] };
        } else {
          const parsed = parseLine(entry.bytes, entry.line);
          if ('blank' in parsed) {
            blank += 1;
            continue;
          }
          if ('raw' in parsed) {
            malformed += 1;
            if (parsed.undecodable === true) undecodable += 1;
            letter = { line: entry.line, raw: parsed.raw, errors: [parsed.error] };
          } else {
            const errors = options.validate(parsed.value);
            if (errors.length === 0) {
              valid += 1;
              passed.push(entry.bytes, newline);
              continue;
            }
            invalid += 1;
            letter = { line: entry.line, record: parsed.value, errors };
          }
        }
        note(letter.errors);
        rejected.push(`${JSON.stringify(letter)}\n`);
      }
      // One write per stream per batch, so a failure lands between whole lines, never inside one.
      await Promise.all([write(options.output, Buffer.concat(passed), watch.signal), write(options.deadLetter, Buffer.from(rejected.join('')), watch.signal)]);
      if (watch.signal.aborted) break;
    }
    if (!watch.signal.aborted) await Promise.all([flushed(options.output), flushed(options.deadLetter)]);
  } finally {
    watch.dispose();
  }
  const failure = watch.current();
  const outputClosed = failure !== undefined && failure.stream === 'output' && isReaderGone(failure.error);
  if (failure !== undefined && !outputClosed) throw writeFailure(failure, options.names, lines);
  const topErrors = [...groups.values()].sort((a, b) => b.count - a.count).slice(0, MAX_SUMMARY_ERROR_GROUPS);
  return { lines, valid, deadLettered: malformed + oversized + invalid, blank, malformed, undecodable, oversized, invalid, topErrors, outputClosed };
}
