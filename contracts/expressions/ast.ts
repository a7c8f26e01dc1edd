/**
 * The syntax tree of metric and feature expressions (grammar: docs/expressions.md). Every node
 * carries `start`/`end`: 0-based offsets into the expression text, end exclusive, so problems can
 * name a column. Nodes built by normalization keep the offsets of the node they replace.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
export type ComparisonOperator = '=' | '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOperator = 'and' | 'or';
export type BinaryOperator = ArithmeticOperator | ComparisonOperator | LogicalOperator;

export interface NumberLiteral extends Span {
  readonly kind: 'number';
  readonly value: number;
}

export interface StringLiteral extends Span {
  readonly kind: 'string';
  readonly value: string;
}

export interface BooleanLiteral extends Span {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface NullLiteral extends Span {
  readonly kind: 'null';
}

/**
 * A record field. `path` holds one segment per nesting level; a segment ending in `[]` steps into
 * array items. `name` is the dotted form the schema field list uses: `customer.id`, `lines[].sku`.
 */
export interface FieldRef extends Span {
  readonly kind: 'field';
  readonly path: readonly string[];
  readonly name: string;
}

export interface UnaryExpr extends Span {
  readonly kind: 'unary';
  readonly op: '-' | 'not';
  readonly operand: Expr;
}

export interface BinaryExpr extends Span {
  readonly kind: 'binary';
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
}

/** `operand in [list]`, or `operand not in [list]` when negated. */
export interface InExpr extends Span {
  readonly kind: 'in';
  readonly negated: boolean;
  readonly operand: Expr;
  readonly list: readonly Expr[];
}

/** `operand is null`, or `operand is not null` when negated. */
export interface IsNullExpr extends Span {
  readonly kind: 'is-null';
  readonly negated: boolean;
  readonly operand: Expr;
}

/** A call of one of the named functions in contracts/expressions/functions.ts; `name` is lower case. */
export interface CallExpr extends Span {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly Expr[];
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | NullLiteral
  | FieldRef
  | UnaryExpr
  | BinaryExpr
  | InExpr
  | IsNullExpr
  | CallExpr;

/** The words the lexer reads as keywords, in any letter case; fields with these names need backquotes. */
export const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false']);

export const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(['=', '==', '!=', '<', '<=', '>', '>=']);
