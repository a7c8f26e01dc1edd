import { MAX_CAPTURE_CHARS } from './limits.js';

/** One element of the records array: its parsed value, or why it could not be used. */
export type ScannedElement =
  | { readonly index: number; readonly value: unknown }
  | { readonly index: number; readonly malformed: string }
  | { readonly index: number; readonly oversized: number };

/**
 * The JSON around the records array is broken: `truncated` (the text ended inside it), `broken`
 * (not JSON from some point on) or `no-records` (no array at the pointer).
 */
export class JsonStructureError extends Error {
  constructor(
    message: string,
    readonly kind: 'truncated' | 'broken' | 'no-records' = 'broken',
  ) {
    super(message);
  }
}

/** Splits a JSON pointer (`/data/items`) into its unescaped tokens. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  if (!pointer.startsWith('/')) throw new JsonStructureError(`"${pointer}" is not a JSON pointer (it must start with "/")`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

type Expect = 'key-or-end' | 'key' | 'colon' | 'value-or-end' | 'value' | 'comma-or-end';

interface NavFrame {
  readonly kind: 'object' | 'array';
  /** Path of this container; only containers on the way to a wanted pointer are tracked. */
  readonly path: readonly string[];
  readonly target: boolean;
  expect: Expect;
  index: number;
  key: string;
}

interface ValueScan {
  readonly role: 'element' | 'capture' | 'skip' | 'key';
  readonly index: number;
  readonly captureAt?: string;
  readonly scalar: boolean;
  readonly limit: number;
  depth: number;
  inString: boolean;
  escape: boolean;
  start: number;
  parts: string[];
  chars: number;
  oversized: boolean;
}

const STRING_STOP = /["\\]/g;
// A byte-order mark counts as whitespace: files saved by some editors start with one.
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0xfeff]);

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((token, i) => token === b[i]);
}

function isPrefix(prefix: readonly string[], of: readonly string[]): boolean {
  return prefix.length < of.length && prefix.every((token, i) => token === of[i]);
}

/**
 * A streaming splitter for JSON text: fed chunks, it yields the elements of the array at
 * `recordsPointer` one by one, and keeps the values at `capturePointers` (a next-page cursor)
 * wherever they appear, before or after the array. Everything else is skipped without being
 * kept, so memory holds one element at a time however large the document is. Elements longer
 * than `maxElementChars` are reported as oversized and not buffered.
 */
export class JsonElementScanner {
  private readonly target: readonly string[];
  private readonly captures: ReadonlyMap<string, readonly string[]>;
  private readonly captured = new Map<string, unknown>();
  private readonly stack: NavFrame[] = [];
  private value: ValueScan | undefined;
  private rootDone = false;
  private targetSeen = false;

  constructor(
    readonly recordsPointer: string,
    capturePointers: readonly string[],
    private readonly maxElementChars: number,
  ) {
    this.target = pointerTokens(recordsPointer);
    this.captures = new Map(capturePointers.map((pointer) => [pointer, pointerTokens(pointer)]));
  }

  /** The value found at a capture pointer, or undefined when the document had none. */
  capturedValue(pointer: string): unknown {
    return this.captured.get(pointer);
  }

  /** Scans one chunk; returns the elements completed in it. */
  push(chunk: string): ScannedElement[] {
    const out: ScannedElement[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.value !== undefined) {
        i = this.scanValue(chunk, i, out);
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (WHITESPACE.has(c)) {
        i += 1;
        continue;
      }
      i = this.navigate(chunk, i, c);
    }
    const open = this.value;
    if (open !== undefined) this.keep(open, chunk, open.start, chunk.length);
    if (open !== undefined) open.start = 0;
    return out;
  }

  /** Call at the end of the text: throws when the document stopped early or had no records array. */
  end(): ScannedElement[] {
    const out: ScannedElement[] = [];
    const open = this.value;
    if (open !== undefined && open.scalar) this.finish(open, '', 0, out);
    if (this.value !== undefined || this.stack.length > 0 || !this.rootDone) {
      throw new JsonStructureError('the JSON text ended early (truncated body or file)', 'truncated');
    }
    if (!this.targetSeen) throw new JsonStructureError(`there is no array at ${this.recordsPointer || 'the root'}`, 'no-records');
    return out;
  }

  private navigate(chunk: string, i: number, c: number): number {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) {
      if (this.rootDone) throw new JsonStructureError(`unexpected "${chunk[i]}" after the end of the JSON value`);
      return this.startValue(undefined, chunk, i, c);
    }
    switch (frame.expect) {
      case 'key-or-end':
      case 'key':
        if (c === 0x7d && frame.expect === 'key-or-end') return this.pop(i);
        if (c !== 0x22) throw new JsonStructureError(`expected a property name, found "${chunk[i]}"`);
        this.value = this.newScan('key', -1, false, MAX_CAPTURE_CHARS, i);
        this.value.inString = true;
        return i + 1;
      case 'colon':
        if (c !== 0x3a) throw new JsonStructureError(`expected ":", found "${chunk[i]}"`);
        frame.expect = 'value';
        return i + 1;
      case 'value-or-end':
        if (c === 0x5d) return this.pop(i);
        return this.startValue(frame, chunk, i, c);
      case 'value':
        return this.startValue(frame, chunk, i, c);
      case 'comma-or-end':
        if (c === 0x2c) {
          frame.expect = frame.kind === 'object' ? 'key' : 'value';
          return i + 1;
        }
        if ((c === 0x7d && frame.kind === 'object') || (c === 0x5d && frame.kind === 'array')) return this.pop(i);
        throw new JsonStructureError(`expected "," or the end of the ${frame.kind}, found "${chunk[i]}"`);
    }
  }

  private pop(i: number): number {
    this.stack.pop();
    this.valueDone();
    return i + 1;
  }

  private valueDone(): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) this.rootDone = true;
    else parent.expect = 'comma-or-end';
  }

  private startValue(frame: NavFrame | undefined, chunk: string, i: number, c: number): number {
    const scalar = c !== 0x7b && c !== 0x5b && c !== 0x22;
    if (frame?.target === true) {
      const index = frame.index;
      frame.index += 1;
      this.value = this.newScan('element', index, scalar, this.maxElementChars, i);
      return this.openValue(c, i);
    }
    const path = frame === undefined ? [] : [...frame.path, frame.kind === 'array' ? String(frame.index++) : frame.key];
    if (samePath(path, this.target)) {
      if (c !== 0x5b) throw new JsonStructureError(`${this.recordsPointer || 'the root'} is not an array`, 'no-records');
      this.targetSeen = true;
      this.stack.push({ kind: 'array', path, target: true, expect: 'value-or-end', index: 0, key: '' });
      return i + 1;
    }
    for (const [pointer, tokens] of this.captures) {
      if (samePath(path, tokens)) {
        this.value = this.newScan('capture', -1, scalar, MAX_CAPTURE_CHARS, i, pointer);
        return this.openValue(c, i);
      }
    }
    const onTheWay = isPrefix(path, this.target) || [...this.captures.values()].some((tokens) => isPrefix(path, tokens));
    if (onTheWay && (c === 0x7b || c === 0x5b)) {
      const kind = c === 0x7b ? 'object' : 'array';
      this.stack.push({ kind, path, target: false, expect: kind === 'object' ? 'key-or-end' : 'value-or-end', index: 0, key: '' });
      return i + 1;
    }
    this.value = this.newScan('skip', -1, scalar, 0, i);
    return this.openValue(c, i);
  }

  private openValue(c: number, i: number): number {
    const scan = this.value as ValueScan;
    if (scan.scalar) return i;
    if (c === 0x22) scan.inString = true;
    else scan.depth = 1;
    return i + 1;
  }

  private newScan(role: ValueScan['role'], index: number, scalar: boolean, limit: number, start: number, captureAt?: string): ValueScan {
    return { role, index, scalar, limit, captureAt, depth: 0, inString: false, escape: false, start, parts: [], chars: 0, oversized: false };
  }

  /** Advances through the current value; returns where scanning stopped. */
  private scanValue(chunk: string, i: number, out: ScannedElement[]): number {
    const scan = this.value as ValueScan;
    if (scan.scalar) {
      let j = i;
      while (j < chunk.length) {
        const c = chunk.charCodeAt(j);
        if (c === 0x2c || c === 0x5d || c === 0x7d || WHITESPACE.has(c)) {
          this.finish(scan, chunk, j, out);
          return j;
        }
        j += 1;
      }
      return j;
    }
    let j = i;
    while (j < chunk.length) {
      if (scan.inString) {
        if (scan.escape) {
          scan.escape = false;
          j += 1;
          continue;
        }
        STRING_STOP.lastIndex = j;
        const stop = STRING_STOP.exec(chunk);
        if (stop === null) return chunk.length;
        j = stop.index + 1;
        if (chunk.charCodeAt(stop.index) === 0x5c) scan.escape = true;
        else {
          scan.inString = false;
          if (scan.depth === 0) {
            this.finish(scan, chunk, j, out);
            return j;
          }
        }
        continue;
      }
      const c = chunk.charCodeAt(j);
      j += 1;
      if (c === 0x22) scan.inString = true;
      else if (c === 0x7b || c === 0x5b) scan.depth += 1;
      else if (c === 0x7d || c === 0x5d) {
        scan.depth -= 1;
        if (scan.depth === 0) {
          this.finish(scan, chunk, j, out);
          return j;
        }
      }
    }
    return j;
  }

  /** Keeps text of a value being captured, dropping it once the value is over its limit. */
  private keep(scan: ValueScan, chunk: string, from: number, to: number): void {
    if (scan.role === 'skip' || scan.oversized) return;
    scan.chars += to - from;
    if (scan.chars > scan.limit) {
      scan.oversized = true;
      scan.parts = [];
      return;
    }
    scan.parts.push(chunk.slice(from, to));
  }

  private finish(scan: ValueScan, chunk: string, end: number, out: ScannedElement[]): void {
    this.value = undefined;
    this.keep(scan, chunk, scan.start, end);
    const text = scan.parts.join('');
    if (scan.role === 'key') {
      const frame = this.stack[this.stack.length - 1] as NavFrame;
      frame.key = scan.oversized ? '' : (JSON.parse(text) as string);
      frame.expect = 'colon';
      return;
    }
    this.valueDone();
    if (scan.role === 'element') {
      if (scan.oversized) {
        out.push({ index: scan.index, oversized: scan.chars });
        return;
      }
      try {
        out.push({ index: scan.index, value: JSON.parse(text) });
      } catch (error) {
        out.push({ index: scan.index, malformed: (error as Error).message });
      }
    } else if (scan.role === 'capture' && !scan.oversized && scan.captureAt !== undefined) {
      try {
        this.captured.set(scan.captureAt, JSON.parse(text));
      } catch {
        this.captured.delete(scan.captureAt);
      }
    }
  }
}
