import { ConcordError } from '../errors.js';
import { MAX_NESTING_DEPTH } from './limits.js';
import { setMember } from './plain-tree.js';
import { createLineIndex, locateInTree, type Locate, type PositionNode } from './source-positions.js';

/** A strictly parsed JSON text (RFC 8259, duplicate keys refused) with the position of every value. */
export interface ParsedJson {
  readonly value: unknown;
  readonly locate: Locate;
}

interface ObjectFrame {
  readonly kind: 'object';
  readonly value: Record<string, unknown>;
  readonly node: PositionNode;
  readonly keys: Map<string, number>;
  key: string;
}

interface ArrayFrame {
  readonly kind: 'array';
  readonly value: unknown[];
  readonly node: PositionNode;
}

type Frame = ObjectFrame | ArrayFrame;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Parses JSON without recursion, so depth is limited by `MAX_NESTING_DEPTH` rather than the stack.
 * Throws ConcordError `unreadable-input` (with file, line and column) for syntax errors and
 * duplicate keys, and `too-large` for nesting deeper than the limit.
 */
export function parseJson(text: string, file?: string): ParsedJson {
  const toPosition = createLineIndex(text);
  let index = 0;

  const fail = (message: string, at: number = index, code: 'unreadable-input' | 'too-large' = 'unreadable-input'): never => {
    const { line, column } = toPosition(at);
    throw new ConcordError(code, message, { ...(file !== undefined ? { file } : {}), line, column });
  };
  const describeAt = (at: number): string => (at >= text.length ? 'the end of the document' : JSON.stringify(text[at]));
  const skipSpace = (): void => {
    while (index < text.length) {
      const char = text[index];
      if (char !== ' ' && char !== '\n' && char !== '\r' && char !== '\t') return;
      index += 1;
    }
  };

  const readString = (): string => {
    const start = index;
    index += 1;
    let result = '';
    for (;;) {
      const runStart = index;
      for (let code = text.charCodeAt(index); index < text.length && code >= 0x20 && code !== 0x22 && code !== 0x5c; code = text.charCodeAt(index)) {
        index += 1;
      }
      result += text.slice(runStart, index);
      if (index >= text.length) fail('a string is not closed: add the missing \'"\'', start);
      const char = text[index] ?? '';
      if (char === '"') {
        index += 1;
        return result;
      }
      if (char !== '\\') fail('a control character (such as a line break) is inside a string: write it as an escape like \\n');
      const escape = text[index + 1] ?? '';
      if (escape === 'u') {
        const hex = text.slice(index + 2, index + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('\\u must be followed by four hexadecimal digits');
        result += String.fromCharCode(Number.parseInt(hex, 16));
        index += 6;
      } else {
        const decoded = ESCAPES[escape];
        if (decoded === undefined) fail(`"\\${escape}" is not a JSON escape: use one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`);
        result += decoded;
        index += 2;
      }
    }
  };

  const readScalar = (): unknown => {
    const char = text[index] ?? '';
    if (char === '"') return readString();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, index)) {
        index += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = index;
    const number = NUMBER.exec(text)?.[0];
    if (number === undefined) return fail(`expected a value (object, array, string, number, true, false or null), found ${describeAt(index)}`);
    const value = Number(number);
    if (!Number.isFinite(value)) fail(`the number ${number} is too large to represent`);
    index += number.length;
    return value;
  };

  const readKey = (frame: ObjectFrame): PositionNode => {
    skipSpace();
    const keyOffset = index;
    if (text[index] === '}' && frame.keys.size > 0) fail("a comma before '}' has no member after it: remove the trailing comma");
    if (text[index] !== '"') fail(`expected a property name in double quotes, found ${describeAt(index)}`);
    const key = readString();
    const earlier = frame.keys.get(key);
    if (earlier !== undefined) {
      const first = toPosition(earlier);
      fail(`duplicate key "${key}" (also at line ${first.line}, column ${first.column}): keep only one`, keyOffset);
    }
    frame.keys.set(key, keyOffset);
    frame.key = key;
    skipSpace();
    if (text[index] !== ':') fail(`expected ':' after the property name "${key}", found ${describeAt(index)}`);
    index += 1;
    skipSpace();
    const node: PositionNode = { offset: keyOffset };
    frame.node.children?.set(key, node);
    return node;
  };

  const stack: Frame[] = [];
  skipSpace();
  if (index >= text.length) fail('the document is empty');
  const root: PositionNode = { offset: index };
  let node = root;

  for (;;) {
    let value: unknown;
    const char = text[index];
    if (char === '{' || char === '[') {
      if (stack.length >= MAX_NESTING_DEPTH) {
        fail(`the document is nested deeper than ${MAX_NESTING_DEPTH} levels: flatten it`, index, 'too-large');
      }
      index += 1;
      skipSpace();
      node.children = new Map();
      if (char === '{') {
        const frame: ObjectFrame = { kind: 'object', value: {}, node, keys: new Map(), key: '' };
        if (text[index] !== '}') {
          stack.push(frame);
          node = readKey(frame);
          continue;
        }
        value = frame.value;
      } else {
        const frame: ArrayFrame = { kind: 'array', value: [], node };
        if (text[index] !== ']') {
          stack.push(frame);
          node = { offset: index };
          frame.node.children?.set('0', node);
          continue;
        }
        value = frame.value;
      }
      index += 1;
    } else {
      value = readScalar();
    }

    for (;;) {
      const frame = stack.at(-1);
      if (frame === undefined) {
        skipSpace();
        if (index < text.length) fail(`unexpected ${describeAt(index)} after the end of the document`);
        return { value, locate: locateInTree(root, toPosition) };
      }
      if (frame.kind === 'object') setMember(frame.value, frame.key, value);
      else frame.value.push(value);
      skipSpace();
      const next = text[index];
      const close = frame.kind === 'object' ? '}' : ']';
      if (next === ',') {
        index += 1;
        skipSpace();
        if (frame.kind === 'object') {
          node = readKey(frame);
        } else {
          if (text[index] === ']') fail("a comma before ']' has no element after it: remove the trailing comma");
          node = { offset: index };
          frame.node.children?.set(String(frame.value.length), node);
        }
        break;
      }
      if (next !== close) {
        const after = frame.kind === 'object' ? `the value of "${frame.key}"` : 'an array element';
        fail(`expected ',' or '${close}' after ${after}, found ${describeAt(index)}`);
      }
      index += 1;
      stack.pop();
      value = frame.value;
    }
  }
}
