import { createHash } from 'node:crypto';

/** Hex characters kept from the SHA-256: 64 bits make an accidental collision among one contract's findings vanishingly rare while staying short in alerts and URLs. */
export const FINGERPRINT_LENGTH = 16;

/**
 * A stable identity for a finding, built from the parts that say *what* is wrong and *where*
 * (rule id, contract, source, field path, keyword) and never from counts or observed values, so
 * the same problem seen in two runs has the same fingerprint and alerts can tell new from known.
 *
 * Parts are hashed as a JSON array, so `['a', 'bc']` and `['ab', 'c']` differ; `undefined` parts
 * hash as `null`, order matters. Returns {@link FINGERPRINT_LENGTH} lowercase hex characters.
 */
export function fingerprint(parts: readonly (string | number | boolean | null | undefined)[]): string {
  const text = JSON.stringify(parts.map((part) => (part === undefined ? null : part)));
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, FINGERPRINT_LENGTH);
}

/**
 * The fingerprint of an engine finding (a change between versions): its rule, the contract and
 * the JSON pointer, never the values, so the same change in `concord diff`, `concord publish`
 * and its dry run has one fingerprint that `.concord/rules.yaml` can accept.
 */
export function changeFingerprint(contract: string | undefined, finding: { readonly rule: string; readonly path: string }): string {
  return fingerprint(['change', finding.rule, contract, finding.path]);
}
