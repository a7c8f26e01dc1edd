/** JSON pointers (RFC 6901) as the document code uses them: `''` is the whole document. */

/** Escapes one key or index for use as a pointer segment. */
export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends segments to a pointer: `appendPointer('/metrics', 0, 'name')` is `/metrics/0/name`. */
export function appendPointer(pointer: string, ...segments: readonly (string | number)[]): string {
  return segments.reduce<string>((joined, segment) => `${joined}/${escapeSegment(segment)}`, pointer);
}

/**
 * Splits a pointer into unescaped segments; `undefined` for text that is not a pointer.
 * A leading `#` (URI fragment form) is accepted, with percent-escapes decoded.
 */
export function splitPointer(pointer: string): string[] | undefined {
  let text = pointer;
  if (text.startsWith('#')) {
    try {
      text = decodeURIComponent(text.slice(1));
    } catch {
      return undefined;
    }
  }
  if (text === '') return [];
  if (!text.startsWith('/')) return undefined;
  return text
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A pointer as people read it in messages: `owner.email`, `metrics[0].name`; the root is "the document". */
export function describePointer(pointer: string): string {
  const segments = splitPointer(pointer);
  if (segments === undefined || segments.length === 0) return 'the document';
  return segments.reduce((label, segment) => {
    if (/^(0|[1-9][0-9]*)$/.test(segment)) return `${label}[${segment}]`;
    return label === '' ? segment : `${label}.${segment}`;
  }, '');
}

/**
 * The value at `pointer` inside `root` (objects by own key, arrays by index), or undefined when the
 * pointer is malformed or leads nowhere. Only own members count: `/constructor` in a schema
 * without one leads nowhere, not to `Object`.
 */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  const segments = splitPointer(pointer);
  if (segments === undefined) return undefined;
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (typeof node === 'object' && node !== null && Object.hasOwn(node, segment)) node = (node as Readonly<Record<string, unknown>>)[segment];
    else return undefined;
  }
  return node;
}
