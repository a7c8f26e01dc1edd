/** Limits on expressions: they arrive inside user documents, so parsing stops before time or stack run out. */

/**
 * Longest expression, in characters. Hand-written expressions and filters are a line or two; 4 KiB
 * still holds an `in` list of a few hundred codes, and bounds the work of parsing and normalizing.
 */
export const MAX_EXPRESSION_LENGTH = 4096;

/**
 * Deepest nesting of parentheses, brackets, function calls, `not` and unary minus. Nobody writes 64
 * levels by hand; the bound keeps the recursive-descent parser and every tree walk far from the
 * stack limit.
 */
export const MAX_EXPRESSION_DEPTH = 64;
