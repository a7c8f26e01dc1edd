import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { toJsonValue } from '../to-json-value.js';

/**
 * A damaged file, in words: the parser's own errors for a truncated or corrupted file are its
 * internals ("Cannot read properties of undefined (reading 'map')"), so they stay in the cause.
 */
function damaged(what: string, cause: unknown): Error {
  return new Error(`not a readable Parquet file: ${what}; check that it was written completely`, { cause });
}

/** The file's footer metadata; a missing, truncated or corrupted footer is one clear error. */
async function readMetadata(file: AsyncBuffer): Promise<FileMetaData> {
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw damaged('its footer (the file metadata) is missing or damaged', error);
  }
  if (!Array.isArray(metadata.row_groups) || !Array.isArray(metadata.schema)) {
    throw damaged('its footer (the file metadata) lists no schema or row groups', undefined);
  }
  return metadata;
}

/**
 * Records of a Parquet file, read one row group at a time (hyparquet reads a row group's column
 * chunks together, so memory holds one row group, never the whole file). `wanted` stops the
 * read early: only the rows still wanted are decoded. Values become JSON (`toJsonValue`): INT64
 * -> number when safe else decimal string, timestamps -> ISO strings, bytes -> base64.
 * Codecs: uncompressed, snappy and the others hyparquet decodes without extra packages.
 */
export async function* readParquet(path: string, wanted: () => number, onBytes?: (n: number) => void): AsyncGenerator<unknown> {
  const file = await asyncBufferFromFile(path);
  const metadata = await readMetadata(file);
  let rowStart = 0;
  for (const [index, group] of metadata.row_groups.entries()) {
    const rows = Number(group.num_rows);
    const want = wanted();
    if (want <= 0) return;
    const rowEnd = rowStart + Math.min(rows, want);
    let objects: readonly unknown[];
    try {
      objects = await parquetReadObjects({ file, metadata, rowStart, rowEnd });
    } catch (error) {
      throw damaged(`row group ${index} (rows ${rowStart} to ${rowStart + rows - 1}) cannot be decoded`, error);
    }
    onBytes?.(Number(group.total_byte_size));
    for (const row of objects) yield toJsonValue(row);
    rowStart += rows;
  }
}
