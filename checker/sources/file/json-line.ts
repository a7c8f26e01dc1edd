/**
 * The one decision on what a JSON Lines line holds, shared by `check` (the file source) and
 * `gate`, so the two never disagree on a feed: a byte-order mark at the start of line 1 is an
 * editor's and is dropped, and a line of only whitespace (a trailing blank line, a `\r` left by
 * CRLF) is no record and is skipped by both. Returns the JSON text, or undefined for a blank line.
 */
export function jsonLineText(text: string, line: number): string | undefined {
  const body = line === 1 && text.startsWith('\uFEFF') ? text.slice(1) : text;
  return body.trim() === '' ? undefined : body;
}
