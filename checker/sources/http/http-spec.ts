import type { FeedSource } from '../../model.js';
import { pointerTokens } from '../json-element-scanner.js';
import { MAX_HTTP_BYTES, MAX_PAGES } from '../limits.js';
import type { SpecReader } from '../spec-reader.js';
import {
  credentialHint,
  DEFAULT_BACKOFF_MS,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  MAX_BACKOFF_MS,
  type Pagination,
} from './http-options.js';
import { createHttpSource } from './http-source.js';

/** Header names whose values are credentials: they may only come from the environment (`headersEnv`). */
const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token)$/i;

function pointer(reader: SpecReader, field: string, value: string): string {
  try {
    pointerTokens(value);
  } catch (error) {
    reader.fail(field, (error as Error).message);
  }
  return value === '/' ? '' : value;
}

function pagination(reader: SpecReader): Pagination {
  const raw = reader.spec.pagination;
  if (raw === undefined || raw === null) return { type: 'none' };
  if (typeof raw !== 'object' || Array.isArray(raw)) reader.fail('pagination', 'must be an object such as { type: page, param: page }');
  const spec = raw as Readonly<Record<string, unknown>>;
  const text = (field: string, fallback?: string): string => {
    const value = spec[field] ?? fallback;
    if (typeof value !== 'string' || value === '') reader.fail(`pagination.${field}`, 'must be a non-empty string');
    return value;
  };
  switch (spec.type) {
    case 'page': {
      const sizeParam = spec.sizeParam === undefined ? undefined : text('sizeParam');
      const size = sizeParam === undefined ? undefined : reader.integer('size', 100, 1, 1_000_000, spec, 'pagination.size');
      return { type: 'page', param: text('param', 'page'), start: reader.integer('start', 1, 0, 1_000_000, spec, 'pagination.start'), sizeParam, size };
    }
    case 'cursor':
      return { type: 'cursor', param: text('param', 'cursor'), next: pointer(reader, 'pagination.next', text('next')) };
    case 'link':
      return { type: 'link' };
    case 'none':
      return { type: 'none' };
    default:
      return reader.fail('pagination.type', 'must be one of page, cursor, link, none');
  }
}

/**
 * `{ type: http, url, records?, pagination?, tokenEnv?, headersEnv?, headers?, timeoutMs?,
 * retries?, backoffMs?, maxBytes?, maxPages? }` -> an HTTP source. Credentials come only from
 * environment variables named by `tokenEnv` (sent as `Authorization: Bearer`) and `headersEnv`.
 */
export function httpSourceFromSpec(reader: SpecReader): FeedSource {
  const parsed = reader.url('url', ['http:', 'https:'], 'an http:// or https:// URL');
  if (parsed.username !== '' || parsed.password !== '') reader.fail('url', 'must not carry credentials: use tokenEnv or headersEnv');
  parsed.hash = '';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reader.stringMap('headers'))) {
    if (SECRET_HEADERS.test(name)) reader.fail(`headers.${name}`, 'is a credential: name an environment variable in headersEnv instead');
    headers[name] = value;
  }
  const envNames: string[] = [];
  for (const [name, variable] of Object.entries(reader.stringMap('headersEnv'))) {
    headers[name] = reader.envValue(`headersEnv.${name}`, variable) as string;
    envNames.push(variable);
  }
  const token = reader.envValue('tokenEnv');
  if (token !== undefined) {
    headers.authorization = `Bearer ${token}`;
    envNames.unshift(reader.string('tokenEnv'));
  }
  return createHttpSource({
    url: parsed.href,
    records: pointer(reader, 'records', reader.optionalString('records') ?? ''),
    pagination: pagination(reader),
    headers,
    timeoutMs: reader.integer('timeoutMs', DEFAULT_TIMEOUT_MS, 1, 10 * 60_000),
    retries: reader.integer('retries', DEFAULT_RETRIES, 0, 10),
    backoffMs: reader.integer('backoffMs', DEFAULT_BACKOFF_MS, 0, MAX_BACKOFF_MS),
    maxBytes: reader.integer('maxBytes', MAX_HTTP_BYTES, 1, MAX_HTTP_BYTES),
    maxPages: reader.integer('maxPages', MAX_PAGES, 1, MAX_PAGES),
    authHint: credentialHint(envNames),
  });
}
