import express from 'express';
import type { Request, RequestHandler } from 'express';
import { ConcordError } from '../../contracts/index.js';
import { MAX_BODY_BYTES } from '../request/limits.js';

/**
 * Largest UI form post, in bytes. The impact preview posts a whole contract document, which the
 * API accepts up to MAX_BODY_BYTES; URL-encoding turns each byte into at most three (`%7B`), and
 * the other fields are a few short words. Bigger forms are refused before they are read.
 */
export const MAX_FORM_BYTES = 3 * MAX_BODY_BYTES + 4 * 1024;

/** Parses `application/x-www-form-urlencoded` posts up to {@link MAX_FORM_BYTES}; flat fields only. */
export const formBody: RequestHandler = express.urlencoded({ extended: false, limit: MAX_FORM_BYTES, parameterLimit: 20 });

/** A text field of a parsed form, or undefined; a field sent twice is refused. */
export function formField(req: Request, name: string): string | undefined {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ConcordError('invalid-argument', `the form field ${name} was sent more than once: reload the page and submit it again`);
  return value;
}
