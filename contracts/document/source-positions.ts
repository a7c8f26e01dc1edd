import { splitPointer } from './json-pointer.js';

/** A 1-based line and column in a source text; columns count UTF-16 code units. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Maps a JSON pointer to where it starts in the source, or its nearest existing ancestor. */
export type Locate = (pointer: string) => SourcePosition | undefined;

/** Turns character offsets into 1-based line and column by binary search over line starts. */
export function createLineIndex(text: string): (offset: number) => SourcePosition {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    lineStarts.push(index + 1);
  }
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
}

/**
 * Where each value of a parsed JSON text starts: for an object member the offset of its key, for
 * an array element the offset of the element. Children are keyed by member name or index.
 */
export interface PositionNode {
  readonly offset: number;
  children?: Map<string, PositionNode>;
}

/** A `Locate` over a position tree: follows the pointer as far as it exists. */
export function locateInTree(root: PositionNode, toPosition: (offset: number) => SourcePosition): Locate {
  return (pointer) => {
    const segments = splitPointer(pointer);
    if (segments === undefined) return undefined;
    let node = root;
    for (const segment of segments) {
      const child = node.children?.get(segment);
      if (child === undefined) break;
      node = child;
    }
    return toPosition(node.offset);
  };
}
