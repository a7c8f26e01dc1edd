import { ConcordError } from '../../contracts/index.js';
import { notTextReason, SNIFF_BYTES } from './utf8.js';

/** The text formats a byte stream may be declared as, by the name messages use. */
export const TEXT_FORMAT_NAMES = Object.freeze({ jsonl: 'JSON Lines', json: 'a JSON document', csv: 'CSV text' });

export type TextFormat = keyof typeof TEXT_FORMAT_NAMES;

/** A JSON document starts with an object or an array (after whitespace and a byte-order mark); anything else is not one. */
function notJsonReason(head: Buffer): string | undefined {
  let text = head.toString('utf8');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const first = text.trimStart()[0];
  if (first === undefined || first === '[' || first === '{') return undefined;
  return `it starts with ${JSON.stringify(first)} where a JSON document starts with "[" or "{"`;
}

/**
 * Why `head`, the first bytes of a stream declared as `format`, is not that format at all, or
 * undefined when it may be. Shared by the file sources and `concord gate`, so both refuse the same
 * input with the same words.
 */
export function notFormatReason(head: Buffer, format: TextFormat): string | undefined {
  return notTextReason(head) ?? (format === 'json' ? notJsonReason(head) : undefined);
}

/** The error for input that is not its declared format: `unreadable-input`, exit 2 in the CLI. */
export function notFormatError(label: string, format: TextFormat, reason: string): ConcordError {
  return new ConcordError(
    'unreadable-input',
    `${label} is not ${TEXT_FORMAT_NAMES[format]}: ${reason}; check that it is the feed you meant, or declare its real format`,
  );
}

/**
 * Passes `chunks` through after looking at their first SNIFF_BYTES bytes (or all of them, when
 * fewer): throws `notFormatError` when those are not `format` at all (binary data, another
 * encoding), before any record is parsed. Later bytes are judged record by record by the readers.
 * `eager` judges the first chunk alone, whatever its size, so a live stream (a pipe from a
 * consumer) is not held back until 64 KiB have arrived.
 */
export async function* sniffed(chunks: AsyncIterable<Buffer>, format: TextFormat, label: string, eager = false): AsyncGenerator<Buffer> {
  const held: Buffer[] = [];
  let size = 0;
  let judged = false;
  const judge = (): void => {
    judged = true;
    const reason = notFormatReason(held.length === 1 ? held[0]! : Buffer.concat(held), format);
    if (reason !== undefined) throw notFormatError(label, format, reason);
  };
  for await (const chunk of chunks) {
    if (judged) {
      yield chunk;
      continue;
    }
    held.push(chunk);
    size += chunk.length;
    if (size < SNIFF_BYTES && !eager) continue;
    judge();
    yield* held.splice(0);
  }
  if (!judged) {
    judge();
    yield* held;
  }
}
