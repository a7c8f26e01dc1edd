/*
 * A contract's record schema may carry real-looking values of personal data: `examples` of an
 * e-mail field, an `enum` of names, a `default` phone number. Whatever the MCP server hands a model
 * can end up in its context, its logs and its answers, so every value written under a field marked
 * `pii: true` (or `x-pii: true`) is removed before a schema or document leaves the server.
 */

/** Keywords that hold literal record values rather than rules about them. */
export const VALUE_KEYWORDS: readonly string[] = Object.freeze(['examples', 'example', 'default', 'enum', 'const']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function markedPii(node: Json | undefined): boolean {
  return isObject(node) && (node['pii'] === true || node['x-pii'] === true);
}

/** Combinators whose members describe the same value as the node holding them. */
const SAME_VALUE_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;

/**
 * Whether a node describes a pii value: marked itself, or through what it combines, so
 * `{ $ref: '#/definitions/email', examples: [...] }` with a pii definition, or an `allOf` with a
 * pii member, count too (as listFields merges them). Follows one step, which is how such marks are written.
 */
function isPii(root: Json, node: { readonly [key: string]: Json }): boolean {
  if (markedPii(node)) return true;
  const ref = node['$ref'];
  if (typeof ref === 'string' && markedPii(resolveInternal(root, ref))) return true;
  return SAME_VALUE_KEYWORDS.some((keyword) => {
    const members = node[keyword];
    return Array.isArray(members) && members.some(markedPii);
  });
}

/** The node an internal `#/...` reference points at in `root`, or undefined. */
function resolveInternal(root: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#')) return undefined;
  const text = decodeURIComponent(ref.slice(1));
  if (text === '') return root;
  if (!text.startsWith('/')) return undefined;
  let node: Json | undefined = root;
  for (const raw of text.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/**
 * Removes value keywords in place below every pii-marked node, following internal references out
 * of pii fields so a shared `definitions/email` loses its examples too (for every field using it:
 * erring towards hiding). `seen` keeps reference cycles and shared nodes from being walked twice.
 */
function strip(root: Json, node: Json, insidePii: boolean, seen: Set<object>): void {
  if (Array.isArray(node)) {
    for (const item of node) strip(root, item, insidePii, seen);
    return;
  }
  if (!isObject(node)) return;
  const pii = insidePii || isPii(root, node);
  if (pii) {
    if (seen.has(node)) return;
    seen.add(node);
    for (const keyword of VALUE_KEYWORDS) delete node[keyword];
    const ref = node['$ref'];
    if (typeof ref === 'string') {
      const target = resolveInternal(root, ref);
      if (target !== undefined) strip(root, target, true, seen);
    }
  }
  for (const value of Object.values(node)) strip(root, value, pii, seen);
}

/** A copy of a record schema (or any JSON holding one) without literal values of pii fields; `value` is untouched. */
export function redactPiiValues<T>(value: T): T {
  const copy = structuredClone(value) as Json;
  strip(copy, copy, false, new Set());
  return copy as T;
}

/**
 * A copy of a contract document whose record schema (`schema`) has no literal values of pii
 * fields. Other parts of the document hold no record values and are kept as they are.
 */
export function redactDocument(document: unknown): unknown {
  if (!isObject(document) || document['schema'] === undefined) return document;
  return { ...document, schema: redactPiiValues(document['schema']) };
}
