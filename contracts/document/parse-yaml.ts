import {
  Composer,
  LineCounter,
  Parser,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type CST,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  type YAMLError,
} from 'yaml';
import { ConcordError, type ConcordErrorCode } from '../errors.js';
import { splitPointer } from './json-pointer.js';
import { MAX_NESTING_DEPTH, MAX_YAML_ALIAS_COUNT, MAX_YAML_BYTES } from './limits.js';
import { toPlainTree } from './plain-tree.js';
import type { Locate, SourcePosition } from './source-positions.js';

/** A parsed YAML document with the position of every value. */
export interface ParsedYaml {
  readonly value: unknown;
  readonly locate: Locate;
}

/** YAML 1.2 core schema only: no custom tags, no `<<` merge keys, duplicate keys are errors. */
const YAML_OPTIONS: Readonly<ParseOptions & DocumentOptions & SchemaOptions> = Object.freeze({
  version: '1.2',
  schema: 'core',
  customTags: [],
  merge: false,
  // The library compares every key with every other (quadratic); keys are checked in one pass below.
  uniqueKeys: false,
  strict: true,
  prettyErrors: false,
});

const COLLECTION_TYPES = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * The deepest collection in the syntax tree, found without recursion and before the composer
 * (which recurses, and on a few thousand levels of `- - -` exhausts memory) ever sees it.
 * Returns the offset of the first collection past the limit, or undefined.
 */
function findTooDeep(tokens: readonly CST.Token[]): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry === undefined) break;
    const { token } = entry;
    let depth = entry.depth;
    if (COLLECTION_TYPES.has(token.type)) {
      depth += 1;
      if (depth > MAX_NESTING_DEPTH) return token.offset;
    }
    const children: unknown[] = [];
    if (token.type === 'document') children.push(token.value);
    if ('items' in token && Array.isArray(token.items)) {
      for (const item of token.items as readonly CST.CollectionItem[]) children.push(item.key, item.value);
    }
    for (const child of children) {
      if (child !== null && typeof child === 'object' && 'type' in child) stack.push({ token: child as CST.Token, depth });
    }
  }
  return undefined;
}

function locateIn(document: Document.Parsed, toPosition: (offset: number) => SourcePosition): Locate {
  return (pointer) => {
    const segments = splitPointer(pointer);
    if (segments === undefined) return undefined;
    let node: unknown = document.contents;
    let offset = document.contents?.range[0] ?? 0;
    for (const segment of segments) {
      if (isAlias(node)) node = node.resolve(document);
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
        if (pair === undefined || !isScalar(pair.key)) break;
        offset = pair.key.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && /^(0|[1-9][0-9]*)$/.test(segment)) {
        const item: unknown = node.items[Number(segment)];
        if (item === undefined || item === null) break;
        offset = (item as { range?: readonly number[] }).range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return toPosition(offset);
  };
}

/** A key problem: a key that is not plain text, or the same key twice in one mapping. */
function findKeyProblem(document: Document.Parsed): { message: string; offset: number } | undefined {
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isMap(node)) {
      const keys = new Map<string, number>();
      for (const pair of node.items) {
        const offset = (pair.key as { range?: readonly number[] } | null)?.range?.[0] ?? node.range?.[0] ?? 0;
        if (!isScalar(pair.key) || pair.key.value === null) {
          return { message: 'a mapping key must be plain text, not a list, a mapping, an alias or nothing', offset };
        }
        const key = String(pair.key.value);
        if (keys.has(key)) return { message: `duplicate key ${JSON.stringify(key)} in the same mapping: keep only one`, offset };
        keys.set(key, offset);
        stack.push(pair.value);
      }
    }
  }
  return undefined;
}

function describeYamlError(error: YAMLError): string {
  if (error.code === 'MULTIPLE_DOCS') return 'the text holds more than one YAML document: keep one per file';
  if (error.code === 'TAG_RESOLVE_FAILED' || /tag/i.test(error.message)) {
    return `${error.message}: custom YAML tags are not supported, write plain values`;
  }
  return error.message.replace(/\s+at line \d+, column \d+.*$/s, '');
}

/**
 * Parses one YAML document. Throws ConcordError `unreadable-input` with file, line and column for
 * syntax errors, duplicate or non-text keys, unknown tags and warnings alike, and `too-large` past
 * `MAX_YAML_BYTES`, `MAX_NESTING_DEPTH`, `MAX_YAML_ALIAS_COUNT` or `MAX_DOCUMENT_VALUES`.
 */
export function parseYaml(text: string, file?: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const toPosition = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const fail = (code: ConcordErrorCode, message: string, offset: number, cause?: unknown): never => {
    throw new ConcordError(code, message, { ...(file !== undefined ? { file } : {}), ...toPosition(offset) }, { cause });
  };

  if (text.length > MAX_YAML_BYTES || Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
    fail('too-large', `the YAML document is larger than ${MAX_YAML_BYTES} bytes: write large schemas as .json files and refer to them with $ref`, 0);
  }
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const tooDeep = findTooDeep(tokens);
  if (tooDeep !== undefined) fail('too-large', `the document is nested deeper than ${MAX_NESTING_DEPTH} levels: flatten it`, tooDeep);

  const documents = Array.from(new Composer(YAML_OPTIONS).compose(tokens, true, text.length));
  const [document] = documents;
  if (document === undefined) return fail('unreadable-input', 'the document is empty', 0);
  const problem = document.errors[0] ?? document.warnings[0] ?? documents[1]?.errors[0];
  if (problem !== undefined) fail('unreadable-input', describeYamlError(problem), problem.pos[0]);
  if (documents.length > 1) fail('unreadable-input', 'the text holds more than one YAML document: keep one per file', documents[1]?.range[0] ?? 0);
  if (document.contents === null) fail('unreadable-input', 'the document is empty', 0);
  const keyProblem = findKeyProblem(document);
  if (keyProblem !== undefined) fail('unreadable-input', keyProblem.message, keyProblem.offset);

  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError) {
      fail('too-large', `YAML aliases expand past the limit of ${MAX_YAML_ALIAS_COUNT}: write the repeated parts out or use fewer aliases`, 0, error);
    }
    fail('unreadable-input', `the YAML document could not be read: ${error instanceof Error ? error.message : String(error)}`, 0, error);
  }
  const locate = locateIn(document, toPosition);
  return { value: toPlainTree(raw, { ...(file !== undefined ? { file } : {}), locate }), locate };
}
