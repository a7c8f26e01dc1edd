/**
 * Named limits of the feed sources. Each keeps one read's memory or time bounded whatever the
 * upstream sends; each has a test that goes one past it.
 */

/**
 * Longest JSON Lines line, CSV record or JSON array element kept (bytes; characters for JSON
 * arrays). A record bigger than this is a dump, not a record: it is reported as `oversized` and
 * skipped without being buffered whole, so one bad line cannot take the checker's memory.
 */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

/**
 * Default cap on bytes read from one HTTP source in one read (all pages together); a spec may set
 * a lower `maxBytes`. 512 MiB is far more than any sample needs and still finite when an API
 * paginates forever or streams an endless body.
 */
export const MAX_HTTP_BYTES = 512 * 1024 * 1024;

/** Default cap on pages fetched in one read; a spec may set a lower `maxPages`. Stops pagination loops. */
export const MAX_PAGES = 10_000;

/**
 * Most files a glob may match. Past this the pattern is almost certainly too wide (`/**`), and
 * listing it would take the read's memory before the first record.
 */
export const MAX_GLOB_FILES = 100_000;

/** Longest cursor or object key kept while scanning a JSON body; real cursors are a few hundred bytes. */
export const MAX_CAPTURE_CHARS = 64 * 1024;

/** How often (in records) sources report progress. */
export const PROGRESS_EVERY_RECORDS = 1_000;

/** Rows fetched per round trip from a Postgres cursor: large enough to amortize, small enough to stay flat. */
export const SQL_FETCH_ROWS = 1_000;
