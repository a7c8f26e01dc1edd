import type { SourceSpec } from '../../contracts/index.js';
import { ConcordError } from '../../contracts/index.js';
import { FROM_ARGUMENT } from './create-source.js';

/** The name `--source` specs carry, so errors say where the bad value came from. */
export const ARGUMENT_SOURCE_NAME = '--source';

/** Parameters Concord takes out of a database URL; the rest stay for the driver (`sslmode`...). */
const SQL_PARAMS = ['table', 'query', 'where', 'orderBy'] as const;

function argumentSpec(fields: Record<string, unknown>): SourceSpec {
  const spec = { name: ARGUMENT_SOURCE_NAME, ...fields } as SourceSpec;
  Object.defineProperty(spec, FROM_ARGUMENT, { value: true, enumerable: false });
  return spec;
}

function sqlParams(params: URLSearchParams): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of SQL_PARAMS) {
    const value = params.get(name);
    if (value !== null) picked[name] = value;
    params.delete(name);
  }
  return picked;
}

/**
 * Turns the command line's `--source` text into a source spec for `createSource`:
 * - `https://host/api/orders#/data` -> http, records pointer from the fragment (default: the root);
 * - `sqlite:path/to.db?table=orders` (also `&where=...`, `&orderBy=...`, or `?query=...`) -> sql on SQLite;
 * - `postgres://user@host/db?table=orders`, `mysql://...?table=orders` -> sql (other query
 *   parameters stay in the URL for the driver);
 * - `nats://host:4222/orders.created` (optional `?stream=ORDERS&maxSeconds=10`) -> nats;
 * - anything else is a local path or glob -> file, format from the extension.
 * A password typed in a URL is accepted here (never printed) but refused in contracts.
 */
export function parseSourceArgument(text: string): SourceSpec {
  const value = text.trim();
  if (value === '') throw new ConcordError('invalid-argument', '--source is empty: give a path, glob, http(s) URL or database URL');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    const hash = value.indexOf('#');
    const url = hash === -1 ? value : value.slice(0, hash);
    // No fragment (or an empty one) means the response body itself is the records array.
    const records = hash === -1 ? '' : decodeURIComponent(value.slice(hash + 1));
    return argumentSpec(records === '' ? { type: 'http', url } : { type: 'http', url, records });
  }
  if (scheme === 'sqlite') {
    const question = value.indexOf('?');
    const params = new URLSearchParams(question === -1 ? '' : value.slice(question + 1));
    return argumentSpec({ type: 'sql', url: question === -1 ? value : value.slice(0, question), ...sqlParams(params) });
  }
  if (scheme === 'postgres' || scheme === 'postgresql' || scheme === 'mysql' || scheme === 'mariadb') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConcordError('invalid-argument', `--source: not a valid ${scheme} URL`);
    }
    const picked = sqlParams(url.searchParams);
    return argumentSpec({ type: 'sql', url: url.href, ...picked });
  }
  if (scheme === 'nats' || scheme === 'tls') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConcordError('invalid-argument', '--source: not a valid nats:// URL');
    }
    const subject = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (subject === '') throw new ConcordError('invalid-argument', '--source: name the subject in the path, e.g. nats://127.0.0.1:4222/orders.created');
    const stream = url.searchParams.get('stream') ?? undefined;
    const maxSeconds = url.searchParams.get('maxSeconds');
    const auth = url.username === '' ? '' : `${url.username}${url.password === '' ? '' : `:${url.password}`}@`;
    return argumentSpec({
      type: 'nats',
      url: `${url.protocol}//${auth}${url.host}`,
      subject,
      ...(stream === undefined ? {} : { stream }),
      ...(maxSeconds === null ? {} : { maxSeconds: Number(maxSeconds) }),
    });
  }
  if (scheme !== undefined && scheme.length > 1) {
    throw new ConcordError('invalid-argument', `--source: "${scheme}:" sources are not supported; use a path, http(s)://, sqlite:, postgres://, mysql:// or nats://`);
  }
  return argumentSpec({ type: 'file', path: value });
}
