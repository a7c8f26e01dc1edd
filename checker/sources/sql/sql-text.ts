/**
 * Finds where a piece of SQL has a statement break (`;`) outside strings, quoted identifiers,
 * comments and Postgres dollar quotes. Returns `'ok'`, `'multiple'` when text follows a `;`,
 * or `'unterminated'` when a string or comment never ends (it would swallow what Concord appends).
 */
export function statementShape(text: string): 'ok' | 'multiple' | 'unterminated' | 'trailing-semicolon' {
  let i = 0;
  let semicolonAt = -1;
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (semicolonAt !== -1 && !/\s/.test(c) && !(c === '-' && next === '-') && !(c === '/' && next === '*')) return 'multiple';
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      for (;;) {
        if (j >= text.length) return 'unterminated';
        if (text[j] === '\\' && c === "'") j += 2;
        else if (text[j] === c && text[j + 1] === c) j += 2;
        else if (text[j] === c) break;
        else j += 1;
      }
      i = j + 1;
    } else if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end + 1;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return 'unterminated';
      i = end + 2;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))?.[0];
      if (tag === undefined) i += 1;
      else {
        const end = text.indexOf(tag, i + tag.length);
        if (end === -1) return 'unterminated';
        i = end + tag.length;
      }
    } else {
      if (c === ';') semicolonAt = i;
      i += 1;
    }
  }
  return semicolonAt === -1 ? 'ok' : 'trailing-semicolon';
}

/** Table names Concord quotes itself: `orders`, `sales.orders`; anything else is refused. */
export const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/;
