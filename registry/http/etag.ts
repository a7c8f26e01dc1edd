import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** A strong ETag of a response text: the first 128 bits of its SHA-256, so equal texts get equal tags in every process. */
export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 22)}"`;
}

/** Whether an `If-None-Match` header names `etag` (or `*`); weak tags compare by their opaque part, as RFC 9110 asks for GET. */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((each) => {
    const tag = each.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * Sends a JSON text with its ETag and `Cache-Control: no-cache` (clients keep it but ask again),
 * or 304 with no body when the request's `If-None-Match` already names that ETag. Marks such as a
 * yank change the text, so they change the tag.
 */
export function sendTaggedJson(req: Request, res: Response, text: string): void {
  const etag = etagOf(text);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'no-cache');
  if (matches(req.get('if-none-match'), etag)) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(text);
}
