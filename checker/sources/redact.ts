/** Query parameters whose values are treated as secrets in descriptions and issue locations. */
const SECRET_PARAM = /token|key|secret|pass|sig|auth|credential/i;

/**
 * A URL fit for reports and logs: the user name kept, the password dropped, and the values of
 * secret-looking query parameters (`api_key`, `token`, `sig`...) replaced by `***`. The fragment
 * is kept (it carries the records pointer, never a secret we send).
 */
export function redactUrl(url: URL | string): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return '[unparseable url]';
  }
  const user = parsed.username === '' ? '' : `${parsed.username}@`;
  const params = [...parsed.searchParams].map(
    ([name, value]) => `${encodeURIComponent(name)}=${SECRET_PARAM.test(name) ? '***' : encodeURIComponent(value)}`,
  );
  const search = params.length === 0 ? '' : `?${params.join('&')}`;
  return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}${search}${parsed.hash}`;
}
