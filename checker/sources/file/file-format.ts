/** The file formats the file source reads. */
export type FileFormat = 'jsonl' | 'json' | 'csv' | 'parquet';

export const FILE_FORMATS: readonly FileFormat[] = ['jsonl', 'json', 'csv', 'parquet'];

const BY_EXTENSION: Readonly<Record<string, FileFormat>> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.jsonlines': 'jsonl',
  '.json': 'json',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
};

/** The format a file name implies (a trailing `.gz` is ignored), or undefined for unknown extensions. */
export function formatFromPath(path: string): FileFormat | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  const dot = name.lastIndexOf('.');
  return dot === -1 ? undefined : BY_EXTENSION[name.slice(dot)];
}

/** Tab for `.tsv` files, comma otherwise. */
export function delimiterFromPath(path: string): string {
  return path.toLowerCase().replace(/\.gz$/, '').endsWith('.tsv') ? '\t' : ',';
}
