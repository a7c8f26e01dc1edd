import { invalidUtf8Offset } from '../utf8.js';

/** A record the guard dropped: over the size cap, or (with `invalidAt`) not UTF-8. */
export interface DroppedRecord {
  /** 1-based line where the record started. */
  readonly line: number;
  readonly bytes: number;
  /** The stream's byte offset of the record's first byte that is not UTF-8, when that is why it was dropped. */
  readonly invalidAt?: number;
}

/**
 * Passes CSV bytes through, record by record (a newline inside double quotes does not end a
 * record), and replaces every record longer than `maxBytes` with as many newlines as it spanned,
 * so the CSV parser behind it never buffers a huge record, its line numbers stay right, and it
 * skips the blank lines. Needed because csv-parse's own `max_record_size` aborts the rest of the
 * chunk when combined with `skip_records_with_error`. Records that are not valid UTF-8 are dropped
 * the same way (csv-parse would decode them with U+FFFD in place of the bad bytes).
 */
export async function* guardCsvRecords(
  chunks: AsyncIterable<Buffer>,
  maxBytes: number,
  onDropped: (dropped: DroppedRecord) => void,
): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  let inQuotes = false;
  let oversized = false;
  let newlines = 0;
  let line = 1;
  let recordLine = 1;
  let recordOffset = 0;
  let chunkOffset = 0;
  const endRecord = (nextOffset: number): Buffer => {
    let out: Buffer;
    if (oversized) {
      onDropped({ line: recordLine, bytes: size });
      out = Buffer.alloc(newlines + 1, 0x0a);
    } else {
      out = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
      const invalid = invalidUtf8Offset(out);
      if (invalid !== -1) {
        onDropped({ line: recordLine, bytes: out.length, invalidAt: recordOffset + invalid });
        out = Buffer.alloc(newlines + 1, 0x0a);
      }
    }
    recordOffset = nextOffset;
    parts = [];
    size = 0;
    oversized = false;
    newlines = 0;
    recordLine = line + 1;
    return out;
  };
  for await (const chunk of chunks) {
    // One write per input chunk keeps the parser's per-write overhead out of the hot path.
    const outs: Buffer[] = [];
    let from = 0;
    let i = 0;
    // Found once and reused until passed: searching again for every record would scan the chunk over and over.
    let quote = -2;
    while (i < chunk.length) {
      if (quote !== -1 && quote < i) quote = chunk.indexOf(0x22, i);
      if (inQuotes) {
        // Inside quotes only the closing quote matters; newlines there are part of the record.
        const end = quote === -1 ? chunk.length : quote;
        for (let nl = chunk.indexOf(0x0a, i); nl !== -1 && nl < end; nl = chunk.indexOf(0x0a, nl + 1)) {
          newlines += 1;
          line += 1;
        }
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
      size += newline - from;
      if (!oversized && size > maxBytes) oversized = true;
      if (!oversized) parts.push(chunk.subarray(from, newline + 1));
      const out = endRecord(chunkOffset + newline + 1);
      line += 1;
      if (out.length > 0) outs.push(out);
      from = newline + 1;
      i = from;
    }
    if (outs.length > 0) yield Buffer.concat(outs);
    chunkOffset += chunk.length;
    const rest = chunk.subarray(from);
    size += rest.length;
    if (oversized) continue;
    if (size > maxBytes) {
      oversized = true;
      parts = [];
    } else if (rest.length > 0) parts.push(rest);
  }
  if (size > 0 || oversized) {
    const out = endRecord(chunkOffset);
    if (out.length > 0) yield out;
  }
}
