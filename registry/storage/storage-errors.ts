import { ConcordError } from '../../contracts/index.js';

/*
 * The few database errors that mean something to a caller, recognised the same way on both
 * dialects: better-sqlite3 reports extended result codes in `code`, node-postgres reports
 * SQLSTATE in `code`.
 */

const UNIQUE_CODES: ReadonlySet<string> = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);
const FOREIGN_KEY_CODES: ReadonlySet<string> = new Set(['SQLITE_CONSTRAINT_FOREIGNKEY', '23503']);

/** A full database or disk: SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100). */
const FULL_CODES: ReadonlySet<string> = new Set(['SQLITE_FULL', '53100']);

/** The driver's code of a database error (`SQLITE_FULL`, `23505`), or undefined for other errors. */
export function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Whether `error` is a unique or primary-key violation on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && UNIQUE_CODES.has(code);
}

/** Whether `error` is a foreign-key violation on either dialect. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && FOREIGN_KEY_CODES.has(code);
}

/**
 * A storage fault that callers should hear about as such: ConcordError `storage-full` (HTTP 507)
 * for a full database or disk, carrying the driver's error as its cause; undefined for anything else.
 */
export function storageFault(error: unknown): ConcordError | undefined {
  const code = codeOf(error);
  if (code === undefined || !FULL_CODES.has(code)) return undefined;
  return new ConcordError(
    'storage-full',
    `the registry's database is full (${code}): nothing was stored; ask the registry's operators to free disk space, then send the request again`,
    {},
    { cause: error },
  );
}

export interface StorageErrorMessages {
  /** Message for a unique violation, naming the thing that exists and what to do instead. */
  readonly conflict?: string;
  /** Message for a foreign-key violation, naming the thing that is missing and how to create it. */
  readonly missing?: string;
}

/**
 * Runs `operation`, turning a unique violation into a `conflict` ConcordError and a foreign-key
 * violation into a `not-found` one when a message for it is given; every other error passes
 * through unchanged because it is a fault, not an answer.
 */
export async function mapStorageErrors<T>(messages: StorageErrorMessages, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (messages.conflict !== undefined && isUniqueViolation(error)) {
      throw new ConcordError('conflict', messages.conflict, {}, { cause: error });
    }
    if (messages.missing !== undefined && isForeignKeyViolation(error)) {
      throw new ConcordError('not-found', messages.missing, {}, { cause: error });
    }
    throw error;
  }
}
