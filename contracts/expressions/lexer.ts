import { KEYWORDS } from './ast.js';
import { expressionError } from './expression-error.js';

export type TokenKind = 'number' | 'string' | 'name' | 'quoted-name' | 'keyword' | 'symbol' | 'end';

/**
 * One token. `text` is the lower-cased word for keywords, the symbol for symbols, the unescaped
 * value for strings and quoted names, and the source text otherwise.
 */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Longest symbols first, so `<=` is not read as `<` then `=`. */
const SYMBOLS = ['==', '!=', '<=', '>=', '+', '-', '*', '/', '%', '=', '<', '>', '(', ')', '[', ']', ',', '.'];

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const STRING_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t' };

function readString(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  let at = start + 1;
  while (at < text.length) {
    const char = text[at]!;
    if (char === quote) return { value, end: at + 1 };
    if (char === '\\') {
      const escaped = STRING_ESCAPES[text[at + 1] ?? ''];
      if (escaped === undefined) {
        throw expressionError(
          "unknown escape in a string at {column}: use \\\\, \\', \\\", \\n or \\t",
          at,
        );
      }
      value += escaped;
      at += 2;
      continue;
    }
    value += char;
    at += 1;
  }
  throw expressionError(`unterminated string starting at {column}: add the closing ${quote}`, start);
}

function readQuotedName(text: string, start: number): { value: string; end: number } {
  const close = text.indexOf('`', start + 1);
  const newline = text.indexOf('\n', start + 1);
  if (close < 0 || (newline >= 0 && newline < close)) {
    throw expressionError('unterminated field name starting at {column}: add the closing `', start);
  }
  if (close === start + 1) throw expressionError('empty field name `` at {column}: write the name between the backquotes', start);
  return { value: text.slice(start + 1, close), end: close + 1 };
}

/**
 * Splits an expression into tokens, ending with one `end` token. Keywords are matched in any
 * letter case. Throws ConcordError `invalid-expression` with the column of the first character
 * that fits no token.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    if (/[0-9]/.test(char)) {
      NUMBER.lastIndex = at;
      const match = NUMBER.exec(text)!;
      const end = at + match[0].length;
      if (end < text.length && NAME_PART.test(text[end]!)) {
        throw expressionError(`unexpected '${text[end]}' right after the number at {column}: add a space or an operator`, end);
      }
      tokens.push({ kind: 'number', text: match[0], start: at, end });
      at = end;
      continue;
    }
    if (NAME_START.test(char)) {
      let end = at + 1;
      while (end < text.length && NAME_PART.test(text[end]!)) end += 1;
      const word = text.slice(at, end);
      const lower = word.toLowerCase();
      tokens.push(KEYWORDS.has(lower) ? { kind: 'keyword', text: lower, start: at, end } : { kind: 'name', text: word, start: at, end });
      at = end;
      continue;
    }
    if (char === "'" || char === '"') {
      const { value, end } = readString(text, at);
      tokens.push({ kind: 'string', text: value, start: at, end });
      at = end;
      continue;
    }
    if (char === '`') {
      const { value, end } = readQuotedName(text, at);
      tokens.push({ kind: 'quoted-name', text: value, start: at, end });
      at = end;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, at));
    if (symbol === undefined) {
      const hint = char === '&' || char === '|' ? ': write and / or' : char === '!' ? ': write not, or != to compare' : '';
      throw expressionError(`unexpected character '${char}' at {column}${hint}`, at);
    }
    tokens.push({ kind: 'symbol', text: symbol, start: at, end: at + symbol.length });
    at += symbol.length;
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return tokens;
}
