import { posix } from 'node:path';
import { parseRegistryRef, REGISTRY_SCHEME, type RegistryRef } from './registry-ref.js';

/** What a `$ref` string may point to, decided from the text alone before anything is read. */
export type RefTarget =
  | { readonly kind: 'internal' }
  /** `path` is relative to the contract's folder, normalized, with forward slashes. */
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'registry'; readonly ref: RegistryRef }
  | { readonly kind: 'forbidden'; readonly reason: string };

export interface RefContext {
  /** Folder of the document holding the ref, relative to the contract's folder (`''` at its top). */
  readonly fromDir: string;
  /** Why file refs are refused here, or undefined when they are allowed. */
  readonly noFiles?: string;
  /** Why registry refs are refused here, or undefined when they are allowed. */
  readonly noRegistry?: string;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const RELATIVE_HINT = "refer to a file inside the contract's folder by a relative path like ./shared/money.schema.json";

function schemeReason(scheme: string): string {
  const lower = scheme.toLowerCase();
  if (lower === 'file') return `uses a file: URL; ${RELATIVE_HINT}`;
  if (lower === 'http' || lower === 'https') {
    return `points to the network, which Concord never reads: copy the schema into the contract's folder, or publish it and use ${REGISTRY_SCHEME}namespace.name@range`;
  }
  return `uses the unknown scheme "${scheme}:"; ${RELATIVE_HINT}, or use ${REGISTRY_SCHEME}namespace.name@range`;
}

/**
 * Classifies a `$ref`: internal (`#...`), a relative file inside the contract's folder, a
 * `registry:` reference, or forbidden with the reason (absolute paths, `..` escapes, `file:`,
 * `http(s):` and every other scheme). Throws ConcordError `ref-unresolved` for a malformed
 * `registry:` reference.
 */
export function classifyRef(ref: string, context: RefContext): RefTarget {
  if (ref === '' || ref.startsWith('#')) return { kind: 'internal' };
  if (ref.startsWith(REGISTRY_SCHEME)) {
    if (context.noRegistry !== undefined) return { kind: 'forbidden', reason: context.noRegistry };
    return { kind: 'registry', ref: parseRegistryRef(ref) };
  }
  if (/^[a-zA-Z]:[\\/]/.test(ref) || ref.startsWith('/') || ref.startsWith('\\')) {
    return { kind: 'forbidden', reason: `is an absolute path; ${RELATIVE_HINT}` };
  }
  const scheme = SCHEME.exec(ref)?.[1];
  if (scheme !== undefined) return { kind: 'forbidden', reason: schemeReason(scheme) };
  if (context.noFiles !== undefined) return { kind: 'forbidden', reason: context.noFiles };

  const hash = ref.indexOf('#');
  const rawPath = hash === -1 ? ref : ref.slice(0, hash);
  if (rawPath.includes('?')) return { kind: 'forbidden', reason: `has a query ("?"), which files do not; ${RELATIVE_HINT}` };
  if (rawPath.includes('\\')) return { kind: 'forbidden', reason: 'uses backslashes: separate folders with "/"' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'forbidden', reason: 'has a broken percent-escape' };
  }
  if (decoded.includes('\0')) return { kind: 'forbidden', reason: 'holds a NUL character' };
  const path = posix.normalize(posix.join(context.fromDir, decoded));
  if (path === '..' || path.startsWith('../') || posix.isAbsolute(path)) {
    return { kind: 'forbidden', reason: `leaves the contract's folder; ${RELATIVE_HINT}` };
  }
  if (path === '.' || path.endsWith('/')) return { kind: 'forbidden', reason: 'points to a folder, not a file' };
  return { kind: 'file', path };
}
