import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { JsonElementScanner, JsonStructureError, type ScannedElement } from '../json-element-scanner.js';
import { MAX_LINE_BYTES } from '../limits.js';
import type { FileReadContext } from './file-read-context.js';

/**
 * Records of a JSON document holding an array (at the root, or at `context.records`), streamed
 * element by element: a 1 GB array never sits in memory. Elements that are not JSON are
 * `malformed` issues and elements over MAX_LINE_BYTES characters `oversized` issues (location
 * `file#/pointer/index`), both skipped. A document that is broken around the array (truncated,
 * not JSON, no array at the pointer) is one `malformed` issue for the file and the rest of the
 * file is skipped.
 */
export async function* readJsonArray(stream: Readable, context: FileReadContext, maxElementChars = MAX_LINE_BYTES): AsyncGenerator<unknown> {
  const pointer = context.records ?? '';
  const scanner = new JsonElementScanner(pointer, [], maxElementChars);
  const decoder = new StringDecoder('utf8');
  const report = function* (elements: ScannedElement[]): Generator<unknown> {
    for (const element of elements) {
      const location = `${context.label}#${pointer}/${element.index}`;
      if ('value' in element) yield element.value;
      else if ('oversized' in element) {
        context.onIssue?.({ kind: 'oversized', location, message: `element longer than ${maxElementChars} characters; skipped` });
      } else context.onIssue?.({ kind: 'malformed', location, message: `not JSON (${element.malformed}); skipped` });
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield* report(scanner.push(decoder.write(chunk)));
    yield* report(scanner.push(decoder.end()));
    yield* report(scanner.end());
  } catch (error) {
    if (!(error instanceof JsonStructureError)) throw error;
    context.onIssue?.({ kind: 'malformed', location: context.label, message: `${error.message}; rest of the file skipped` });
  }
}
