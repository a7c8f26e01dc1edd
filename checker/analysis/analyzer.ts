import { createHash } from 'node:crypto';
import { canonicalJson, ConcordError, listFields, createValidatorCache, type ValidatorCache } from '../../contracts/index.js';
import type { Contract } from '../../contracts/index.js';
import type { FeedProfile, ViolationGroup } from '../model.js';
import { timestampOf } from '../sampling/timestamp.js';
import { observedSchema } from './observed-schema.js';
import { createPiiPolicy } from './pii-policy.js';
import { Profiler } from './profiler.js';
import { MAX_EXAMPLES_PER_VIOLATION, ViolationCollector } from './violations.js';

/** Examples kept per violation group unless the caller asks for fewer (or more, up to MAX_EXAMPLES_PER_VIOLATION). */
export const DEFAULT_EXAMPLES_PER_VIOLATION = 5;

export interface AnalyzerOptions {
  /** The contract version the records are checked against (its schema bundled). */
  readonly contract: Pick<Contract, 'id' | 'version' | 'schema' | 'sla'>;
  /** Hash of the bundled schema, part of the validator cache key; computed (SHA-256 of canonical JSON) when absent. */
  readonly schemaHash?: string;
  /** Example values per violation group, 0..MAX_EXAMPLES_PER_VIOLATION, default DEFAULT_EXAMPLES_PER_VIOLATION. */
  readonly maxExamples?: number;
  /** Where compiled validators are kept; pass one shared cache to compile each contract version once per process. Default: a cache of its own. */
  readonly validators?: ValidatorCache;
}

export interface Analysis {
  readonly violations: ViolationGroup[];
  readonly profile: FeedProfile;
  /** Values left unprofiled: at new field paths past MAX_PROFILED_FIELDS, or nested past MAX_PROFILE_DEPTH. */
  readonly untrackedFields: number;
  /** Violation groups seen but not listed (past MAX_VIOLATION_GROUPS). */
  readonly droppedViolationGroups: number;
}

export interface Analyzer {
  /** Validates and profiles one record, in one pass over it. */
  add(record: unknown): void;
  /** The violations grouped by field and keyword, and the profile with its observed schema. */
  finish(): Analysis;
}

function schemaHashOf(contract: AnalyzerOptions['contract']): string {
  return createHash('sha256').update(canonicalJson(contract.schema), 'utf8').digest('hex');
}

/**
 * Validates records against a contract's schema (ajv, compiled once per contract, version and
 * schema hash through `validators`) and profiles them, one record at a time, so a check holds
 * sketches rather than records. Values of fields marked `pii: true`/`x-pii: true` never reach
 * the result: examples show `"[redacted]"` and pii fields list no top values.
 *
 * Violation rules are `record-<keyword>` (VIOLATION_RULES); fingerprints hash (rule, field,
 * keyword). Profiles count formats under their names, plus `epoch-seconds`/`epoch-millis` for
 * integers arriving in fields declared `date-time`/`date` (tested = integers seen). The profile's
 * `newest` is the latest value of the contract's `sla.freshness.field`. Throws ConcordError
 * `invalid-argument` for `maxExamples` outside 0..MAX_EXAMPLES_PER_VIOLATION and `invalid-schema`
 * when the schema does not compile.
 */
export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const { contract } = options;
  const maxExamples = options.maxExamples ?? DEFAULT_EXAMPLES_PER_VIOLATION;
  if (!Number.isInteger(maxExamples) || maxExamples < 0 || maxExamples > MAX_EXAMPLES_PER_VIOLATION) {
    throw new ConcordError('invalid-argument', `maxExamples ${String(maxExamples)} is not a whole number from 0 to ${MAX_EXAMPLES_PER_VIOLATION}: ask for fewer examples`);
  }
  const validators = options.validators ?? createValidatorCache();
  const validate = validators.validatorFor(
    { contract: contract.id, version: contract.version, hash: options.schemaHash ?? schemaHashOf(contract) },
    contract.schema,
  ).raw;
  const declared = listFields(contract.schema);
  const pii = createPiiPolicy(declared);
  const profiler = new Profiler(declared, pii.isPii);
  const violations = new ViolationCollector(contract, pii, maxExamples);
  const freshnessPath = contract.sla?.freshness?.field.split('.');
  let newest = -Infinity;
  let index = 0;

  return {
    add(record) {
      if (validate(record) !== true) violations.add(index, record, validate.errors ?? []);
      profiler.add(record);
      if (freshnessPath !== undefined) {
        const at = timestampOf(record, freshnessPath);
        if (at !== undefined && at > newest) newest = at;
      }
      index += 1;
    },
    finish() {
      const records = profiler.records;
      const groups = violations.finish(records);
      const fields = profiler.profiles((field) => violations.occurrencesOf(field, 'format'));
      const schema = observedSchema(
        { records, fields },
        { contractSchema: contract.schema, violations: groups, openFields: profiler.incompleteFields() },
      );
      const profile: FeedProfile = {
        records,
        fields,
        observedSchema: schema,
        ...(Number.isFinite(newest) ? { newest: new Date(newest).toISOString() } : {}),
      };
      return { violations: groups, profile, untrackedFields: profiler.untracked, droppedViolationGroups: violations.droppedGroups };
    },
  };
}
