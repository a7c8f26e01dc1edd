import { ConcordError, type ConcordErrorCode } from '../errors.js';
import { appendPointer } from './json-pointer.js';
import { MAX_DOCUMENT_VALUES, MAX_NESTING_DEPTH } from './limits.js';
import type { Locate } from './source-positions.js';

export interface PlainTreeOptions {
  readonly file?: string;
  /** Positions for error details; omitted for values that did not come from a text. */
  readonly locate?: Locate;
  /** Says where the value came from in error messages; defaults to "the document". */
  readonly subject?: string;
}

/** One value to copy: where it goes, and enough of its path to spell a pointer when something fails. */
interface Task {
  readonly source: unknown;
  readonly parent: Task | undefined;
  readonly key: string;
  readonly depth: number;
  readonly into: unknown[] | Record<string, unknown> | undefined;
}

/** Adds or replaces an own member; a plain assignment to "__proto__" would replace the prototype instead. */
export function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Scalars are copied in place, without a task of their own: most values of a large document are scalars. */
function isJsonScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function pointerOf(task: Task): string {
  const keys: string[] = [];
  for (let current: Task | undefined = task; current?.parent !== undefined; current = current.parent) keys.push(current.key);
  return appendPointer('', ...keys.reverse());
}

function isAncestor(task: Task, container: object): boolean {
  for (let current = task.parent; current !== undefined; current = current.parent) {
    if (current.source === container) return true;
  }
  return false;
}

/**
 * Copies a parsed value into a fresh tree of plain objects, arrays and JSON scalars, without
 * recursion. YAML aliases share nodes, so the copy is where their expansion is paid for and
 * therefore where it is bounded. Throws ConcordError `too-large` past `MAX_NESTING_DEPTH` or
 * `MAX_DOCUMENT_VALUES`, and `unreadable-input` for cycles and values JSON cannot hold.
 */
export function toPlainTree(value: unknown, options: PlainTreeOptions = {}): unknown {
  const subject = options.subject ?? 'the document';
  const fail = (code: ConcordErrorCode, message: string, task: Task): never => {
    const pointer = pointerOf(task);
    const position = options.locate?.(pointer);
    throw new ConcordError(code, message, {
      ...(options.file !== undefined ? { file: options.file } : {}),
      pointer,
      ...(position ?? {}),
    });
  };

  const holder: unknown[] = [undefined];
  const stack: Task[] = [{ source: value, parent: undefined, key: '0', depth: 0, into: holder }];
  let values = 0;
  while (stack.length > 0) {
    const task = stack.pop();
    if (task === undefined) break;
    const { source, into, key } = task;
    values += 1;
    if (values > MAX_DOCUMENT_VALUES) {
      fail('too-large', `${subject} expands to more than ${MAX_DOCUMENT_VALUES} values (through YAML aliases): use fewer aliases`, task);
    }
    let copy: unknown = source;
    if (typeof source === 'number' && !Number.isFinite(source)) {
      fail('unreadable-input', `${String(source)} is not a JSON number: use a finite number or a string`, task);
    } else if (source !== null && typeof source === 'object') {
      if (!(Array.isArray(source) || isPlainObject(source))) {
        const kind = Object.prototype.toString.call(source).slice(8, -1);
        fail('unreadable-input', `${subject} holds a ${kind} value (as YAML tags like !!timestamp or !!binary make), which JSON cannot represent: write it as plain text`, task);
      }
      if (isAncestor(task, source)) {
        fail('unreadable-input', `${subject} refers to itself (a YAML alias inside its own anchor): a document must be a tree`, task);
      }
      if (task.depth + 1 > MAX_NESTING_DEPTH) fail('too-large', `${subject} is nested deeper than ${MAX_NESTING_DEPTH} levels: flatten it`, task);
      if (Array.isArray(source)) {
        const items: unknown[] = new Array<unknown>(source.length);
        source.forEach((item: unknown, index) => {
          if (isJsonScalar(item) && values < MAX_DOCUMENT_VALUES) {
            values += 1;
            items[index] = item;
          } else {
            stack.push({ source: item, parent: task, key: String(index), depth: task.depth + 1, into: items });
          }
        });
        copy = items;
      } else {
        const members: Record<string, unknown> = {};
        for (const [name, item] of Object.entries(source)) {
          // Members are filled in reverse order; adding them now keeps the document's key order.
          setMember(members, name, undefined);
          stack.push({ source: item, parent: task, key: name, depth: task.depth + 1, into: members });
        }
        copy = members;
      }
    } else if (source !== null && typeof source !== 'string' && typeof source !== 'boolean' && typeof source !== 'number') {
      fail('unreadable-input', `${subject} holds a ${typeof source} value, which JSON cannot represent`, task);
    }
    if (Array.isArray(into)) into[Number(key)] = copy;
    else if (into !== undefined) setMember(into, key, copy);
  }
  return holder[0];
}
