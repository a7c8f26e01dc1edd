import { COMPARISON_OPERATORS, type BinaryOperator, type Expr, type FieldRef } from './ast.js';
import { expressionError } from './expression-error.js';
import { arityText, FUNCTIONS } from './functions.js';
import { tokenize, type Token } from './lexer.js';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from './limits.js';

/**
 * Recursive descent, one function per precedence level, loosest first:
 * or < and < not < comparison (= != < <= > >= in, not in, is [not] null) < + - < * / % < unary - < value.
 */
class Parser {
  private position = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Expr {
    if (this.peek().kind === 'end') {
      throw expressionError('the expression is empty at {column}: write a value such as a field name', 0);
    }
    const expr = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') throw expressionError(`unexpected ${describe(next)} at {column}: expected an operator or the end`, next.start);
    return expr;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.position += 1;
    return token;
  }

  private isSymbol(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'symbol' && token.text === text;
  }

  private isKeyword(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'keyword' && token.text === text;
  }

  private expectSymbol(text: string, opening: Token): Token {
    const token = this.peek();
    if (token.kind === 'symbol' && token.text === text) return this.next();
    throw expressionError(
      `expected '${text}' to close the '${opening.text}' at column ${opening.start + 1}, found ${describe(token)} at {column}`,
      token.start,
    );
  }

  /** Runs `parse` one nesting level deeper, refusing to go past MAX_EXPRESSION_DEPTH. */
  private nested<T>(at: number, parse: () => T): T {
    if (this.depth >= MAX_EXPRESSION_DEPTH) {
      throw expressionError(
        `the expression nests deeper than ${MAX_EXPRESSION_DEPTH} levels at {column}: split it into simpler parts`,
        at,
        'too-large',
      );
    }
    this.depth += 1;
    try {
      return parse();
    } finally {
      this.depth -= 1;
    }
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      this.next();
      const right = this.parseAnd();
      left = { kind: 'binary', op: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isKeyword('and')) {
      this.next();
      const right = this.parseNot();
      left = { kind: 'binary', op: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseNot(): Expr {
    if (!this.isKeyword('not')) return this.parseComparison();
    const not = this.next();
    const operand = this.nested(not.start, () => this.parseNot());
    return { kind: 'unary', op: 'not', operand, start: not.start, end: operand.end };
  }

  private parseComparison(): Expr {
    const left = this.parseAdditive();
    const compared = this.parseComparisonTail(left);
    if (compared === left) return left;
    const token = this.peek();
    if ((token.kind === 'symbol' && COMPARISON_OPERATORS.has(token.text)) || this.isKeyword('in') || this.isKeyword('is')) {
      throw expressionError(
        `comparisons do not chain: ${describe(token)} at {column} follows another comparison; add parentheses or join them with and`,
        token.start,
      );
    }
    return compared;
  }

  private parseComparisonTail(left: Expr): Expr {
    const token = this.peek();
    if (token.kind === 'symbol' && COMPARISON_OPERATORS.has(token.text)) {
      this.next();
      const right = this.parseAdditive();
      return { kind: 'binary', op: token.text as BinaryOperator, left, right, start: left.start, end: right.end };
    }
    if (this.isKeyword('in') || (this.isKeyword('not') && this.isKeyword('in', 1))) {
      const negated = this.isKeyword('not');
      if (negated) this.next();
      this.next();
      return this.parseInList(left, negated);
    }
    if (this.isKeyword('is')) {
      this.next();
      const negated = this.isKeyword('not');
      if (negated) this.next();
      const nullToken = this.peek();
      if (nullToken.kind !== 'keyword' || nullToken.text !== 'null') {
        throw expressionError(`expected null after 'is${negated ? ' not' : ''}' at {column}, found ${describe(nullToken)}`, nullToken.start);
      }
      this.next();
      return { kind: 'is-null', negated, operand: left, start: left.start, end: nullToken.end };
    }
    if (this.isKeyword('not')) {
      throw expressionError(`expected in after 'not' at {column}: write x not in [...], or put not before the condition`, this.peek(1).start);
    }
    return left;
  }

  private parseInList(operand: Expr, negated: boolean): Expr {
    const open = this.peek();
    if (!this.isSymbol('[')) {
      throw expressionError(`expected '[' to start the list after 'in' at {column}, found ${describe(open)}`, open.start);
    }
    this.next();
    return this.nested(open.start, () => {
      const list: Expr[] = [];
      if (this.isSymbol(']')) throw expressionError("an in-list needs at least one value at {column}: write [a, b]", this.peek().start);
      do {
        if (list.length > 0) this.next();
        list.push(this.parseOr());
      } while (this.isSymbol(','));
      const close = this.expectSymbol(']', open);
      return { kind: 'in', negated, operand, list, start: operand.start, end: close.end } as const;
    });
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isSymbol('+') || this.isSymbol('-')) {
      const op = this.next().text as BinaryOperator;
      const right = this.parseMultiplicative();
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.isSymbol('*') || this.isSymbol('/') || this.isSymbol('%')) {
      const op = this.next().text as BinaryOperator;
      const right = this.parseUnary();
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseUnary(): Expr {
    if (!this.isSymbol('-')) return this.parseValue();
    const minus = this.next();
    const operand = this.nested(minus.start, () => this.parseUnary());
    // A minus sign on a number is part of the literal, so `-1` reads back as the number it prints from.
    if (operand.kind === 'number') {
      return { kind: 'number', value: operand.value === 0 ? 0 : -operand.value, start: minus.start, end: operand.end };
    }
    return { kind: 'unary', op: '-', operand, start: minus.start, end: operand.end };
  }

  private parseValue(): Expr {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        this.next();
        return { kind: 'number', value: numberValue(token), start: token.start, end: token.end };
      case 'string':
        this.next();
        return { kind: 'string', value: token.text, start: token.start, end: token.end };
      case 'name':
        return this.isSymbol('(', 1) ? this.parseCall() : this.parseField();
      case 'quoted-name':
        return this.parseField();
      case 'keyword':
        if (token.text === 'true' || token.text === 'false') {
          this.next();
          return { kind: 'boolean', value: token.text === 'true', start: token.start, end: token.end };
        }
        if (token.text === 'null') {
          this.next();
          return { kind: 'null', start: token.start, end: token.end };
        }
        break;
      case 'symbol':
        if (token.text === '(') return this.parseParenthesized();
        break;
      case 'end':
        break;
    }
    throw this.expectedValue(token);
  }

  private expectedValue(token: Token): Error {
    const previous = this.position > 0 ? this.tokens[this.position - 1] : undefined;
    const after = previous !== undefined ? ` after ${describe(previous)}` : '';
    const found = token.kind === 'end' ? '' : `, found ${describe(token)}`;
    const hint = token.kind === 'keyword' ? `; a field named ${token.text} needs backquotes: \`${token.text}\`` : '';
    return expressionError(`expected a value${after} at {column}${found}${hint}`, token.start);
  }

  private parseParenthesized(): Expr {
    const open = this.next();
    return this.nested(open.start, () => {
      const inner = this.parseOr();
      this.expectSymbol(')', open);
      return inner;
    });
  }

  private parseField(): FieldRef {
    const first = this.peek();
    const path: string[] = [];
    let end = first.end;
    for (;;) {
      const segment = this.next();
      if (segment.kind !== 'name' && segment.kind !== 'quoted-name') {
        throw expressionError(`expected a field name after '.' at {column}, found ${describe(segment)}`, segment.start);
      }
      let name = segment.text;
      end = segment.end;
      while (this.isSymbol('[') && this.isSymbol(']', 1)) {
        this.next();
        end = this.next().end;
        name += '[]';
      }
      path.push(name);
      if (!this.isSymbol('.')) break;
      this.next();
    }
    return { kind: 'field', path, name: path.join('.'), start: first.start, end };
  }

  private parseCall(): Expr {
    const nameToken = this.next();
    const name = nameToken.text.toLowerCase();
    const spec = FUNCTIONS.get(name);
    if (spec === undefined) {
      throw expressionError(
        `unknown function '${nameToken.text}' at {column}: use one of ${[...FUNCTIONS.keys()].join(', ')}`,
        nameToken.start,
      );
    }
    const open = this.next();
    return this.nested(open.start, () => {
      const args: Expr[] = [];
      if (!this.isSymbol(')')) {
        do {
          if (args.length > 0) this.next();
          args.push(this.parseOr());
        } while (this.isSymbol(','));
      }
      const close = this.expectSymbol(')', open);
      if (args.length < spec.minArgs || args.length > spec.maxArgs) {
        throw expressionError(
          `${name} takes ${arityText(spec)} but got ${args.length} at {column}: write ${spec.usage}`,
          nameToken.start,
        );
      }
      return { kind: 'call', name, args, start: nameToken.start, end: close.end } as const;
    });
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the expression';
    case 'string':
      return 'a string';
    case 'quoted-name':
      return `\`${token.text}\``;
    default:
      return `'${token.text}'`;
  }
}

function numberValue(token: Token): number {
  const value = Number(token.text);
  if (!Number.isFinite(value)) {
    throw expressionError(`the number ${token.text} at {column} is too large to represent`, token.start);
  }
  return value;
}

/**
 * Parses a metric or feature expression (grammar: docs/expressions.md) into a syntax tree.
 * Never evaluates anything. Throws ConcordError `invalid-expression` with the 1-based column of
 * the problem, or `too-large` past MAX_EXPRESSION_LENGTH characters or MAX_EXPRESSION_DEPTH levels.
 */
export function parseExpression(text: string): Expr {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw expressionError(
      `the expression is ${text.length} characters long, over the limit of ${MAX_EXPRESSION_LENGTH} (from {column}): split it into smaller metrics`,
      MAX_EXPRESSION_LENGTH,
      'too-large',
    );
  }
  return new Parser(tokenize(text)).parseAll();
}
