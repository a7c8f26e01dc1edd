import { appendPointer as appendEscaped, splitPointer } from '../document/json-pointer.js';
import { ConcordError } from '../errors.js';
import type { JsonSchema } from '../model.js';
import { frozenKey } from './subtree-key.js';
import type { SubtreeKey } from './subtree-key.js';

/** One of the two schemas being compared; `$ref`s resolve inside it. */
export interface SchemaDocument {
  /** `before` or `after`: keeps memo keys of the two documents apart. */
  readonly id: string;
  readonly root: JsonSchema;
  /** The root is frozen all the way down, so what is derived from the document may be kept (default false). */
  readonly frozen?: boolean;
}

/** A schema object or boolean at a pointer of a document. */
export interface NodeRef {
  readonly doc: SchemaDocument;
  readonly pointer: string;
  readonly value: JsonSchema;
  /** Identity for memoization: document, pointer and whether `$ref` was taken out. */
  readonly key: string;
  /**
   * The subtree key of `value` in a frozen document, taken once when the node is made: the engine
   * compares slots by it (see DiffSession.diffSlots) without a lookup per comparison.
   */
  readonly subtree?: SubtreeKey;
}

/** Appends segments to a pointer, skipping the escaping work for the common plain segment. */
export function appendPointer(pointer: string, ...segments: readonly (string | number)[]): string {
  let out = pointer;
  for (const segment of segments) {
    out = typeof segment === 'number' || !/[~/]/.test(segment) ? `${out}/${segment}` : appendEscaped(out, segment);
  }
  return out;
}

/** A JSON object (not an array, not null). */
export function isSchemaObject(value: unknown): value is { readonly [key: string]: unknown } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The node at `pointer` of `doc`, holding `value`. */
export function nodeAt(doc: SchemaDocument, pointer: string, value: JsonSchema): NodeRef {
  const key = `${doc.id}:${pointer}`;
  if (doc.frozen !== true) return { doc, pointer, value, key };
  const subtree = frozenKey(value);
  return subtree === undefined ? { doc, pointer, value, key } : { doc, pointer, value, key, subtree };
}

/** The document's root schema as a node. */
export function rootNode(doc: SchemaDocument): NodeRef {
  return nodeAt(doc, '', doc.root);
}

/** The node's keywords other than its reference, as a node of its own (same place, different identity). */
export function withoutRef(node: NodeRef, keyword: string): NodeRef {
  const rest = Object.fromEntries(Object.entries(node.value as object).filter(([key]) => key !== keyword));
  return { doc: node.doc, pointer: node.pointer, value: rest, key: `${node.key}!ref` };
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isSchemaObject(current)) current = Object.hasOwn(current, segment) ? current[segment] : undefined;
    else return undefined;
  }
  return current;
}

function isJsonSchema(value: unknown): value is JsonSchema {
  return typeof value === 'boolean' || isSchemaObject(value);
}

interface IdentifierIndex {
  /** Plain-name fragments (`$anchor`, `$dynamicAnchor`, draft-07 `$id: "#name"`) to pointers. */
  readonly anchors: Map<string, string>;
  /** `$id` URIs (as written, and resolved against the root's `$id` when that is absolute) to pointers. */
  readonly ids: Map<string, string>;
}

const INDEXES = new WeakMap<SchemaDocument, IdentifierIndex>();

function absolute(uri: string, base: string | undefined): string | undefined {
  try {
    return new URL(uri, base).href.replace(/#$/, '');
  } catch {
    return undefined;
  }
}

function indexOf(doc: SchemaDocument): IdentifierIndex {
  const cached = INDEXES.get(doc);
  if (cached !== undefined) return cached;
  const index: IdentifierIndex = { anchors: new Map(), ids: new Map() };
  const rootId = isSchemaObject(doc.root) && typeof doc.root['$id'] === 'string' ? absolute(doc.root['$id'], undefined) : undefined;
  const visit = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) {
      value.forEach((entry, position) => visit(entry, appendPointer(pointer, position)));
      return;
    }
    if (!isSchemaObject(value)) return;
    for (const keyword of ['$anchor', '$dynamicAnchor']) {
      const name = value[keyword];
      if (typeof name === 'string' && !index.anchors.has(name)) index.anchors.set(name, pointer);
    }
    for (const keyword of ['$id', 'id']) {
      const id = value[keyword];
      if (typeof id !== 'string') continue;
      if (id.startsWith('#')) {
        if (!index.anchors.has(id.slice(1))) index.anchors.set(id.slice(1), pointer);
      } else {
        index.ids.set(id.replace(/#$/, ''), pointer);
        const resolved = absolute(id, rootId);
        if (resolved !== undefined) index.ids.set(resolved, pointer);
      }
    }
    for (const [key, entry] of Object.entries(value)) {
      // `enum`, `const`, `default` and `examples` hold data, not schemas: their `$id`s are no identifiers.
      if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
      visit(entry, appendPointer(pointer, key));
    }
  };
  visit(doc.root, '');
  INDEXES.set(doc, index);
  return index;
}

/** Resolves a fragment (`#/definitions/a`, `#name`, `#`) inside the resource rooted at `base`. */
function resolveFragment(doc: SchemaDocument, base: string, fragment: string, ref: string, from: string): NodeRef {
  const segments = fragment === '' || fragment.startsWith('/') ? splitPointer(`#${fragment}`) : undefined;
  let pointer: string | undefined;
  if (segments !== undefined) {
    const baseSegments = splitPointer(base) ?? [];
    pointer = appendPointer(base, ...segments);
    const value = valueAt(doc.root, [...baseSegments, ...segments]);
    if (isJsonSchema(value)) return nodeAt(doc, pointer, value);
  } else {
    pointer = indexOf(doc).anchors.get(decodeURIComponent(fragment));
    if (pointer !== undefined) {
      const value = valueAt(doc.root, splitPointer(pointer) ?? []);
      if (isJsonSchema(value)) return nodeAt(doc, pointer, value);
    }
  }
  throw new ConcordError(
    'ref-unresolved',
    `$ref "${ref}" at ${from === '' ? 'the schema root' : from} (${doc.id} schema) points to nothing: add the definition or fix the reference`,
    { pointer: from },
  );
}

/** Pointer of the innermost embedded resource (a sub-schema with a URI `$id`) holding `from`; `''` for the document. */
function resourceBase(doc: SchemaDocument, from: string): string {
  let base = '';
  let current: unknown = doc.root;
  const segments = splitPointer(from) ?? [];
  let pointer = '';
  for (const segment of segments) {
    current = Array.isArray(current) ? current[Number(segment)] : isSchemaObject(current) && Object.hasOwn(current, segment) ? current[segment] : undefined;
    pointer = appendPointer(pointer, segment);
    if (isSchemaObject(current) && typeof current['$id'] === 'string' && !current['$id'].startsWith('#')) base = pointer;
  }
  return base;
}

/**
 * Resolves a `$ref` found at `from`. Internal references (`#...`, and URIs matching an `$id` of
 * the document) give the target node; any other reference gives `undefined`, and the caller
 * compares it as opaque text. A reference into the document that finds nothing is a fault.
 */
export function resolveRef(doc: SchemaDocument, ref: string, from: string): NodeRef | undefined {
  const hash = ref.indexOf('#');
  const uri = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  if (uri === '') return resolveFragment(doc, resourceBase(doc, from), fragment, ref, from);
  const index = indexOf(doc);
  const rootId = isSchemaObject(doc.root) && typeof doc.root['$id'] === 'string' ? doc.root['$id'] : undefined;
  const target = index.ids.get(uri) ?? index.ids.get(absolute(uri, rootId !== undefined ? absolute(rootId, undefined) : undefined) ?? uri);
  if (target === undefined) return undefined;
  return resolveFragment(doc, target, fragment, ref, from);
}
