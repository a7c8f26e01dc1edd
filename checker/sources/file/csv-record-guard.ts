import { invalidUtf8Offset } from '../utf8.js';
import { byteLines } from './line-splitter.js';

/** A record the guard dropped: over the size cap, or (with `invalidAt`) not UTF-8. */
export interface DroppedRecord {
  /** 1-based line where the record started. */
  readonly line: number;
  readonly bytes: number;
  /** The stream's byte offset of the record's first byte that is not UTF-8, when that is why it was dropped. */
  readonly invalidAt?: number;
}

const NEWLINE = Buffer.from('\n');

/**
 * Passes CSV bytes through, record by record (`byteLines` with `quoted`: a newline inside double
 * quotes does not end a record), and replaces every record longer than `maxBytes` with as many
 * newlines as it spanned, so the CSV parser behind it never buffers a huge record, its line
 * numbers stay right, and it skips the blank lines. Needed because csv-parse's own
 * `max_record_size` aborts the rest of the chunk when combined with `skip_records_with_error`.
 * Records that are not valid UTF-8 are dropped the same way (csv-parse would decode them with
 * U+FFFD in place of the bad bytes). Every record passed on ends with a newline.
 */
export async function* guardCsvRecords(
  chunks: AsyncIterable<Buffer>,
  maxBytes: number,
  onDropped: (dropped: DroppedRecord) => void,
): AsyncGenerator<Buffer> {
  for await (const batch of byteLines(chunks, maxBytes, { quoted: true })) {
    // One write per input chunk keeps the parser's per-write overhead out of the hot path.
    const outs: Buffer[] = [];
    for (const record of batch) {
      if ('oversized' in record) {
        onDropped({ line: record.line, bytes: record.oversized });
        outs.push(Buffer.alloc(record.lines, 0x0a));
        continue;
      }
      const invalid = invalidUtf8Offset(record.bytes);
      if (invalid !== -1) {
        onDropped({ line: record.line, bytes: record.bytes.length, invalidAt: record.offset + invalid });
        outs.push(Buffer.alloc(record.lines, 0x0a));
        continue;
      }
      outs.push(record.bytes, NEWLINE);
    }
    yield Buffer.concat(outs);
  }
}
