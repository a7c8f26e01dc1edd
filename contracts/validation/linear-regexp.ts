import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';

/**
 * ajv's `code.regExp` backed by RE2 (re2js): matching takes time linear in the input whatever the
 * pattern, so a contract's `pattern` can never hang a check. Patterns RE2 refuses (backreferences,
 * lookaround) are refused at lint time already; if one reaches the validator, compiling throws.
 * The `u` flag needs nothing: RE2 always matches by code point.
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string) => {
    const compiled = RE2JS.compile(RE2JS.translateRegExp(pattern));
    // ajv shares compiled patterns between keywords by their toString(): it must name the pattern.
    return { test: (text: string) => compiled.test(text), toString: () => `/${pattern}/u` };
  },
  // Only read by ajv's standalone code generation, which Concord does not use.
  { code: 'concordLinearRegExp' },
);
