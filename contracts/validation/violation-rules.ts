import type { Severity } from '../findings.js';

/** One schema keyword a record can fail, as a checker rule. */
export interface ViolationRule {
  readonly keyword: string;
  /** Stable kebab-case rule id: `record-` and the keyword in kebab case. */
  readonly rule: string;
  readonly severity: Severity;
  readonly explanation: string;
}

const BREAKING = 'breaking';
const WARNING = 'warning';

/**
 * The violation catalog: what a record failing each keyword means. Breaking: the record does not
 * have the shape or values consumers were promised (a wrong type, a missing required field, a value
 * outside the enum, a malformed string, an undeclared field on a closed object, a bound crossed),
 * so code written against the contract will misread or reject it. Warning: keywords where a failure
 * is usually a business rule or a float-rounding artefact rather than a broken reader
 * (`multipleOf` on decimals, collection sizes, uniqueness).
 */
const TABLE: readonly (readonly [keyword: string, severity: Severity, explanation: string])[] = [
  ['type', BREAKING, 'The value has a JSON type the contract does not allow (say a number arriving as a string).'],
  ['required', BREAKING, 'A required field is missing from the record.'],
  ['enum', BREAKING, 'The value is not one of the values the contract lists.'],
  ['const', BREAKING, 'The value differs from the one value the contract allows.'],
  ['pattern', BREAKING, 'The string does not match the contract\'s pattern.'],
  ['format', BREAKING, 'The string does not have the contract\'s format (date-time, email, uuid, ...).'],
  ['additionalProperties', BREAKING, 'The record carries a field a closed object does not declare.'],
  ['unevaluatedProperties', BREAKING, 'The record carries a field no part of the schema declares, where undeclared fields are refused.'],
  ['propertyNames', BREAKING, 'A field name does not satisfy the contract\'s rule for names.'],
  ['dependencies', BREAKING, 'A field is present without the fields or shape it requires.'],
  ['dependentRequired', BREAKING, 'A field is present without the fields it requires.'],
  ['dependentSchemas', BREAKING, 'A field is present but the object does not satisfy the rules that field brings.'],
  ['minimum', BREAKING, 'The number is below the contract\'s minimum.'],
  ['maximum', BREAKING, 'The number is above the contract\'s maximum.'],
  ['exclusiveMinimum', BREAKING, 'The number is at or below the contract\'s exclusive minimum.'],
  ['exclusiveMaximum', BREAKING, 'The number is at or above the contract\'s exclusive maximum.'],
  ['minLength', BREAKING, 'The string is shorter than the contract allows.'],
  ['maxLength', BREAKING, 'The string is longer than the contract allows.'],
  ['anyOf', BREAKING, 'The value matches none of the alternatives the contract allows.'],
  ['oneOf', BREAKING, 'The value matches none, or more than one, of the exclusive alternatives.'],
  ['not', BREAKING, 'The value has a shape the contract forbids.'],
  ['false schema', BREAKING, 'A value is present where the contract allows none.'],
  ['additionalItems', BREAKING, 'The array is longer than the tuple the contract declares.'],
  ['items', BREAKING, 'The array is longer than the tuple the contract declares.'],
  ['unevaluatedItems', BREAKING, 'The array has items no part of the schema declares, where they are refused.'],
  ['multipleOf', WARNING, 'The number is not a multiple of the contract\'s step (often float rounding of decimals).'],
  ['minItems', WARNING, 'The array has fewer items than the contract asks.'],
  ['maxItems', WARNING, 'The array has more items than the contract allows.'],
  ['uniqueItems', WARNING, 'The array repeats an item where the contract asks for unique items.'],
  ['contains', WARNING, 'The array lacks an item the contract asks for (or has too few or too many of them).'],
  ['minProperties', WARNING, 'The object has fewer fields than the contract asks.'],
  ['maxProperties', WARNING, 'The object has more fields than the contract allows.'],
];

function kebab(keyword: string): string {
  return keyword.replace(/ /g, '-').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function ruleOf(keyword: string, severity: Severity, explanation: string): ViolationRule {
  return Object.freeze({ keyword, rule: `record-${kebab(keyword)}`, severity, explanation });
}

/** Every violation rule, by keyword (`type` -> `record-type`, `additionalProperties` -> `record-additional-properties`). */
export const VIOLATION_RULES: ReadonlyMap<string, ViolationRule> = new Map(TABLE.map(([keyword, severity, explanation]) => [keyword, ruleOf(keyword, severity, explanation)]));

/**
 * The rule for a keyword. Keywords outside the table (a custom vocabulary) get `record-<keyword>`,
 * breaking: a record the contract rejects is one its consumers were told they would not get.
 */
export function violationRule(keyword: string): ViolationRule {
  return VIOLATION_RULES.get(keyword) ?? ruleOf(keyword, BREAKING, `The record fails the contract's ${keyword} keyword.`);
}
