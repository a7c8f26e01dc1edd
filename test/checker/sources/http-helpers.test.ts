import { describe, expect, test } from 'vitest';
import { MAX_BACKOFF_MS } from '../../../checker/sources/http/http-options.js';
import { nextLink } from '../../../checker/sources/http/link-header.js';
import { retryDelay } from '../../../checker/sources/http/retry-policy.js';
import { redactUrl } from '../../../checker/sources/redact.js';

describe('nextLink', () => {
  test.each([
    ['<https://h/a?page=2>; rel="next"', 'https://h/a?page=2'],
    ['</a?page=1>; rel="first", </a?page=3>; rel=next', 'https://h/a?page=3'],
    ['<https://h/a?page=3>; title="x, y"; rel="next last"', 'https://h/a?page=3'],
    ['<https://h/a?page=1>; rel="prev"', undefined],
    [null, undefined],
  ])('%s', (header, want) => {
    expect(nextLink(header, 'https://h/a?page=2')).toBe(want);
  });
});

describe('retryDelay', () => {
  const now = Date.parse('2026-11-24T00:00:00Z');
  test.each([
    ['first retry', 0, 500, null, 500],
    ['doubles each retry', 3, 500, null, 4_000],
    ['Retry-After seconds when longer', 0, 500, '2', 2_000],
    ['backoff when Retry-After is shorter', 2, 500, '1', 2_000],
    ['Retry-After as an HTTP date', 0, 10, 'Tue, 24 Nov 2026 00:00:05 GMT', 5_000],
    ['never more than MAX_BACKOFF_MS', 20, 500, null, MAX_BACKOFF_MS],
    ['a huge Retry-After is capped too', 0, 500, '86400', MAX_BACKOFF_MS],
  ])('%s', (_name, attempt, backoff, retryAfter, want) => {
    expect(retryDelay(attempt, backoff, retryAfter, now)).toBe(want);
  });
});

describe('redactUrl', () => {
  test.each([
    ['postgres://app:pw@db:5432/shop?sslmode=require', 'postgres://app@db:5432/shop?sslmode=require'],
    ['https://h/api?api_key=abc&page=2&access_token=t', 'https://h/api?api_key=***&page=2&access_token=***'],
    ['https://h/api#/data', 'https://h/api#/data'],
    ['not a url', '[unparseable url]'],
  ])('%s', (url, want) => {
    expect(redactUrl(url)).toBe(want);
  });
});
