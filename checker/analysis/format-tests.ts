import { fullFormats } from 'ajv-formats/dist/formats.js';

/** Formats every string field is probed for, whether or not the contract declares one. */
export const PROBED_FORMATS = ['date-time', 'date', 'email', 'uuid', 'uri'] as const;

/** Pseudo-formats counting integers that look like epoch timestamps in fields declared as dates. */
export const EPOCH_SECONDS = 'epoch-seconds';
export const EPOCH_MILLIS = 'epoch-millis';

/** Formats whose fields, when integers arrive instead, are checked for epoch timestamps. */
export const DATE_FORMATS: ReadonlySet<string> = new Set(['date-time', 'date', 'iso-date-time']);

// Years 2000 to 2100: numbers there are timestamps far more often than amounts or counts.
const EPOCH_FROM_SECONDS = 946_684_800;
const EPOCH_TO_SECONDS = 4_102_444_800;

export function isEpochSeconds(value: number): boolean {
  return value >= EPOCH_FROM_SECONDS && value < EPOCH_TO_SECONDS;
}

export function isEpochMillis(value: number): boolean {
  return value >= EPOCH_FROM_SECONDS * 1000 && value < EPOCH_TO_SECONDS * 1000;
}

export type FormatTest = (text: string) => boolean;

type FormatDefinition = RegExp | ((text: string) => boolean) | { readonly validate: RegExp | ((text: string) => boolean) } | boolean | string;

function asTest(definition: FormatDefinition | undefined): FormatTest | undefined {
  if (definition instanceof RegExp) return (text) => definition.test(text);
  if (typeof definition === 'function') return definition;
  if (definition !== null && typeof definition === 'object') return asTest(definition.validate);
  return undefined;
}

/**
 * The test ajv-formats (full mode, as the validator uses) applies for a format name; undefined for
 * formats it does not know. The same definitions as validation, so a hit rate and a violation count agree.
 */
export function formatTest(name: string): FormatTest | undefined {
  return asTest((fullFormats as Readonly<Record<string, FormatDefinition>>)[name]);
}
