import type { Request } from 'express';
import { ConcordError } from '../../contracts/errors.js';

/** A query parameter given once, or undefined; repeated parameters are refused. */
export function queryText(req: Request, name: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ConcordError('invalid-argument', `query parameter ${name} must be given once, as plain text`);
  return value;
}

/** A whole-number query parameter, or undefined. */
export function queryInteger(req: Request, name: string): number | undefined {
  const text = queryText(req, name);
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,9}$/.test(text)) throw new ConcordError('invalid-argument', `query parameter ${name}=${text.slice(0, 20)} is not a whole number: write it like ${name}=50`);
  return Number(text);
}

/** `limit` and `offset`, for paged lists. */
export function pageQuery(req: Request): { readonly limit?: number; readonly offset?: number } {
  const limit = queryInteger(req, 'limit');
  const offset = queryInteger(req, 'offset');
  return { ...(limit === undefined ? {} : { limit }), ...(offset === undefined ? {} : { offset }) };
}

/** A route parameter; express always sets the ones its path names. */
export function param(req: Request, name: string): string {
  const value = (req.params as Record<string, string | undefined>)[name];
  if (value === undefined) throw new ConcordError('internal', `route parameter ${name} is missing`);
  return value;
}
