import { ConcordError } from '../../contracts/index.js';

/** A JSON object as stored in a JSON text column. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** JSON columns are text on both dialects; these are the only two ways in and out. */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new ConcordError('internal', 'cannot store a value that has no JSON form');
  return text;
}

/** Parses a JSON column; `column` names it in the error, which means the row was written by something else. */
export function fromJsonText<T>(text: string, column: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ConcordError('internal', `stored ${column} is not valid JSON: the row was not written by Concord`, {}, { cause: error });
  }
}
