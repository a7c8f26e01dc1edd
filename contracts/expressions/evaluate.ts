import type { BinaryExpr, CallExpr, Expr, InExpr } from './ast.js';
import { MAX_EXPRESSION_LENGTH } from './limits.js';

/**
 * Evaluation of parsed expressions over one record, without `eval` or generated code: a walk of
 * the syntax tree. Null follows SQL: a missing field reads as null, and null flows through
 * arithmetic, comparisons and functions; see `evaluateExpression` for the exact rules.
 */

/** What an expression can produce. Timestamps are ISO 8601 strings, as records carry them. */
export type ExpressionValue = number | string | boolean | null;

export interface EvaluationError {
  /**
   * `type-mismatch`: a value of the wrong type reached an operator or function (a string in
   * arithmetic); `unsupported`: the expression reads array items (`lines[].sku`), which a
   * per-record evaluation cannot give one value for; `invalid-argument`: a function argument out of
   * its range (`round(x, 0.5)`, an unparsable timestamp); `too-large`: past MAX_EVALUATION_DEPTH.
   */
  readonly kind: 'type-mismatch' | 'unsupported' | 'invalid-argument' | 'too-large';
  /** Names the 1-based column and the types involved; never a record's values, which may be personal data. */
  readonly message: string;
  readonly column: number;
  /** The field whose value caused the error, when one did. */
  readonly field?: string;
}

export type EvaluationResult =
  | { readonly ok: true; readonly value: ExpressionValue }
  | { readonly ok: false; readonly error: EvaluationError };

/** What a field path reads in a record: absent, or present with its JSON value (possibly null). */
export type FieldRead = { readonly present: false } | { readonly present: true; readonly value: unknown };

/**
 * Deepest syntax tree the evaluator walks. The parser's own nesting limit does not count chains
 * like `a + b + c + ...`, which build a tree as deep as they are long; each level of such a chain
 * takes at least two characters (an operator and an operand), so no expression of at most
 * MAX_EXPRESSION_LENGTH characters is deeper than half that. The walk holds this depth well inside
 * JavaScript's default stack; hand-built trees deeper than this are refused.
 */
export const MAX_EVALUATION_DEPTH = MAX_EXPRESSION_LENGTH / 2;

/** Largest `digits` accepted by `round`: doubles hold about 15 significant decimal digits. */
const MAX_ROUND_DIGITS = 15;

/** An object or array read from a record: usable only with `is null` and `coalesce`/`if` passthrough. */
interface Composite {
  readonly composite: 'object' | 'array';
}

type Value = ExpressionValue | Composite;

class Failure {
  constructor(readonly error: EvaluationError) {}
}

function isComposite(value: Value): value is Composite {
  return typeof value === 'object' && value !== null;
}

function typeName(value: Value): string {
  if (value === null) return 'null';
  if (isComposite(value)) return `an ${value.composite}`;
  return typeof value === 'number' ? 'a number' : typeof value === 'string' ? 'a string' : 'a condition (true/false)';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a dotted field path (`customer.id`, segments as the parser splits them) from a record.
 * Only own properties count, so `constructor` or `__proto__` never reach the prototype. Paths
 * that step into array items (`lines[]`) are not single values; callers check for `[]` first.
 */
export function readField(record: unknown, path: readonly string[]): FieldRead {
  let current: unknown = record;
  for (const segment of path) {
    if (!isPlainObject(current) || !Object.hasOwn(current, segment)) return { present: false };
    current = current[segment];
  }
  return { present: true, value: current };
}

function toValue(raw: unknown): Value {
  if (raw === null || typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) return { composite: 'array' };
  if (typeof raw === 'object') return { composite: 'object' };
  return null;
}

function fieldOf(expr: Expr): string | undefined {
  return expr.kind === 'field' ? expr.name : undefined;
}

/** Milliseconds per unit for the fixed-length grains of date_trunc. */
const FIXED_GRAINS: Readonly<Record<string, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

function truncateTimestamp(grain: string, millis: number): number {
  const fixed = FIXED_GRAINS[grain];
  if (fixed !== undefined) return Math.floor(millis / fixed) * fixed;
  const date = new Date(millis);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (grain) {
    case 'week': {
      const day = Math.floor(millis / 86_400_000) * 86_400_000;
      // ISO weeks start on Monday; getUTCDay counts from Sunday.
      return day - ((date.getUTCDay() + 6) % 7) * 86_400_000;
    }
    case 'month':
      return Date.UTC(year, month, 1);
    case 'quarter':
      return Date.UTC(year, month - (month % 3), 1);
    default:
      return Date.UTC(year, 0, 1);
  }
}

class Evaluator {
  private depth = 0;

  constructor(private readonly record: unknown) {}

  fail(kind: EvaluationError['kind'], expr: Expr, message: string, field?: string): never {
    throw new Failure({ kind, message, column: expr.start + 1, ...(field !== undefined ? { field } : {}) });
  }

  /** A value an operator needs to be of one type; null passes through as null. */
  want<T extends 'number' | 'string' | 'boolean'>(value: Value, type: T, expr: Expr, who: string): Value {
    if (value === null || typeof value === type) return value;
    const word = type === 'boolean' ? 'a condition (true/false)' : `a ${type}`;
    return this.fail('type-mismatch', expr, `${who} needs ${word}, but the value at column ${expr.start + 1} is ${typeName(value)}`, fieldOf(expr));
  }

  eval(expr: Expr): Value {
    if (this.depth >= MAX_EVALUATION_DEPTH) {
      this.fail('too-large', expr, `the expression nests deeper than ${MAX_EVALUATION_DEPTH} levels at column ${expr.start + 1}: split it into simpler parts`);
    }
    this.depth += 1;
    try {
      return this.node(expr);
    } finally {
      this.depth -= 1;
    }
  }

  private node(expr: Expr): Value {
    switch (expr.kind) {
      case 'number':
      case 'string':
      case 'boolean':
        return expr.value;
      case 'null':
        return null;
      case 'field': {
        if (expr.path.some((segment) => segment.endsWith('[]'))) {
          this.fail('unsupported', expr, `field '${expr.name}' at column ${expr.start + 1} reads array items, which have no single value per record`, expr.name);
        }
        const read = readField(this.record, expr.path);
        return read.present ? toValue(read.value) : null;
      }
      case 'unary': {
        const operand = this.eval(expr.operand);
        if (expr.op === 'not') {
          const value = this.want(operand, 'boolean', expr.operand, "'not'");
          return value === null ? null : !value;
        }
        const value = this.want(operand, 'number', expr.operand, "'-'");
        return value === null ? null : -(value as number) || 0;
      }
      case 'binary':
        return this.binary(expr);
      case 'in':
        return this.in(expr);
      case 'is-null': {
        const isNull = this.eval(expr.operand) === null;
        return expr.negated ? !isNull : isNull;
      }
      case 'call':
        return this.call(expr);
    }
  }

  private logical(expr: BinaryExpr): Value {
    const who = `'${expr.op}'`;
    const left = this.want(this.eval(expr.left), 'boolean', expr.left, who);
    // Kleene logic, as SQL: false and anything is false, true or anything is true.
    if (expr.op === 'and' && left === false) return false;
    if (expr.op === 'or' && left === true) return true;
    const right = this.want(this.eval(expr.right), 'boolean', expr.right, who);
    if (expr.op === 'and') return right === false ? false : left === null || right === null ? null : true;
    return right === true ? true : left === null || right === null ? null : false;
  }

  private binary(expr: BinaryExpr): Value {
    if (expr.op === 'and' || expr.op === 'or') return this.logical(expr);
    const left = this.eval(expr.left);
    const right = this.eval(expr.right);
    switch (expr.op) {
      case '+':
      case '-':
      case '*':
      case '/':
      case '%': {
        const a = this.want(left, 'number', expr.left, `'${expr.op}'`) as number | null;
        const b = this.want(right, 'number', expr.right, `'${expr.op}'`) as number | null;
        if (a === null || b === null) return null;
        const result = expr.op === '+' ? a + b : expr.op === '-' ? a - b : expr.op === '*' ? a * b : expr.op === '/' ? a / b : a % b;
        // Division by zero and overflow have no number; like SQL's NULLIF guard they give null.
        return Number.isFinite(result) ? result : null;
      }
      default:
        return this.compare(expr, left, right);
    }
  }

  private comparable(left: Value, right: Value, expr: BinaryExpr | InExpr, rightExpr: Expr): void {
    if (left === null || right === null) return;
    const leftExpr = expr.kind === 'binary' ? expr.left : expr.operand;
    for (const [value, at] of [
      [left, leftExpr],
      [right, rightExpr],
    ] as const) {
      if (isComposite(value)) this.fail('type-mismatch', at, `the value at column ${at.start + 1} is ${typeName(value)}, which cannot be compared`, fieldOf(at));
    }
    if (typeof left !== typeof right) {
      const at = fieldOf(leftExpr) !== undefined ? leftExpr : rightExpr;
      this.fail(
        'type-mismatch',
        at,
        `the comparison at column ${expr.start + 1} compares ${typeName(left)} with ${typeName(right)}`,
        fieldOf(leftExpr) ?? fieldOf(rightExpr),
      );
    }
  }

  private compare(expr: BinaryExpr, left: Value, right: Value): Value {
    this.comparable(left, right, expr, expr.right);
    if (left === null || right === null) return null;
    const a = left as number | string | boolean;
    const b = right as number | string | boolean;
    switch (expr.op) {
      case '=':
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      default:
        if (typeof a === 'boolean') this.fail('type-mismatch', expr, `the comparison at column ${expr.start + 1} orders conditions (true/false), which have no order`);
        return expr.op === '<' ? a < b : expr.op === '<=' ? a <= b : expr.op === '>' ? a > b : a >= b;
    }
  }

  private in(expr: InExpr): Value {
    const operand = this.eval(expr.operand);
    let sawNull = false;
    let found = false;
    for (const item of expr.list) {
      const value = this.eval(item);
      this.comparable(operand, value, expr, item);
      if (value === null) sawNull = true;
      else if (value === operand) found = true;
    }
    // As SQL: null in [...] is null, and a miss on a list holding null is null too.
    if (operand === null || (!found && sawNull)) return null;
    return expr.negated ? !found : found;
  }

  private call(expr: CallExpr): Value {
    switch (expr.name) {
      case 'coalesce': {
        for (const arg of expr.args) {
          const value = this.eval(arg);
          if (value !== null) return value;
        }
        return null;
      }
      case 'if': {
        const condition = this.want(this.eval(expr.args[0]!), 'boolean', expr.args[0]!, 'if');
        // A null condition takes the else branch, as SQL's CASE WHEN does.
        return this.eval(condition === true ? expr.args[1]! : expr.args[2]!);
      }
      case 'date_trunc':
        return this.dateTrunc(expr);
      default:
        return this.scalar(expr);
    }
  }

  private dateTrunc(expr: CallExpr): Value {
    const grain = this.want(this.eval(expr.args[0]!), 'string', expr.args[0]!, 'date_trunc') as string | null;
    const at = expr.args[1]!;
    const timestamp = this.want(this.eval(at), 'string', at, 'date_trunc') as string | null;
    if (grain === null || timestamp === null) return null;
    const millis = Date.parse(timestamp);
    if (Number.isNaN(millis)) this.fail('invalid-argument', at, `date_trunc needs an ISO 8601 timestamp, but the string at column ${at.start + 1} is not one`, fieldOf(at));
    if (grain !== 'week' && grain !== 'month' && grain !== 'quarter' && grain !== 'year' && FIXED_GRAINS[grain] === undefined) {
      this.fail('invalid-argument', expr.args[0]!, `date_trunc cannot truncate to '${grain}' (column ${expr.args[0]!.start + 1})`);
    }
    return new Date(truncateTimestamp(grain, millis)).toISOString();
  }

  private scalar(expr: CallExpr): Value {
    const name = expr.name;
    const wanted = name === 'lower' || name === 'upper' || name === 'trim' || name === 'length' ? 'string' : 'number';
    const args = expr.args.map((arg) => this.want(this.eval(arg), wanted, arg, name));
    if (args.some((arg) => arg === null)) return null;
    if (wanted === 'string') {
      const text = args[0] as string;
      if (name === 'lower') return text.toLowerCase();
      if (name === 'upper') return text.toUpperCase();
      if (name === 'trim') return text.trim();
      return [...text].length;
    }
    const x = args[0] as number;
    if (name === 'abs') return Math.abs(x);
    if (name === 'floor') return Math.floor(x);
    if (name === 'ceil') return Math.ceil(x);
    if (name !== 'round') this.fail('unsupported', expr, `unknown function '${name}' at column ${expr.start + 1}`);
    const digits = args.length > 1 ? (args[1] as number) : 0;
    if (!Number.isInteger(digits) || Math.abs(digits) > MAX_ROUND_DIGITS) {
      this.fail('invalid-argument', expr.args[1]!, `round needs whole digits from -${MAX_ROUND_DIGITS} to ${MAX_ROUND_DIGITS} at column ${expr.args[1]!.start + 1}`);
    }
    const scale = 10 ** digits;
    const rounded = Math.round(x * scale) / scale;
    return Number.isFinite(rounded) ? rounded : null;
  }
}

/**
 * Evaluates a parsed expression over one record (a JSON value). Pure and total: faults come back
 * as `{ ok: false, error }`, never as exceptions.
 *
 * Null semantics, as SQL: a field missing from the record reads as null; arithmetic, comparisons,
 * `in` and functions given null give null (`coalesce` returns its first non-null argument; `if`
 * with a null condition takes the else branch); `and`/`or` use three-valued logic (`false and
 * null` is false, `true or null` is true); `x is null` is true for null and missing fields.
 * Division or remainder by zero, and results too large for a number, give null.
 *
 * Types are never coerced: `'12.50' + 1` is a `type-mismatch`, as is comparing a string with a
 * number; ordering compares numbers numerically and strings by UTF-16 code units (which orders
 * ISO 8601 timestamps of one format chronologically). `date_trunc` takes and returns ISO 8601
 * strings in UTC; `length` counts code points. Objects and arrays read from a record may only be
 * tested with `is null` or passed through `coalesce`/`if`; as a result they are a `type-mismatch`.
 */
export function evaluateExpression(expr: Expr, record: unknown): EvaluationResult {
  const evaluator = new Evaluator(record);
  try {
    const value = evaluator.eval(expr);
    if (isComposite(value)) {
      evaluator.fail('type-mismatch', expr, `the expression at column ${expr.start + 1} gives ${typeName(value)}, not a single value`, fieldOf(expr));
    }
    return { ok: true, value: value as ExpressionValue };
  } catch (thrown) {
    if (thrown instanceof Failure) return { ok: false, error: thrown.error };
    throw thrown;
  }
}
