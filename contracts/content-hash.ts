import { createHash } from 'node:crypto';
import { canonicalJson } from './diff/canonical-json.js';
import type { Contract } from './model.js';

/** Lowercase hex sha-256 of UTF-8 text. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The content hash of a contract: sha-256 of its canonical JSON, schema bundled. The registry
 * stores it with every published version; the checker computes it for local files the same way,
 * so a file that holds a published version has that version's hash. It covers the bundled schema
 * rather than the source text, so a re-publish is recognised as identical when only formatting
 * changed, and as different when a referenced schema file changed under an unchanged document.
 * The id is hashed under the document's own field name, `contract`, so hashes stay those of
 * versions stored before the model called it `id`.
 */
export function contractContentHash(contract: Contract): string {
  const { id, ...rest } = contract;
  return sha256Hex(canonicalJson({ ...rest, contract: id }));
}
