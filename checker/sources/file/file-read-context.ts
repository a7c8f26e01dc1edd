import type { JsonSchema } from '../../../contracts/index.js';
import type { ReadIssue } from '../../model.js';

/** What a format reader gets besides the bytes: the file's name for issue locations, and the caller's hooks. */
export interface FileReadContext {
  /** The file as named in issue locations (`orders-2026-11-01.jsonl`). */
  readonly label: string;
  readonly onIssue?: (issue: ReadIssue) => void;
  readonly schema?: JsonSchema;
  /** Pointer to the records array inside a JSON document; default the root. */
  readonly records?: string;
  /** CSV field delimiter; default `,`. */
  readonly delimiter?: string;
}
