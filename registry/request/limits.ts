/**
 * Largest request body, in bytes. A contract with its schema bundled is tens of kilobytes; 1 MiB
 * is ample for generated schemas while bounding what one request can make the registry parse,
 * lint and diff against every earlier version. Bodies are counted while they stream in, so a
 * larger one is refused without being held in memory.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
