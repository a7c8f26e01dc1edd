import { ConcordError } from '../errors.js';
import { MAX_DIFF_DEPTH } from './diff-limits.js';
import { appendPointer, isSchemaObject, nodeAt, resolveRef, withoutRef } from './schema-document.js';
import type { NodeRef } from './schema-document.js';
import { fillFragment, invalidSchema, isSchema, slot } from './schema-fragment.js';
import { emptyShape } from './schema-shape.js';
import type { MutableShape, Shape, Slot } from './schema-shape.js';
import { mergeInto } from './shape-merge.js';

/**
 * Normalizing sub-schemas into shapes: following `$ref`s and `allOf`, merging conjuncts, and
 * keeping `anyOf`/`oneOf`/`not` as groups to compare apart.
 */

const REF_KEYWORDS = ['$ref', '$recursiveRef', '$dynamicRef'] as const;

/** Keywords that hold other schemas or metadata for the document, not rules for the value. */
const CONTAINER_KEYWORDS = new Set(['$defs', 'definitions', '$schema', '$comment', '$vocabulary']);

function tooDeep(node: NodeRef): ConcordError {
  return new ConcordError(
    'too-large',
    `schema nests more than ${MAX_DIFF_DEPTH} levels of allOf/$ref at ${node.pointer || 'the root'} (${node.doc.id} schema): flatten the schema`,
    { pointer: node.pointer },
  );
}

/** Shapes nothing was merged into yet: their first fragment is taken as it is, without a merge. */
const BLANK = new WeakSet<Shape>();

/**
 * Adds a node's conjuncts to the shape. `seen` holds the nodes already followed through `$ref`,
 * `allOf` or a single-branch `anyOf`/`oneOf`: meeting one again is a cycle, whose conjuncts are
 * already in the shape. It is made on the first such step, since most nodes take none.
 */
function addNode(shape: MutableShape, node: NodeRef, seen: Set<string> | undefined, depth: number, keys: string[]): void {
  if (seen?.has(node.key) === true) return;
  if (depth > MAX_DIFF_DEPTH) throw tooDeep(node);
  const follow = (): Set<string> => (seen ?? new Set<string>()).add(node.key);
  const schema = node.value;
  if (schema === true) return;
  if (schema === false) {
    keys.push(node.key);
    BLANK.delete(shape);
    shape.unsatisfiable ??= node.pointer;
    return;
  }
  if (!isSchemaObject(schema)) throw invalidSchema(node, node.pointer);
  let refKeyword: string | undefined;
  for (const keyword of REF_KEYWORDS) if (typeof schema[keyword] === 'string') refKeyword = keyword;
  if (refKeyword !== undefined) {
    const ref = schema[refKeyword] as string;
    const target = resolveRef(node.doc, ref, node.pointer);
    if (target !== undefined) addNode(shape, target, follow(), depth + 1, keys);
    else {
      keys.push(node.key);
      BLANK.delete(shape);
      shape.opaqueRefs = [...shape.opaqueRefs, { value: ref, at: appendPointer(node.pointer, refKeyword) }];
    }
    addNode(shape, withoutRef(node, refKeyword), follow(), depth + 1, keys);
    return;
  }
  if (Object.keys(schema).some((keyword) => !CONTAINER_KEYWORDS.has(keyword))) keys.push(node.key);
  if (BLANK.has(shape)) {
    fillFragment(shape, node);
    BLANK.delete(shape);
  } else if (!mergeInto(shape, fillFragment(emptyShape(node.key, node.pointer), node))) {
    shape.extras = [...shape.extras, shapeOf([node], node.pointer)];
    return;
  }
  const allOf = schema['allOf'];
  if (Array.isArray(allOf)) {
    const next = follow();
    allOf.forEach((branch, position) => {
      if (isSchema(branch)) addNode(shape, nodeAt(node.doc, appendPointer(node.pointer, 'allOf', position), branch), next, depth + 1, keys);
    });
  }
  for (const kind of ['anyOf', 'oneOf'] as const) {
    const list = schema[kind];
    if (!Array.isArray(list) || list.length === 0) continue;
    const branches = list.flatMap((_, position) => slot(node, kind, position) ?? []);
    const [only] = branches;
    if (branches.length === 1 && only !== undefined) {
      for (const branch of only.nodes) addNode(shape, branch, follow(), depth + 1, keys);
    } else if (kind === 'oneOf' || !list.some((branch) => branch === true || (isSchemaObject(branch) && Object.keys(branch).length === 0))) {
      shape.groups = [...shape.groups, { kind, branches, at: appendPointer(node.pointer, kind) }];
    }
  }
  const negated = slot(node, 'not');
  if (negated !== undefined) shape.nots = [...shape.nots, negated];
}

function finish(shape: MutableShape): Shape {
  if (shape.unsatisfiable === undefined && shape.types !== undefined && shape.types.value.size === 0) shape.unsatisfiable = shape.types.at;
  if (shape.unsatisfiable === undefined && shape.enumValues !== undefined && shape.enumValues.value.length === 0) shape.unsatisfiable = shape.enumValues.at;
  return shape;
}

/**
 * Shapes of single nodes of frozen documents, computed once per node: such a node's shape
 * cannot change, and shapes are never edited once built. Nodes of other documents are not
 * kept: they live for one comparison, and weak maps full of short-lived keys cost the
 * garbage collector more than normalizing again does.
 */
const SHAPES = new WeakMap<NodeRef, Shape>();
const KEPT = new WeakSet<Shape>();

/**
 * Normalizes the conjunction of `nodes` (empty: `true`) into one shape. `at` is used as the
 * shape's place when there are no nodes. The shape of one node is computed once and shared.
 */
export function shapeOf(nodes: readonly NodeRef[], at: string): Shape {
  const [only] = nodes;
  if (nodes.length !== 1 || only?.doc.frozen !== true) return buildShape(nodes, at);
  let shape = SHAPES.get(only);
  if (shape === undefined) {
    shape = buildShape(nodes, at);
    SHAPES.set(only, shape);
    KEPT.add(shape);
  }
  return shape;
}

/** Whether the shape is kept for reuse (it belongs to a frozen document), so facts about it are worth keeping too. */
export function isKeptShape(shape: Shape): boolean {
  return KEPT.has(shape);
}

function buildShape(nodes: readonly NodeRef[], at: string): Shape {
  const shape = emptyShape('true', nodes[0]?.pointer ?? at);
  BLANK.add(shape);
  // The key names the nodes that gave keywords, after `$ref`s: two references to one definition share it.
  const keys: string[] = [];
  for (const node of nodes) addNode(shape, node, undefined, 0, keys);
  if (keys.length > 0) shape.key = keys.join('&');
  return finish(shape);
}

/** The shape of a slot. */
export function slotShape(entry: Slot): Shape {
  return shapeOf(entry.nodes, entry.at);
}

/** The conjunction of two shapes (for comparing a branch or a `then` in the context of its parent). */
export function conjoin(first: Shape, second: Shape): Shape {
  const shape: MutableShape = { ...first, key: `${first.key}&${second.key}` };
  if (!mergeInto(shape, second)) shape.extras = [...shape.extras, second];
  return finish(shape);
}

/** The shape without its `anyOf`/`oneOf` groups (their conjunction with the rest is compared apart). */
export function withoutGroups(shape: Shape): Shape {
  return { ...shape, groups: [], key: `${shape.key}!groups` };
}

/** The shape without its `if`/`then`/`else`. */
export function withoutConditional(shape: Shape): Shape {
  return { ...shape, conditional: undefined, key: `${shape.key}!if` };
}
