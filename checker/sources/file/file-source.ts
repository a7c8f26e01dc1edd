import { Readable } from 'node:stream';
import { isConcordError } from '../../../contracts/index.js';
import type { FeedSource, OpenOptions } from '../../model.js';
import { ReadTracker } from '../read-tracker.js';
import { causeText, sourceUnavailable } from '../source-errors.js';
import { sniffed, type TextFormat } from '../text-sniff.js';
import { readCsv } from './csv-reader.js';
import { delimiterFromPath, formatFromPath, type FileFormat } from './file-format.js';
import type { FileReadContext } from './file-read-context.js';
import { expandGlob, hasGlob } from './glob.js';
import { readJsonArray } from './json-array-reader.js';
import { readJsonLines } from './jsonl-reader.js';
import { openFileStream } from './open-file-stream.js';
import { readParquet } from './parquet-reader.js';

export interface FileSourceOptions {
  /** A local path or glob (`data/*.jsonl.gz`, `exports/**\/*.csv`). */
  readonly path: string;
  /** Default: from the extension of each file (`.jsonl`/`.ndjson`, `.json`, `.csv`/`.tsv`, `.parquet`), `.gz` ignored. */
  readonly format?: FileFormat;
  /** For `json`: pointer to the records array inside each document; default the root. */
  readonly records?: string;
  /** For `csv`: field delimiter; default tab for `.tsv`, else `,`. */
  readonly delimiter?: string;
}

function streamFailure(description: string, path: string, error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  const hint =
    code === 'ENOENT'
      ? 'check the path and the working directory'
      : code === 'EACCES'
        ? 'check the file permissions'
        : code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR'
          ? 'the file is not valid gzip; check how it was compressed'
          : 'check the file';
  return sourceUnavailable(description, `cannot read ${path} (${causeText(error)})`, hint, error);
}

/**
 * Streams the records of one file in the given format. Text formats are sniffed first: a file that
 * is not the format at all (binary data, another encoding) is `unreadable-input`, not a feed of
 * malformed records.
 */
function readOne(path: string, format: FileFormat, context: FileReadContext, tracker: ReadTracker, stream: Readable | undefined): AsyncGenerator<unknown> {
  const text = (as: TextFormat): Readable => Readable.from(sniffed(stream as Readable, as, context.label), { objectMode: false });
  switch (format) {
    case 'jsonl':
      return readJsonLines(text('jsonl'), context);
    case 'json':
      return readJsonArray(text('json'), context);
    case 'csv':
      return readCsv(text('csv'), context);
    case 'parquet':
      return readParquet(path, () => tracker.remaining, (n) => tracker.addBytes(n));
  }
}

/**
 * A feed of local files: one path or a glob, read file by file in sorted order, gzip detected by
 * `.gz` or the magic bytes. Malformed, undecodable and oversized records are issues, never fatal; a
 * missing file or a glob that matches nothing is `source-unavailable`, and a file that is not its
 * format at all (binary data) is `unreadable-input`.
 */
export function createFileSource(options: FileSourceOptions): FeedSource {
  const description = `file ${options.path}`;
  return {
    description,
    open: (open: OpenOptions = {}) => readFiles(options, description, open),
  };
}

async function* readFiles(options: FileSourceOptions, description: string, open: OpenOptions): AsyncGenerator<unknown> {
  const tracker = new ReadTracker(open);
  const paths = await expandGlob(options.path);
  if (paths.length === 0) {
    throw sourceUnavailable(description, 'no files match', 'check the pattern and the working directory');
  }
  try {
    for (const path of paths) {
      if (tracker.done) return;
      const format = options.format ?? formatFromPath(path);
      if (format === undefined) {
        open.onIssue?.({ kind: 'decode', location: path, message: 'unknown file extension; skipped (set the source format)' });
        continue;
      }
      const context: FileReadContext = {
        label: hasGlob(options.path) ? path : options.path,
        onIssue: open.onIssue,
        schema: open.schema,
        records: options.records,
        delimiter: options.delimiter ?? delimiterFromPath(path),
      };
      let stream: Readable | undefined;
      try {
        if (format !== 'parquet') stream = await openFileStream(path, (n) => tracker.addBytes(n));
        for await (const record of readOne(path, format, context, tracker, stream)) {
          if (tracker.done) return;
          tracker.count();
          yield record;
          if (tracker.done) return;
        }
      } catch (error) {
        throw isConcordError(error) ? error : streamFailure(description, path, error);
      } finally {
        stream?.destroy();
      }
    }
  } finally {
    tracker.report();
  }
}
