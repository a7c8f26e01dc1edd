/*
 * Bounds on what one MCP tool call may ask for. A model writes these arguments, and a model that
 * loops or hallucinates can send far more than any real question needs; each bound stops such a
 * call with a tool error before it reaches the registry.
 */

/**
 * Longest free-text search. The registry matches it as a substring of ids and titles, both of
 * which are far shorter; 200 characters leaves room for a pasted title.
 */
export const MAX_QUERY_LENGTH = 200;

/**
 * Longest `id@range` reference: an id (MAX_CONTRACT_ID_LENGTH, 128) plus a range. Ranges people
 * write (`^2`, `>=2.1 <3 || ^4`) stay under 100 characters.
 */
export const MAX_REF_LENGTH = 256;

/** Longest version argument: semver with a pre-release and build tag is well under 64 characters. */
export const MAX_VERSION_LENGTH = 64;

/**
 * Most records one `validate_records` call checks. A model reads every error it gets back, so a
 * few hundred records are already more than it can use in one turn; larger batches belong in the
 * agent SDK's in-process `gate`, which has no round trip.
 */
export const MAX_RECORDS = 500;

/**
 * Largest serialized size of the records of one `validate_records` call, in characters: 500
 * records of about 2 KB each. Counted on the JSON text so one enormous record is refused too.
 */
export const MAX_RECORDS_CHARS = 1024 * 1024;

/**
 * Largest contract document `check_change` sends, in characters: the registry's own request body
 * limit (MAX_BODY_BYTES, 1 MiB), so the MCP server never forwards what the registry would refuse.
 */
export const MAX_DOCUMENT_CHARS = 1024 * 1024;

/**
 * Largest MCP request body over HTTP, in bytes: the biggest arguments above (a document or the
 * records, 1 MiB of text) plus JSON-RPC framing and string escaping.
 */
export const MAX_MCP_REQUEST_BYTES = 3 * 1024 * 1024;

/** Most field paths one pin declares: a record schema with more fields than this is not read field by field. */
export const MAX_PIN_FIELDS = 500;

/** Longest dotted field path in a pin (`customer.address.lines[].text`). */
export const MAX_FIELD_PATH_LENGTH = 256;

/**
 * Errors reported per record by `validate_records`. A record failing 100 keywords at once is
 * broken as a whole; the first ones say enough, and the count says how many more there were.
 */
export const MAX_ERRORS_PER_RECORD = 20;

/** Contracts one `search_contracts` call lists; a model reads these, so a short page serves it best. */
export const SEARCH_PAGE_SIZE = 25;

/** Findings `drift_status` shows per source, most severe first: enough to act on, short enough to read. */
export const MAX_TOP_FINDINGS = 5;
