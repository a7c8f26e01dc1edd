import type { FieldInfo } from '../schema-fields.js';
import type { BinaryExpr, Expr } from './ast.js';
import { unknownFieldAdvice } from './closest-name.js';
import { FUNCTIONS, paramType, type ValueType } from './functions.js';
import { printExpression } from './print.js';

/** A problem type checking found. `message` names the column (1-based, in the expression text). */
export interface ExpressionProblem {
  readonly kind: 'unknown-field' | 'type-mismatch';
  readonly message: string;
  readonly column: number;
  /** For unknown fields: the name as written, and the closest known name when one is close. */
  readonly field?: string;
  readonly suggestion?: string;
}

export interface TypeCheckOptions {
  /** `filter` requires a condition (a boolean result). Defaults to `value`, which accepts any type. */
  readonly role?: 'value' | 'filter';
  /** The aggregation applied to the value, if any: `sum`, `avg` and `median` need numbers, `min`/`max` an order. */
  readonly aggregation?: string;
}

export interface TypeCheckResult {
  readonly type: ValueType;
  readonly problems: readonly ExpressionProblem[];
}

/** Longest piece of an expression quoted in a message; longer pieces are cut with an ellipsis. */
const SNIPPET_LENGTH = 40;

const NUMERIC_AGGREGATIONS: ReadonlySet<string> = new Set(['sum', 'avg', 'median']);
const ORDERING_AGGREGATIONS: ReadonlySet<string> = new Set(['min', 'max']);

/** The expression type of a schema field: numbers, strings (date-time/date formats are timestamps), booleans. */
export function valueTypeOf(field: FieldInfo): ValueType {
  const kinds = new Set<ValueType>();
  for (const type of field.types) {
    if (type === 'null') continue;
    if (type === 'integer' || type === 'number') kinds.add('number');
    else if (type === 'string') kinds.add(field.format === 'date-time' || field.format === 'date' ? 'timestamp' : 'string');
    else if (type === 'boolean') kinds.add('boolean');
    else kinds.add('unknown');
  }
  return kinds.size === 1 ? [...kinds][0]! : 'unknown';
}

/** Whether an aggregation can take values of this type; `unknown` always passes. */
export function aggregationAccepts(aggregation: string, type: ValueType): boolean {
  if (type === 'unknown') return true;
  if (NUMERIC_AGGREGATIONS.has(aggregation)) return type === 'number';
  if (ORDERING_AGGREGATIONS.has(aggregation)) return type !== 'boolean';
  return true;
}

export function typeWord(type: ValueType): string {
  switch (type) {
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a condition (true/false)';
    case 'timestamp':
      return 'a timestamp';
    case 'unknown':
      return 'a value of unknown type';
  }
}

/** A piece of the expression for a message, quoted unless it is a string literal with quotes of its own. */
function snippet(expr: Expr): string {
  const text = printExpression(expr);
  const short = text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH - 1)}…` : text;
  return expr.kind === 'string' ? short : `'${short}'`;
}

function column(expr: Expr): number {
  return expr.start + 1;
}

/** Timestamps compare with strings too, because filters write dates as ISO strings. */
function comparable(a: ValueType, b: ValueType): boolean {
  if (a === 'unknown' || b === 'unknown' || a === b) return true;
  return (a === 'timestamp' && b === 'string') || (a === 'string' && b === 'timestamp');
}

class Checker {
  readonly problems: ExpressionProblem[] = [];

  constructor(private readonly fields: ReadonlyMap<string, FieldInfo>) {}

  mismatch(expr: Expr, message: string): void {
    this.problems.push({ kind: 'type-mismatch', message, column: column(expr) });
  }

  expect(expr: Expr, type: ValueType, wanted: ValueType, who: string): void {
    if (type === wanted || type === 'unknown' || (wanted === 'timestamp' && type === 'string')) return;
    this.mismatch(expr, `${who} needs ${typeWord(wanted)}, but ${snippet(expr)} at column ${column(expr)} is ${typeWord(type)}`);
  }

  check(expr: Expr): ValueType {
    switch (expr.kind) {
      case 'number':
      case 'string':
      case 'boolean':
        return expr.kind;
      case 'null':
        return 'unknown';
      case 'field':
        return this.field(expr);
      case 'unary': {
        const wanted = expr.op === 'not' ? 'boolean' : 'number';
        this.expect(expr.operand, this.check(expr.operand), wanted, `'${expr.op}'`);
        return wanted;
      }
      case 'binary':
        return this.binary(expr);
      case 'in': {
        const type = this.check(expr.operand);
        for (const item of expr.list) {
          const itemType = this.check(item);
          if (!comparable(type, itemType)) {
            this.mismatch(
              item,
              `${snippet(item)} at column ${column(item)} is ${typeWord(itemType)}, but ${snippet(expr.operand)} is ${typeWord(type)}: list values of the same type`,
            );
          }
        }
        return 'boolean';
      }
      case 'is-null':
        this.check(expr.operand);
        return 'boolean';
      case 'call':
        return this.call(expr);
    }
  }

  private field(expr: Expr & { kind: 'field' }): ValueType {
    const info = this.fields.get(expr.name);
    if (info !== undefined) return valueTypeOf(info);
    const { advice, suggestion } = unknownFieldAdvice(expr.name, this.fields.keys());
    this.problems.push({
      kind: 'unknown-field',
      message: `unknown field '${expr.name}' at column ${column(expr)}: ${advice}`,
      column: column(expr),
      field: expr.name,
      ...(suggestion !== undefined ? { suggestion } : {}),
    });
    return 'unknown';
  }

  private binary(expr: BinaryExpr): ValueType {
    const left = this.check(expr.left);
    const right = this.check(expr.right);
    switch (expr.op) {
      case 'and':
      case 'or':
        this.expect(expr.left, left, 'boolean', `'${expr.op}'`);
        this.expect(expr.right, right, 'boolean', `'${expr.op}'`);
        return 'boolean';
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
        this.expect(expr.left, left, 'number', `'${expr.op}'`);
        this.expect(expr.right, right, 'number', `'${expr.op}'`);
        return 'number';
      default:
        if (!comparable(left, right)) {
          this.mismatch(
            expr,
            `${snippet(expr)} at column ${column(expr)} compares ${typeWord(left)} with ${typeWord(right)}: compare values of the same type`,
          );
        } else if (expr.op !== '=' && expr.op !== '==' && expr.op !== '!=' && (left === 'boolean' || right === 'boolean')) {
          this.mismatch(expr, `${snippet(expr)} at column ${column(expr)} orders conditions (true/false), which have no order: use = or !=`);
        }
        return 'boolean';
    }
  }

  private call(expr: Expr & { kind: 'call' }): ValueType {
    const spec = FUNCTIONS.get(expr.name);
    const types = expr.args.map((arg) => this.check(arg));
    if (spec === undefined) return 'unknown';
    let common: ValueType = 'unknown';
    expr.args.forEach((arg, index) => {
      const type = types[index]!;
      const wanted = paramType(spec, index);
      if (index === 0 && spec.choices !== undefined) {
        if (arg.kind !== 'string' || !spec.choices.includes(arg.value)) {
          this.mismatch(arg, `${spec.name} needs one of '${spec.choices.join("', '")}' as its first argument (column ${column(arg)}): write ${spec.usage}`);
        }
        return;
      }
      if (wanted !== 'common') {
        this.expect(arg, type, wanted, `${spec.name}`);
        return;
      }
      if (common === 'unknown') common = type;
      else if (!comparable(common, type)) {
        this.mismatch(
          arg,
          `${spec.name} needs arguments of one type, but ${snippet(arg)} at column ${column(arg)} is ${typeWord(type)} while an earlier one is ${typeWord(common)}`,
        );
      }
    });
    return spec.result === 'common' ? common : spec.result;
  }
}

/**
 * Type checks a parsed expression against the record's fields (from `listFields`). Reports
 * unknown fields (with a close name when there is one) and type mismatches: arithmetic on
 * non-numbers, comparisons across types, `and`/`or`/`not` on non-conditions, function argument
 * types, a filter that is not a condition, and an aggregation that cannot take the value's type.
 * Options default to role `value` and no aggregation. Returns the expression's type and the problems.
 */
export function typeCheck(expr: Expr, fields: ReadonlyMap<string, FieldInfo>, options: TypeCheckOptions = {}): TypeCheckResult {
  const checker = new Checker(fields);
  const type = checker.check(expr);
  if (options.role === 'filter' && type !== 'boolean' && type !== 'unknown') {
    checker.mismatch(
      expr,
      `a filter must be a condition (true or false for each record), but ${snippet(expr)} at column ${column(expr)} is ${typeWord(type)}: compare it with something, e.g. ${printExpression(expr)} = ...`,
    );
  }
  if (options.aggregation !== undefined && !aggregationAccepts(options.aggregation, type)) {
    const fix = NUMERIC_AGGREGATIONS.has(options.aggregation) ? 'use count or count_distinct, or aggregate a numeric field' : 'use count or count_distinct';
    checker.mismatch(expr, `${options.aggregation} cannot aggregate ${typeWord(type)} (${snippet(expr)} at column ${column(expr)}): ${fix}`);
  }
  return { type, problems: checker.problems };
}
