import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** True when the file starts with the gzip magic bytes, whatever its name. */
async function startsWithGzipMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/**
 * A byte stream of the file's content, gunzipped when the name ends in `.gz` or the content
 * starts with the gzip magic bytes. `onRawBytes` counts bytes as stored on disk (for progress).
 * Destroying the returned stream closes the file.
 */
export async function openFileStream(path: string, onRawBytes?: (n: number) => void): Promise<Readable> {
  const gzip = path.endsWith('.gz') || (await startsWithGzipMagic(path));
  const raw = createReadStream(path);
  if (onRawBytes !== undefined) raw.on('data', (chunk: Buffer | string) => onRawBytes(chunk.length));
  if (!gzip) return raw;
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  gunzip.on('close', () => raw.destroy());
  return raw.pipe(gunzip);
}
