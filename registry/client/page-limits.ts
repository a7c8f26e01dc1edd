/*
 * The registry's page limits belong to its HTTP API, so they live with the client: the server's
 * paging and the CLI's listing options read them from here, and the CLI does not load the server
 * (kysely and the database drivers) to learn a number.
 */

/**
 * The most rows one list call returns. Two hundred fills a UI page or an API response with room
 * to spare while keeping a response to a few hundred kilobytes; callers page for more.
 */
export const MAX_PAGE_SIZE = 200;

/** The page size when the caller gives none. */
export const DEFAULT_PAGE_SIZE = 50;
