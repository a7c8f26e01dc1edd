import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { toJsonValue } from '../to-json-value.js';

/**
 * Records of a Parquet file, read one row group at a time (hyparquet reads a row group's column
 * chunks together, so memory holds one row group, never the whole file). `wanted` stops the
 * read early: only the rows still wanted are decoded. Values become JSON (`toJsonValue`): INT64
 * -> number when safe else decimal string, timestamps -> ISO strings, bytes -> base64.
 * Codecs: uncompressed, snappy and the others hyparquet decodes without extra packages.
 */
export async function* readParquet(path: string, wanted: () => number, onBytes?: (n: number) => void): AsyncGenerator<unknown> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    const want = wanted();
    if (want <= 0) return;
    const rowEnd = rowStart + Math.min(rows, want);
    const objects = await parquetReadObjects({ file, metadata, rowStart, rowEnd });
    onBytes?.(Number(group.total_byte_size));
    for (const row of objects) yield toJsonValue(row);
    rowStart += rows;
  }
}
