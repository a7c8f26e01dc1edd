import { KEYWORDS, type BinaryOperator, type Expr } from './ast.js';

/** Binding strength, loosest first; parentheses are printed only where a child binds looser. */
const PRECEDENCE = {
  or: 1,
  and: 2,
  not: 3,
  comparison: 4,
  additive: 5,
  multiplicative: 6,
  negation: 7,
  value: 8,
} as const;

function binaryPrecedence(op: BinaryOperator): number {
  switch (op) {
    case 'or':
      return PRECEDENCE.or;
    case 'and':
      return PRECEDENCE.and;
    case '+':
    case '-':
      return PRECEDENCE.additive;
    case '*':
    case '/':
    case '%':
      return PRECEDENCE.multiplicative;
    default:
      return PRECEDENCE.comparison;
  }
}

function precedenceOf(expr: Expr): number {
  switch (expr.kind) {
    case 'binary':
      return binaryPrecedence(expr.op);
    case 'in':
    case 'is-null':
      return PRECEDENCE.comparison;
    case 'unary':
      return expr.op === 'not' ? PRECEDENCE.not : PRECEDENCE.negation;
    case 'number':
      return expr.value < 0 ? PRECEDENCE.negation : PRECEDENCE.value;
    default:
      return PRECEDENCE.value;
  }
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function printSegment(segment: string): string {
  const arrayMarks = /(\[\])*$/.exec(segment)![0];
  const base = segment.slice(0, segment.length - arrayMarks.length);
  const plain = PLAIN_NAME.test(base) && !KEYWORDS.has(base.toLowerCase());
  return `${plain ? base : `\`${base}\``}${arrayMarks}`;
}

function printString(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return `'${escaped}'`;
}

/** `-0` prints as `0`; other numbers in JavaScript's shortest round-trip form, which the lexer reads back. */
function printNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

function wrap(text: string, parenthesize: boolean): string {
  return parenthesize ? `(${text})` : text;
}

function print(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return printNumber(expr.value);
    case 'string':
      return printString(expr.value);
    case 'boolean':
      return String(expr.value);
    case 'null':
      return 'null';
    case 'field':
      return expr.path.map(printSegment).join('.');
    case 'call':
      return `${expr.name}(${expr.args.map(print).join(', ')})`;
    case 'unary': {
      const operand = print(expr.operand);
      if (expr.op === 'not') return `not ${wrap(operand, precedenceOf(expr.operand) < PRECEDENCE.not)}`;
      return `-${wrap(operand, precedenceOf(expr.operand) < PRECEDENCE.negation || operand.startsWith('-'))}`;
    }
    case 'binary': {
      const own = binaryPrecedence(expr.op);
      // Comparisons do not chain, so a comparison on either side needs parentheses; on the right,
      // an operator of equal strength does too, because the parser groups to the left.
      const leftLimit = own === PRECEDENCE.comparison ? own + 1 : own;
      const left = wrap(print(expr.left), precedenceOf(expr.left) < leftLimit);
      const right = wrap(print(expr.right), precedenceOf(expr.right) <= own);
      return `${left} ${expr.op} ${right}`;
    }
    case 'in': {
      const operand = wrap(print(expr.operand), precedenceOf(expr.operand) <= PRECEDENCE.comparison);
      return `${operand} ${expr.negated ? 'not in' : 'in'} [${expr.list.map(print).join(', ')}]`;
    }
    case 'is-null': {
      const operand = wrap(print(expr.operand), precedenceOf(expr.operand) <= PRECEDENCE.comparison);
      return `${operand} is ${expr.negated ? 'not null' : 'null'}`;
    }
  }
}

/**
 * Prints a syntax tree as expression text that parses back to the same tree: keywords in lower
 * case, strings in single quotes, one space around operators, and parentheses only where needed.
 */
export function printExpression(expr: Expr): string {
  return print(expr);
}
