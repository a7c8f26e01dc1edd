import type { FeedSource } from '../../model.js';
import { pointerTokens } from '../json-element-scanner.js';
import type { SpecReader } from '../spec-reader.js';
import { FILE_FORMATS, formatFromPath } from './file-format.js';
import { createFileSource } from './file-source.js';
import { hasGlob } from './glob.js';

/** `{ type: file, path, format?, records?, delimiter? }` -> a file source. */
export function fileSourceFromSpec(reader: SpecReader): FeedSource {
  const path = reader.string('path');
  const format = reader.oneOf('format', FILE_FORMATS);
  if (format === undefined && !hasGlob(path) && formatFromPath(path) === undefined) {
    reader.fail('format', `is needed: "${path}" has no known extension (.jsonl, .ndjson, .json, .csv, .tsv, .parquet, optionally .gz)`);
  }
  if ((format === 'parquet' || (format === undefined && formatFromPath(path) === 'parquet')) && path.endsWith('.gz')) {
    reader.fail('path', 'is a gzipped Parquet file: Parquet is compressed inside; store it without .gz');
  }
  const records = reader.optionalString('records');
  if (records !== undefined) {
    try {
      pointerTokens(records);
    } catch (error) {
      reader.fail('records', (error as Error).message);
    }
  }
  const delimiter = reader.optionalString('delimiter');
  if (delimiter !== undefined && delimiter.length !== 1) reader.fail('delimiter', 'must be one character');
  return createFileSource({ path, format, records, delimiter });
}
