/**
 * Parses JSON that may have trailing commas before `]` or `}` (one of the third-party data files
 * has them). Commas inside strings are left alone. Anything else non-standard still fails.
 */
export function stripTrailingCommas(text: string): string {
  let out = '';
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (inString) {
      out += char;
      if (char === '\\') {
        out += text[index + 1] ?? '';
        index += 1;
      } else if (char === '"') {
        inString = false;
      }
      continue;
    }
    if (char === '"') inString = true;
    if (char === ',') {
      let next = index + 1;
      while (next < text.length && /\s/.test(text[next] as string)) next += 1;
      if (text[next] === ']' || text[next] === '}') continue;
    }
    out += char;
  }
  return out;
}

export function parseTolerantJson(text: string): unknown {
  return JSON.parse(stripTrailingCommas(text));
}
