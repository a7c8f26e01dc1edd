/**
 * Concord's contract engine as a library: load and lint contract documents, diff versions, judge
 * changes under a compatibility mode, and say which version bump they need. Pure: no network I/O.
 */
export { ConcordError, isConcordError, EXIT_CODE_BY_ERROR, HTTP_STATUS_BY_ERROR, describeLocation } from './errors.js';
export type { ConcordErrorCode, ConcordErrorDetail, RemoteErrorDetail } from './errors.js';
export type { Acceptance, Breaks, Change, Finding, FindingKind, LintProblem, Severity } from './findings.js';
export { SEVERITIES, SEVERITY_RANK, FINDING_KINDS, SeveritySchema, FindingKindSchema, ChangeSchema, AcceptanceSchema, FindingSchema, LintProblemSchema } from './findings.js';
export type * from './model.js';
export { DEFAULT_COMPATIBILITY } from './model.js';

export { loadContractFile, loadContractText } from './document/load-contract.js';
export type { LoadedDocument, LoadOptions } from './document/load-contract.js';
export { parseRegistryRef } from './document/registry-ref.js';

export { lintContract } from './lint/lint-contract.js';
export type { LintResult } from './lint/lint-contract.js';
export { lintSemantics } from './lint/semantic-lint.js';

export { canonicalJson } from './diff/canonical-json.js';
export { contractContentHash, sha256Hex } from './content-hash.js';

export { diffSchemas } from './diff/schema-diff.js';
export { prepareSchema } from './diff/prepared-schema.js';
export { diffContracts, diffSchemaDocuments, checkAgainstHistory, contractChanges } from './diff/contract-diff.js';
export type { DiffOptions, DiffReport, HistoryCheck, HistoryComparison, ChangeSource } from './diff/contract-diff.js';
export { COMPATIBILITY_MODES, COMPATIBILITY_POLICIES, judge, parseMode, parsePolicy, breaksIn } from './compat-mode.js';

export { requiredBump, checkVersionBump, bumpAllowed } from './semver-policy.js';
export type { Bump, VersionCheck } from './semver-policy.js';

export { RULE_CATALOG, ruleById, hasRule } from './rules/catalog.js';
export type { ChangeRuleId, RuleChange } from './rules/catalog.js';
export type { RuleSpec } from './rules/rule-spec.js';
export type { RuleRow } from './rules/rule-row.js';
export { fingerprint, changeFingerprint, FINGERPRINT_LENGTH } from './fingerprint.js';
export { applyRuleOverrides, expiredAcceptances, utcDay } from './rules/apply-overrides.js';
export type { OverrideResult } from './rules/apply-overrides.js';
export {
  parseRuleOverrides,
  checkRuleOverrides,
  RuleOverridesSchema,
  RuleOverrideSchema,
  AcceptEntrySchema,
  MAX_OVERRIDDEN_RULES,
  MAX_ACCEPTANCES_PER_RULE,
  MAX_REASON_LENGTH,
  MAX_RULES_FILE_BYTES,
} from './rules/rule-overrides.js';
export type { RuleOverrides, RuleOverride, AcceptEntry, KnownRule } from './rules/rule-overrides.js';
export { overriddenReport } from './diff/overridden-report.js';
export { acceptedNote, groupBySeverity } from './changelog.js';
export { LINT_RULES } from './lint/lint-rules.js';
export type { LintRuleId } from './lint/lint-rules.js';
export type { LintRuleSpec } from './lint/lint-rule.js';
export { renderCatalogMarkdown, renderRuleRowsMarkdown } from './rules/catalog-markdown.js';

export { renderChangelogText, renderChangelogMarkdown, changelogJson } from './changelog.js';

export { parseExpression, sameMeaning, evaluateExpression, readField, referencedFields } from './expressions/index.js';
export type { EvaluationError, EvaluationResult, ExpressionValue, FieldRead } from './expressions/index.js';

export { compileRecordValidator, createValidatorCache, DEFAULT_VALIDATOR_CACHE_SIZE, VIOLATION_RULES, violationRule, linearRegExp, recordErrors, locateError, describeError, isReported } from './validation/index.js';
export type { RecordError, RecordValidator, RecordValidatorOptions, RecordVerdict, ValidatorCache, ValidatorKey, ViolationRule, ErrorLocation } from './validation/index.js';

export {
  CONTRACT_ID_PATTERN,
  MAX_CONTRACT_ID_LENGTH,
  CONSUMER_NAME_PATTERN,
  MAX_CONSUMER_NAME_LENGTH,
  MAX_DEFINITION_NAME_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_TAG_LENGTH,
  NAME_RULES,
  nameProblem,
  requireValidName,
} from './document/identifiers.js';
export { listFields } from './schema-fields.js';
export type { FieldInfo, JsonType } from './schema-fields.js';
export { deepFreeze } from './deep-freeze.js';
export { checkHistoryVerdicts, contractVerdict, verdictOf } from './diff/history-verdicts.js';
export type { HistoryVerdict, Verdict, VerdictSource } from './diff/history-verdicts.js';
export type { NameKind } from './document/identifiers.js';
export { appendPointer, escapeSegment, splitPointer, valueAtPointer } from './document/json-pointer.js';
export { normalizeContract } from './document/normalize-contract.js';
export type { ContractDocument } from './document/normalize-contract.js';
export { parseText } from './document/parse-text.js';
export type { TextFormat } from './document/parse-text.js';
export type { RegistryResolver, RegistryTarget } from './document/safe-bundle.js';
export { DURATION_HINT, formatDuration, parseDuration, parsePeriod } from './durations.js';
export type { Expr } from './expressions/ast.js';
export { closestName } from './expressions/closest-name.js';
export type { ValueType } from './expressions/functions.js';
export { valueTypeOf } from './expressions/type-check.js';
