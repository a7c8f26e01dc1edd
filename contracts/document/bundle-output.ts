import { MissingPointerError } from '@apidevtools/json-schema-ref-parser';
import type { ConcordError } from '../errors.js';
import { appendPointer } from './json-pointer.js';
import { isPrivateUrl, readable } from './private-urls.js';
import { siteError, type RefSite } from './ref-site.js';

/** A failure of the parser library itself (not of a Concord check), as a ConcordError at the schema. */
export function translateLibraryError(error: unknown, site: RefSite): ConcordError {
  const text = readable(error instanceof Error ? error.message : String(error));
  if (error instanceof MissingPointerError) {
    const hash = String(error.targetRef ?? '');
    const target = `${readable(String(error.source))}${hash.startsWith('#') ? hash : ''}`;
    return siteError('ref-unresolved', `the $ref to ${target} points to nothing ("${String(error.targetToken)}" does not exist there): fix the pointer or add the definition`, site, error);
  }
  if (error instanceof RangeError) return siteError('too-large', `the record schema's $refs nest too deeply to bundle: ${text}`, site, error);
  return siteError('ref-unresolved', `a $ref in the record schema could not be resolved: ${text}`, site, error);
}

/**
 * After bundling, refs the library wrote against the root's private URL become internal refs
 * again. Inside a subschema with its own `$id` a bare `#...` would mean that subschema, so there
 * the root's `$id` is used; without one the schema cannot be bundled faithfully.
 */
export function localizeRefs(schema: Record<string, unknown>, rootUrl: string, site: RefSite): void {
  const rootId = typeof schema.$id === 'string' ? schema.$id.split('#')[0] : undefined;
  const stack: { value: unknown; nested: boolean; pointer: string }[] = [{ value: schema, nested: false, pointer: site.pointer }];
  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry === undefined || entry.value === null || typeof entry.value !== 'object') continue;
    const node = entry.value as Record<string, unknown>;
    const nested = entry.nested || (node !== schema && typeof node.$id === 'string');
    for (const [key, child] of Object.entries(node)) stack.push({ value: child, nested, pointer: appendPointer(entry.pointer, key) });
    const ref = node.$ref;
    if (typeof ref !== 'string' || !isPrivateUrl(ref)) continue;
    const fragment = ref.startsWith(`${rootUrl}#`) ? ref.slice(rootUrl.length) : ref === rootUrl ? '#' : undefined;
    if (fragment !== undefined && !nested) {
      node.$ref = fragment;
    } else if (fragment !== undefined && rootId !== undefined) {
      node.$ref = `${rootId}${fragment}`;
    } else {
      const at = { ...site, pointer: appendPointer(entry.pointer, '$ref') };
      throw siteError(
        'invalid-schema',
        `a $ref at ${at.pointer} inside a subschema with its own $id points into a referenced file, which cannot be expressed once the files are bundled: give the record schema an $id, or drop the inner $id`,
        at,
      );
    }
  }
}
