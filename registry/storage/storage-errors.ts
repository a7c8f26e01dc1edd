import { ConcordError } from '../../contracts/errors.js';

/*
 * The few database errors that mean something to a caller, recognised the same way on both
 * dialects: better-sqlite3 reports extended result codes in `code`, node-postgres reports
 * SQLSTATE in `code`.
 */

const UNIQUE_CODES: ReadonlySet<string> = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);
const FOREIGN_KEY_CODES: ReadonlySet<string> = new Set(['SQLITE_CONSTRAINT_FOREIGNKEY', '23503']);

function codeOf(error: unknown): string | undefined {
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
