import type { Request } from 'express';
import { ConcordError } from '../../contracts/index.js';
import type { TextFormat } from '../../contracts/index.js';
import { MAX_BODY_BYTES } from '../request/limits.js';

/** A request body as text, with the format its content type names (undefined: tell by content). */
export interface BodyText {
  readonly text: string;
  readonly format?: TextFormat;
}

const FORMAT_BY_TYPE: Readonly<Record<string, TextFormat | 'sniff'>> = {
  'application/json': 'json',
  'application/yaml': 'yaml',
  'application/x-yaml': 'yaml',
  'text/yaml': 'yaml',
  'text/x-yaml': 'yaml',
  'text/plain': 'sniff',
};

function formatOf(contentType: string | undefined): TextFormat | undefined {
  if (contentType === undefined) return undefined;
  const type = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  const format = FORMAT_BY_TYPE[type] ?? (type.endsWith('+json') ? 'json' : undefined);
  if (format === undefined) {
    throw new ConcordError('unreadable-input', `content type ${type} is not accepted: send the body as application/json or application/yaml`);
  }
  return format === 'sniff' ? undefined : format;
}

function tooLarge(limit: number): ConcordError {
  return new ConcordError('too-large', `the request body is larger than ${limit} bytes: split the schema into smaller contracts and use registry: refs between them`);
}

/**
 * Reads a request body as UTF-8 text, refusing it with ConcordError `too-large` as soon as its
 * declared length or the bytes received pass `limit` (default {@link MAX_BODY_BYTES}), before it
 * is all read; `unreadable-input` for an unaccepted content type or text that is not UTF-8.
 */
export async function readBodyText(req: Request, limit: number = MAX_BODY_BYTES): Promise<BodyText> {
  const format = formatOf(req.headers['content-type']);
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    // Not destroyed: the socket must stay open for the 413 answer. Pausing stops reading; the
    // error handler closes the connection after answering.
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) {
        stop();
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (error: Error): void => {
      stop();
      reject(new ConcordError('unreadable-input', `the request body could not be read: ${error.message}`, {}, { cause: error }));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch (error) {
    throw new ConcordError('unreadable-input', 'the request body is not UTF-8 text: send it encoded as UTF-8', {}, { cause: error });
  }
  return format === undefined ? { text } : { text, format };
}
