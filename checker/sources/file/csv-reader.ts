import { parse, type CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import { MAX_LINE_BYTES } from '../limits.js';
import { guardCsvRecords } from './csv-record-guard.js';
import { columnTypesFromSchema, typeCell } from './csv-typing.js';
import type { FileReadContext } from './file-read-context.js';

/**
 * Records of a CSV stream with a header row; cells are typed by the contract schema (see
 * `typeCell`). Rows with the wrong number of cells or broken quoting are `malformed` issues, rows
 * that are not UTF-8 `decode` issues (with the byte offset of the first bad byte) and rows over
 * MAX_LINE_BYTES `oversized` issues (location `file:line`); all are skipped. Blank lines are ignored.
 */
export async function* readCsv(stream: Readable, context: FileReadContext, maxRecordBytes = MAX_LINE_BYTES): AsyncGenerator<unknown> {
  const typesOf = columnTypesFromSchema(context.schema);
  const guarded = Readable.from(
    guardCsvRecords(stream, maxRecordBytes, ({ line, bytes, invalidAt }) =>
      context.onIssue?.(
        invalidAt !== undefined
          ? { kind: 'decode', location: `${context.label}:${line}`, message: `invalid UTF-8 at byte offset ${invalidAt} (line ${line}); skipped` }
          : { kind: 'oversized', location: `${context.label}:${line}`, message: `row of ${bytes} bytes is longer than ${maxRecordBytes} bytes; skipped` },
      ),
    ),
  );
  const parser = parse({
    columns: true,
    bom: true,
    delimiter: context.delimiter ?? ',',
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      const line = (error as { lines?: number } | undefined)?.lines;
      context.onIssue?.({
        kind: 'malformed',
        location: line === undefined ? context.label : `${context.label}:${line}`,
        message: `${error?.message ?? 'unreadable row'}; skipped`,
      });
    },
  });
  guarded.on('error', (error) => parser.destroy(error));
  guarded.pipe(parser);
  try {
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      // `fromEntries` defines members, so a column named `__proto__` stays a member, as JSON.parse keeps it.
      const cells = Object.entries(row).map(([column, text]) => [column, typeCell(text, typesOf(column))] as const);
      yield Object.fromEntries(cells.filter(([, value]) => value !== undefined));
    }
  } finally {
    guarded.destroy();
    stream.destroy();
  }
}
