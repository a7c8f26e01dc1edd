/** Every URL of the web UI, built in one place so links and routes agree. Ids are path-escaped. */

const segment = (text: string): string => encodeURIComponent(text);

function withQuery(path: string, query: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, value);
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** URL builders of every UI page; empty query values are left out. */
export const uiPaths = {
  catalog: (query: Readonly<Record<string, string | undefined>> = {}) => withQuery('/', query),
  contract: (id: string, version?: string) => withQuery(`/contracts/${segment(id)}`, { version }),
  /** `offset` counts versions from the newest, as the versions page lists them. */
  versions: (id: string, from?: string, to?: string, offset?: number) =>
    withQuery(`/contracts/${segment(id)}/versions`, { from, to, offset: offset === undefined || offset === 0 ? undefined : String(offset) }),
  drift: (id: string) => `/contracts/${segment(id)}/drift`,
  run: (id: string, runId: number) => `/contracts/${segment(id)}/runs/${runId}`,
  metrics: (query: Readonly<Record<string, string | undefined>> = {}) => withQuery('/metric-catalog', query),
  metric: (name: string) => `/metric-catalog/${segment(name)}`,
  impact: '/impact',
  login: (next?: string, notice?: string) => withQuery('/login', { next, notice }),
  logout: '/logout',
} as const;

/**
 * The path a login may send the viewer back to: a local path only (`/contracts/x?y`), never
 * another site (`//evil.example`, `https://…`, `/\evil`), so the login form is no open redirect.
 */
export function localReturnPath(text: string | undefined): string {
  if (text === undefined || !text.startsWith('/') || text.startsWith('//') || /[\\\s]/.test(text) || text.length > 2_000) return '/';
  return text;
}
