import { ConcordError, type ConcordErrorCode } from '../errors.js';
import type { Locate } from './source-positions.js';

/** Where a `$ref` (or the schema holding it) sits: for error details with file, pointer and position. */
export interface RefSite {
  readonly file?: string;
  readonly pointer: string;
  readonly locate?: Locate;
}

/** A site at `pointer` in the document that `origin` describes. */
export function siteAt(pointer: string, origin: { readonly file?: string; readonly locate?: Locate }): RefSite {
  return {
    pointer,
    ...(origin.file !== undefined ? { file: origin.file } : {}),
    ...(origin.locate !== undefined ? { locate: origin.locate } : {}),
  };
}

/** A ConcordError whose detail names the site's file, pointer, line and column. */
export function siteError(code: ConcordErrorCode, message: string, site: RefSite, cause?: unknown): ConcordError {
  const position = site.locate?.(site.pointer);
  return new ConcordError(
    code,
    message,
    { ...(site.file !== undefined ? { file: site.file } : {}), pointer: site.pointer, ...(position ?? {}) },
    { cause },
  );
}
