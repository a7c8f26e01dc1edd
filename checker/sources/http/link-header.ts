// A target and its parameters; quoted parameter values may hold commas and semicolons.
const LINK_VALUE = /<([^>]*)>((?:\s*;\s*[^;,=\s]+\s*(?:=\s*(?:"[^"]*"|[^;,]*))?)*)/g;
const REL_PARAM = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i;

/**
 * The `rel="next"` target of an RFC 8288 `Link` header, resolved against the page's URL, or
 * undefined when there is none. `rel` may list several relation types (`rel="next last"`).
 */
export function nextLink(header: string | null, base: string): string | undefined {
  if (header === null) return undefined;
  for (const match of header.matchAll(LINK_VALUE)) {
    const rel = REL_PARAM.exec(match[2] ?? '');
    const types = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (types.includes('next')) {
      try {
        return new URL(match[1] ?? '', base).href;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
