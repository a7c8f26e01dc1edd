import type { Readable } from 'node:stream';
import { JsonElementScanner, JsonStructureError, type ScannedElement } from '../json-element-scanner.js';
import { MAX_LINE_BYTES } from '../limits.js';
import { InvalidUtf8, StrictUtf8Decoder } from '../utf8.js';
import type { FileReadContext } from './file-read-context.js';

/** The elements complete in `text`, the part of the document before bytes that are not UTF-8; a break in it is left to the truncation the caller reports. */
function scanBefore(scanner: JsonElementScanner, text: string): ScannedElement[] {
  try {
    return scanner.push(text);
  } catch (error) {
    if (error instanceof JsonStructureError) return [];
    throw error;
  }
}

/**
 * Records of a JSON document holding an array (at the root, or at `context.records`), streamed
 * element by element: a 1 GB array never sits in memory. Elements that are not JSON are
 * `malformed` issues and elements over MAX_LINE_BYTES characters `oversized` issues (location
 * `file#/pointer/index`), both skipped. A document that stops being readable before its end (it
 * ends early, breaks off into something that is not JSON, or has bytes that are not UTF-8, named
 * by byte offset and line) is one `truncated` issue, and the rest of the file is skipped; a
 * document with no array at the pointer is one `malformed` issue.
 */
export async function* readJsonArray(stream: Readable, context: FileReadContext, maxElementChars = MAX_LINE_BYTES): AsyncGenerator<unknown> {
  const pointer = context.records ?? '';
  const scanner = new JsonElementScanner(pointer, [], maxElementChars);
  const decoder = new StrictUtf8Decoder();
  let elements = 0;
  const report = function* (scanned: ScannedElement[]): Generator<unknown> {
    for (const element of scanned) {
      elements += 1;
      const location = `${context.label}#${pointer}/${element.index}`;
      if ('value' in element) yield element.value;
      else if ('oversized' in element) {
        context.onIssue?.({ kind: 'oversized', location, message: `element longer than ${maxElementChars} characters; skipped` });
      } else context.onIssue?.({ kind: 'malformed', location, message: `not JSON (${element.malformed}); skipped` });
    }
  };
  const after = (): string => `after ${elements} ${elements === 1 ? 'element' : 'elements'}; the rest of the file is skipped`;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield* report(scanner.push(decoder.write(chunk)));
    yield* report(scanner.push(decoder.end()));
    yield* report(scanner.end());
  } catch (error) {
    if (error instanceof InvalidUtf8) {
      yield* report(scanBefore(scanner, error.before));
      context.onIssue?.({ kind: 'truncated', location: `${context.label}:${error.line}`, message: `${error.message} ${after()}` });
    } else if (error instanceof JsonStructureError) {
      const kind = error.kind === 'no-records' ? 'malformed' : 'truncated';
      context.onIssue?.({ kind, location: context.label, message: kind === 'truncated' ? `${error.message} ${after()}` : `${error.message}; no records read from this file` });
    } else throw error;
  }
}
