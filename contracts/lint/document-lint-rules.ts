import { lintRule } from './lint-rule.js';

/**
 * Rules of the document and record-schema checks that run while a contract loads (before the
 * semantic rules): a `breaking` one means the document cannot become a contract at all.
 */
export const DOCUMENT_LINT_RULES = Object.freeze([
  lintRule('document-invalid', 'breaking', 'The document does not match the contract format: a required key is missing, a value has the wrong type, or a key is unknown.'),
  lintRule('document-missing-contract', 'breaking', 'A document with owner and schema has no `contract` key, so it was read as a bare JSON Schema.'),
  lintRule('document-missing-owner', 'breaking', 'The owner is missing or is not one named person with a name and an email.'),
  lintRule('document-duplicate-name', 'breaking', 'Two metrics, features or sources share a name.'),
  lintRule('document-nul-character', 'breaking', 'A key or value holds a NUL character (U+0000), which no contract field may hold.'),
  lintRule('document-owner-not-person', 'warning', 'The owner looks like a team or a mailbox rather than one named person.'),
  lintRule('schema-invalid', 'breaking', 'The record schema is not a valid JSON Schema.'),
  lintRule('schema-unsupported-dialect', 'breaking', 'The record schema declares a `$schema` dialect other than draft-07 or 2020-12.'),
  lintRule('schema-pattern-unsafe', 'breaking', 'A `pattern` needs backtracking (backreferences, lookaround) or syntax the linear-time regex engine does not accept, so checking a record could hang.'),
]);
