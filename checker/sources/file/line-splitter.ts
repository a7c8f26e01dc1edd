import { invalidUtf8Offset } from '../utf8.js';

/**
 * One line of a byte stream exactly as it arrived (without its `\n`; a `\r` before it stays), or
 * a note that it was longer than the limit, with its length and first bytes. `line` is the 1-based
 * line it starts on and `lines` how many it spans (more than one only for a quoted CSV record);
 * `offset` is the stream's byte offset of its first byte.
 */
export type ByteLine =
  | { readonly line: number; readonly lines: number; readonly offset: number; readonly bytes: Buffer }
  | { readonly line: number; readonly lines: number; readonly offset: number; readonly oversized: number; readonly head: Buffer };

/** How `byteLines` splits. */
export interface ByteLineOptions {
  /** Bytes of an oversized line's start to keep in its note; default 0. */
  readonly headBytes?: number;
  /** CSV quoting: a newline inside double quotes does not end the line (the record); default false. */
  readonly quoted?: boolean;
}

/**
 * One line of a byte stream decoded as UTF-8, or a note that it could not be kept: longer than the
 * limit (`oversized`, its length in bytes) or not UTF-8 (`invalidAt`, the stream's byte offset of
 * the first bad byte).
 */
export type SplitLine =
  | { readonly line: number; readonly offset: number; readonly text: string }
  | { readonly line: number; readonly offset: number; readonly oversized: number }
  | { readonly line: number; readonly offset: number; readonly invalidAt: number };

const NO_BYTES = Buffer.alloc(0);

/**
 * Splits a byte stream into lines at `\n`, keeping each line's bytes untouched, and yields the
 * lines each chunk completes as one batch: a step of an async generator costs a promise, which per
 * line was a large share of reading a feed of short records, and a caller can write one buffer per
 * chunk. A line longer than `maxBytes` is reported once with its length and its first
 * `headBytes` bytes; the rest is dropped as it arrives, so memory stays at one line (plus one
 * chunk's batch) whatever the input holds. The one line state machine of JSON Lines reading
 * (`splitLines`), of `gate`, which passes valid lines on byte for byte, and (`quoted`) of the CSV
 * record guard.
 */
export async function* byteLines(chunks: AsyncIterable<Buffer>, maxBytes: number, options: ByteLineOptions = {}): AsyncGenerator<readonly ByteLine[]> {
  const headBytes = options.headBytes ?? 0;
  let parts: Buffer[] = [];
  let size = 0;
  let head: Buffer | undefined;
  let line = 1;
  let offset = 0;
  let inQuotes = false;
  // Newlines inside quotes in the current record, which it spans.
  let inner = 0;
  const finish = (tail: Buffer): ByteLine => {
    const total = size + tail.length;
    const lines = inner + 1;
    let result: ByteLine;
    if (head !== undefined || total > maxBytes) {
      const start = head ?? headOf([...parts, tail], headBytes);
      result = { line, lines, offset, oversized: total, head: start };
    } else {
      result = { line, lines, offset, bytes: parts.length === 0 ? tail : Buffer.concat([...parts, tail]) };
    }
    parts = [];
    size = 0;
    head = undefined;
    line += lines;
    inner = 0;
    // The next line starts after this one's newline.
    offset += total + 1;
    return result;
  };
  for await (const chunk of chunks) {
    const batch: ByteLine[] = [];
    let from = 0;
    if (options.quoted === true) {
      let i = 0;
      // Found once and reused until passed: searching again for every record would scan the chunk over and over.
      let quote = -2;
      while (i < chunk.length) {
        if (quote !== -1 && quote < i) quote = chunk.indexOf(0x22, i);
        if (inQuotes) {
          // Inside quotes only the closing quote matters; newlines there are part of the record.
          const end = quote === -1 ? chunk.length : quote;
          for (let nl = chunk.indexOf(0x0a, i); nl !== -1 && nl < end; nl = chunk.indexOf(0x0a, nl + 1)) inner += 1;
          if (quote === -1) break;
          inQuotes = false;
          i = quote + 1;
          continue;
        }
        const newline = chunk.indexOf(0x0a, i);
        if (quote !== -1 && (newline === -1 || quote < newline)) {
          inQuotes = true;
          i = quote + 1;
          continue;
        }
        if (newline === -1) break;
        batch.push(finish(chunk.subarray(from, newline)));
        from = newline + 1;
        i = from;
      }
    } else {
      for (;;) {
        const newline = chunk.indexOf(0x0a, from);
        if (newline === -1) break;
        batch.push(finish(chunk.subarray(from, newline)));
        from = newline + 1;
      }
    }
    if (batch.length > 0) yield batch;
    const rest = chunk.subarray(from);
    size += rest.length;
    if (head === undefined && rest.length > 0) {
      if (size > maxBytes) {
        head = headOf([...parts, rest], headBytes);
        parts = [];
      } else parts.push(rest);
    }
  }
  if (size > 0 || head !== undefined) yield [finish(NO_BYTES)];
}

/** A copy of the first `headBytes` bytes of `parts`, so the line's buffers can be let go. */
function headOf(parts: readonly Buffer[], headBytes: number): Buffer {
  return headBytes === 0 ? NO_BYTES : Buffer.from(Buffer.concat(parts).subarray(0, headBytes));
}

/**
 * Splits a byte stream into UTF-8 lines (`\n`, with a trailing `\r` dropped), in batches as
 * `byteLines` yields them, with the same `maxBytes` limit. Lines are decoded strictly: a line that
 * is not valid UTF-8 is reported with the offset of its first bad byte, never patched with U+FFFD.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<readonly SplitLine[]> {
  for await (const batch of byteLines(chunks, maxBytes)) yield batch.map(decodeLine);
}

function decodeLine(piece: ByteLine): SplitLine {
  const { line, offset } = piece;
  if ('oversized' in piece) return { line, offset, oversized: piece.oversized };
  let bytes = piece.bytes;
  if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
  const invalid = invalidUtf8Offset(bytes);
  return invalid === -1 ? { line, offset, text: bytes.toString('utf8') } : { line, offset, invalidAt: offset + invalid };
}
