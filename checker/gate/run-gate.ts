import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { byteLines } from './byte-lines.js';

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
  /** Of the dead-lettered: lines that were not JSON (or not UTF-8, or empty). */
  readonly malformed: number;
  /** Of the dead-lettered: lines longer than the line limit. */
  readonly oversized: number;
  /** Of the dead-lettered: records the contract's schema rejected. */
  readonly invalid: number;
  /** Errors grouped by path, keyword and message, most frequent first, at most MAX_SUMMARY_ERROR_GROUPS. */
  readonly topErrors: readonly { readonly path: string; readonly keyword: string; readonly count: number; readonly message: string }[];
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

function parseLine(bytes: Buffer): { readonly value: unknown } | { readonly raw: string; readonly error: GateError } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { raw: bytes.toString('utf8'), error: { path: '', keyword: 'json', message: 'the line is not UTF-8 text' } };
  }
  if (text.trim() === '') return { raw: text, error: { path: '', keyword: 'json', message: 'the line is empty: JSON Lines has one JSON value per line' } };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { raw: text, error: { path: '', keyword: 'json', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

async function write(stream: Writable, chunk: Buffer): Promise<void> {
  if (chunk.length === 0) return;
  // Waiting for 'drain' is the backpressure: a slow reader of stdout slows the reading of stdin.
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Streams JSON Lines from `input`: each valid record's line goes to `output` unchanged; each
 * invalid, malformed or oversized line goes to `deadLetter` as `{ line, record | raw, errors }`.
 * Reads one input chunk at a time and waits for both outputs to drain, so memory stays flat
 * however long the input is. Resolves with the counts once everything is written (the streams
 * are not ended: the caller owns them).
 */
export async function runGate(options: GateOptions): Promise<GateSummary> {
  const maxLineBytes = options.maxLineBytes ?? MAX_GATE_LINE_BYTES;
  let lines = 0;
  let valid = 0;
  let malformed = 0;
  let oversized = 0;
  let invalid = 0;
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
  for await (const batch of byteLines(options.input, maxLineBytes, OVERSIZED_HEAD_BYTES)) {
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
        const parsed = parseLine(entry.bytes);
        if ('raw' in parsed) {
          malformed += 1;
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
    await Promise.all([write(options.output, Buffer.concat(passed)), write(options.deadLetter, Buffer.from(rejected.join('')))]);
  }
  const topErrors = [...groups.values()].sort((a, b) => b.count - a.count).slice(0, MAX_SUMMARY_ERROR_GROUPS);
  return { lines, valid, deadLettered: malformed + oversized + invalid, malformed, oversized, invalid, topErrors };
}
