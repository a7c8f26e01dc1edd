/** Defaults and bounds of the agent SDK, in one place so the README, the options and the tests agree. */

/**
 * How long a cached contract is used without asking the registry, by default. A minute keeps an
 * agent that opens its contract per task off the network, while a new release or a yank is
 * still seen within the minute by the next open (and by the watcher, see below).
 */
export const DEFAULT_TTL_MS = 60_000;

/**
 * How often an open handle asks the registry whether its pin moved or its version was marked, by
 * default. Each poll is one conditional GET answered 304 when nothing changed, so a fleet of
 * agents costs the registry little; a yank is seen within the minute.
 */
export const DEFAULT_POLL_INTERVAL_MS = 60_000;

/**
 * Time one registry request of the SDK may take. Far below the CLI's 30 s: an agent opening its
 * contract during an outage should fall back to its cache within seconds, not stall its work.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;

/**
 * How often a handle sends its telemetry, by default. Counts accumulate in memory in between;
 * a minute of counts is one small POST, and `close()` sends what is left.
 */
export const DEFAULT_TELEMETRY_INTERVAL_MS = 60_000;

/**
 * Distinct failing field names counted per contract version between two reports. Field names
 * come from the schema plus whatever undeclared keys a producer invents; past this many, further
 * names are only counted together, so a broken producer cannot grow the handle's memory.
 */
export const MAX_TRACKED_FIELDS = 256;
