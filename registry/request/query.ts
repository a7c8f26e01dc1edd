import type { Request } from 'express';
import { requireValidName, ConcordError } from '../../contracts/index.js';
import type { NameKind } from '../../contracts/index.js';
import { NUL_REFUSAL } from './nul-refusal.js';

/** A query parameter given once, or undefined; repeated parameters are refused. */
export function queryText(req: Request, name: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ConcordError('invalid-argument', `query parameter ${name} must be given once, as plain text`);
  if (value.includes('\u0000')) throw new ConcordError('invalid-argument', `query parameter ${name} ${NUL_REFUSAL}`);
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
  if (value.includes('\u0000')) throw new ConcordError('invalid-argument', `the URL's ${name} ${NUL_REFUSAL}`);
  return value;
}

/**
 * A route parameter that must be a name of `kind` (a contract id, a consumer name): ConcordError
 * `invalid-argument` quoting the rule otherwise, so a name that can never exist is told apart from
 * one that does not exist yet.
 */
export function nameParam(req: Request, name: string, kind: NameKind): string {
  const value = param(req, name);
  requireValidName(kind, value, 'the URL');
  return value;
}
