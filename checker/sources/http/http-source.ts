import type { FeedSource, OpenOptions } from '../../model.js';
import { ReadTracker } from '../read-tracker.js';
import { redactUrl } from '../redact.js';
import { sourceUnavailable } from '../source-errors.js';
import type { HttpSourceOptions } from './http-options.js';
import { nextLink } from './link-header.js';
import { readPage, type PageOutcome } from './read-page.js';

function withParam(url: string, name: string, value: string): string {
  const next = new URL(url);
  next.searchParams.set(name, value);
  return next.href;
}

function firstUrl(options: HttpSourceOptions): string {
  const { pagination } = options;
  if (pagination.type !== 'page') return options.url;
  let url = withParam(options.url, pagination.param, String(pagination.start));
  if (pagination.sizeParam !== undefined && pagination.size !== undefined) url = withParam(url, pagination.sizeParam, String(pagination.size));
  return url;
}

/** The URL of the page after `url`, or undefined when the feed has no more pages. */
function followingUrl(options: HttpSourceOptions, description: string, url: string, outcome: PageOutcome, page: number): string | undefined {
  const { pagination } = options;
  switch (pagination.type) {
    case 'none':
      return undefined;
    case 'page':
      return outcome.elements === 0 ? undefined : withParam(url, pagination.param, String(page + 1));
    case 'cursor': {
      const cursor = outcome.cursor;
      if (cursor === undefined || cursor === null || cursor === '') return undefined;
      if (typeof cursor !== 'string' && typeof cursor !== 'number') {
        throw sourceUnavailable(description, `the cursor at ${pagination.next} is not a string or number`, 'check the pagination.next pointer');
      }
      return withParam(url, pagination.param, String(cursor));
    }
    case 'link': {
      const next = nextLink(outcome.linkHeader ?? null, url);
      if (next === undefined) return undefined;
      if (new URL(next).origin !== new URL(options.url).origin) {
        // Credentials go with every request; following another origin would hand them over.
        throw sourceUnavailable(description, `the next-page link points to another origin (${redactUrl(next)})`, 'the API must paginate on its own origin');
      }
      return next;
    }
  }
}

/**
 * A feed read from a JSON API, page by page, each page's records streamed as the body arrives.
 * Stops at the caller's limit, at `maxPages` or `maxBytes` (an `oversized` issue says where),
 * or when the pagination says there is no next page.
 */
export function createHttpSource(options: HttpSourceOptions): FeedSource {
  const description = `http ${redactUrl(options.url)}`;
  return { description, open: (open: OpenOptions = {}) => readHttp(options, description, open) };
}

async function* readHttp(options: HttpSourceOptions, description: string, open: OpenOptions): AsyncGenerator<unknown> {
  const tracker = new ReadTracker(open);
  const cursorPointer = options.pagination.type === 'cursor' ? options.pagination.next : undefined;
  let url: string | undefined = firstUrl(options);
  let page = options.pagination.type === 'page' ? options.pagination.start : 0;
  const seen = new Set<string>();
  try {
    for (let pages = 0; url !== undefined; pages += 1) {
      if (tracker.done) return;
      if (pages >= options.maxPages) {
        open.onIssue?.({ kind: 'oversized', location: `GET ${redactUrl(url)}`, message: `stopped at the cap of ${options.maxPages} pages; the rest of the feed was not read` });
        return;
      }
      seen.add(url);
      const outcome: PageOutcome = yield* readPage(url, { options, description, open, tracker, cursorPointer });
      if (outcome.stopped) return;
      url = followingUrl(options, description, url, outcome, page);
      page += 1;
      // A cursor or link that points back at a page already read would loop until maxPages.
      if (url !== undefined && seen.has(url)) return;
    }
  } finally {
    tracker.report();
  }
}
