import { ConcordError } from '../../contracts/index.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../client/index.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

export interface PageRequest {
  /** Rows to return, 1..{@link MAX_PAGE_SIZE}; defaults to {@link DEFAULT_PAGE_SIZE}. */
  readonly limit?: number;
  /** Rows to skip; defaults to 0. */
  readonly offset?: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Rows matching the filters across all pages. */
  readonly total: number;
}

/** Validates a page request and fills in its defaults. */
export function pageOf(request: PageRequest): { readonly limit: number; readonly offset: number } {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  const offset = request.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ConcordError('invalid-argument', `limit ${limit} is out of range: ask for 1 to ${MAX_PAGE_SIZE} rows and page with offset`);
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ConcordError('invalid-argument', `offset ${offset} is not a whole number of rows to skip: use 0 or more`);
  }
  return { limit, offset };
}
