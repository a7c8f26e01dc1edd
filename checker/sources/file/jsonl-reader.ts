import type { Readable } from 'node:stream';
import { MAX_LINE_BYTES } from '../limits.js';
import type { FileReadContext } from './file-read-context.js';
import { jsonLineText } from './json-line.js';
import { splitLines } from './line-splitter.js';

/**
 * Records of a JSON Lines stream, one per non-blank line (`jsonLineText`, the rule `gate` shares).
 * Lines that are not JSON are reported as `malformed`, lines that are not UTF-8 as `decode` (with
 * the byte offset of the first bad byte) and lines over MAX_LINE_BYTES as `oversized` (location
 * `file:line`); all are skipped and the read goes on.
 */
export async function* readJsonLines(stream: Readable, context: FileReadContext, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<unknown> {
  for await (const batch of splitLines(stream, maxLineBytes)) {
    for (const piece of batch) {
      if ('oversized' in piece) {
        context.onIssue?.({ kind: 'oversized', location: `${context.label}:${piece.line}`, message: `line of ${piece.oversized} bytes is longer than ${maxLineBytes} bytes; skipped` });
        continue;
      }
      if ('invalidAt' in piece) {
        context.onIssue?.({ kind: 'decode', location: `${context.label}:${piece.line}`, message: `invalid UTF-8 at byte offset ${piece.invalidAt} (line ${piece.line}); skipped` });
        continue;
      }
      const text = jsonLineText(piece.text, piece.line);
      if (text === undefined) continue;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch (error) {
        context.onIssue?.({ kind: 'malformed', location: `${context.label}:${piece.line}`, message: `not JSON (${(error as Error).message}); skipped` });
        continue;
      }
      yield record;
    }
  }
}
