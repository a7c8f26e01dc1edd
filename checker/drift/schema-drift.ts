import { diffSchemas, judge, type Contract, type Finding, valueAtPointer, listFields, type FieldInfo } from '../../contracts/index.js';
import type { CheckFinding, FeedProfile, FieldProfile, ViolationGroup } from '../model.js';
import { COMPAT_FACTS, type CompatFact } from './compat-translation.js';
import { driftFinding, percent, type ContractRef } from './drift-finding.js';
import type { DriftThresholds } from './drift-thresholds.js';
import { detectRenames, type GoneField } from './rename-detection.js';
import { describeTypeDrift } from './type-drift.js';
import { detectViolationDrift } from './violation-drift.js';

export interface SchemaDriftInput {
  readonly ref: ContractRef;
  readonly contract: Contract;
  readonly profile: FeedProfile;
  readonly violations: readonly ViolationGroup[];
  readonly baseline?: FeedProfile;
  readonly thresholds: DriftThresholds;
  readonly key?: string;
}

export interface SchemaDriftResult {
  readonly findings: CheckFinding[];
  /** Fields reported as holding forbidden nulls, missing or renamed; statistical drift leaves their null rate alone. */
  readonly nullReported: ReadonlySet<string>;
  /** Fields reported with a changed type or values outside their enum; their distributions are not compared with the baseline. */
  readonly valuesReported: ReadonlySet<string>;
}

/** The facts the compatibility diff established, per field. */
interface Facts {
  readonly byField: Map<string, Map<CompatFact, Finding>>;
  /** Changes about the record as a whole (the root's type): no field to hang them on. */
  readonly root: Finding[];
}

function collectFacts(changes: readonly Finding[]): Facts {
  const facts: Facts = { byField: new Map(), root: [] };
  for (const change of changes) {
    const fact = COMPAT_FACTS.get(change.rule);
    // Changes the diff judged harmless for readers of the contract are narrower data, not drift.
    if (fact === undefined || (change.severity !== 'breaking' && fact !== 'added-open' && fact !== 'removed')) continue;
    if (change.field === undefined) {
      facts.root.push(change);
      continue;
    }
    const forField = facts.byField.get(change.field) ?? new Map<CompatFact, Finding>();
    if (!forField.has(fact)) forField.set(fact, change);
    facts.byField.set(change.field, forField);
  }
  return facts;
}

/** What a field's presence rate counts: records for top-level fields, the enclosing objects (or arrays, for items) otherwise. */
function carriers(field: string): string {
  if (field.endsWith('[]')) return `${field.slice(0, -2)} arrays`;
  const dot = field.lastIndexOf('.');
  return dot < 0 ? 'records' : `${field.slice(0, dot)} objects`;
}

function listedValues(schema: Contract['schema'], info: FieldInfo): readonly unknown[] | undefined {
  const node = valueAtPointer(schema, info.pointer);
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Readonly<Record<string, unknown>>;
  if (Array.isArray(record['enum'])) return record['enum'];
  return Object.hasOwn(record, 'const') ? [record['const']] : undefined;
}

/**
 * Schema drift: the compatibility engine compares the contract's record schema with the schema
 * the analyzed records satisfy (`profile.observedSchema`) in the `forward` direction, with the
 * contract's policy — the question being whether every observed record is one the contract's
 * readers accept. Its changes about types, nulls, properties and `required` become drift per
 * field (compat-translation.ts); likely renames are paired up first and reported once; then the
 * validator's violation groups add value-level drift (violation-drift.ts).
 */
export function detectSchemaDrift(input: SchemaDriftInput): SchemaDriftResult {
  const { ref, contract, profile, thresholds } = input;
  const key = input.key !== undefined ? { key: input.key } : {};
  const changes = judge(diffSchemas(contract.schema, profile.observedSchema), 'forward', contract.compatibility.policy);
  const facts = collectFacts(changes);
  const declared = listFields(contract.schema);
  const observed = new Map(profile.fields.map((field) => [field.field, field]));
  const before = new Map((input.baseline?.fields ?? []).map((field) => [field.field, field]));
  const findings: CheckFinding[] = [];
  const nullReported = new Set<string>();
  const valuesReported = new Set<string>();
  const has = (field: string, fact: CompatFact): boolean => facts.byField.get(field)?.has(fact) ?? false;

  // Renames first: a gone declared field and a new one that replaces it are one fact, not three.
  const gone: GoneField[] = [];
  for (const [field, info] of declared) {
    const seen = observed.get(field);
    const rare = seen !== undefined && seen.presenceRate <= thresholds.renameMaxPresence;
    if (!has(field, 'removed') && !rare) continue;
    const listed = listedValues(contract.schema, info);
    const baseline = before.get(field);
    gone.push({ field, info, ...(listed !== undefined ? { listed } : {}), ...(baseline !== undefined ? { before: baseline } : {}) });
  }
  const added = [...facts.byField].filter(([, byFact]) => byFact.has('added-open') || byFact.has('added-closed')).map(([field]) => field);
  const addedProfiles = added.map((field) => observed.get(field)).filter((field): field is FieldProfile => field !== undefined && field.presenceRate > thresholds.renameMaxPresence);
  const renamed = new Set<string>();
  for (const rename of detectRenames(gone, addedProfiles)) {
    renamed.add(rename.from).add(rename.to);
    nullReported.add(rename.from);
    const required = has(rename.from, 'required');
    const seen = observed.get(rename.from);
    findings.push(
      driftFinding(ref, {
        rule: 'field-likely-renamed',
        severity: required ? 'breaking' : 'warning',
        field: rename.from,
        message:
          `${required ? 'required' : 'optional'} field ${rename.from} is ${seen === undefined || seen.present === 0 ? 'never present' : `present in only ${percent(seen.presenceRate)} of ${carriers(rename.from)}`}` +
          ` while undeclared field ${rename.to} appears in ${percent(observed.get(rename.to)?.presenceRate ?? 0)} with the same type` +
          `${rename.signals.length > 0 ? ` and ${rename.signals.join(', ')}` : ''}; it was most likely renamed to ${rename.to}`,
        before: rename.from,
        after: rename.to,
        ...key,
      }),
    );
  }

  for (const [field, byFact] of facts.byField) {
    if (renamed.has(field)) continue;
    const seen = observed.get(field);
    const closed = byFact.get('added-closed');
    if (closed !== undefined || byFact.has('added-open')) {
      findings.push(
        driftFinding(ref, {
          rule: 'undeclared-field',
          severity: closed !== undefined ? 'breaking' : 'warning',
          field,
          message: `undeclared field ${field} appears in ${percent(seen?.presenceRate ?? 0)} of ${carriers(field)}${closed !== undefined ? ', and its object is closed, so validating readers reject those records' : ''}`,
          ...key,
        }),
      );
    }
    if (byFact.has('required') || byFact.has('removed')) nullReported.add(field);
    if (byFact.has('required')) {
      findings.push(
        driftFinding(ref, {
          rule: 'required-field-missing',
          field,
          message: `required field ${field} is ${seen === undefined || seen.present === 0 ? 'missing from every analyzed record' : `missing from ${percent(1 - seen.presenceRate)} of ${carriers(field)}`}`,
          ...(seen !== undefined ? { after: { presenceRate: seen.presenceRate } } : {}),
          ...key,
        }),
      );
    } else if (byFact.has('removed')) {
      const wasSeen = (before.get(field)?.present ?? 0) > 0;
      findings.push(
        driftFinding(ref, {
          rule: 'optional-field-never-present',
          severity: wasSeen ? 'warning' : 'info',
          field,
          message: `optional field ${field} is never present in ${profile.records} analyzed records${wasSeen ? ', though the baseline run saw it' : ''}`,
          ...key,
        }),
      );
    }
    const typeChange = byFact.get('type');
    const info = declared.get(field);
    if (typeChange !== undefined && seen !== undefined && info !== undefined) {
      const drift = describeTypeDrift(field, info, seen, input.violations);
      if (drift !== undefined) {
        valuesReported.add(field);
        findings.push(driftFinding(ref, { ...drift, field, ...key }));
      }
    }
    const nullsForbidden = byFact.has('nullable') || (typeChange !== undefined && (seen?.nulls ?? 0) > 0 && info !== undefined && info.types.size > 0 && !info.types.has('null'));
    if (nullsForbidden && seen !== undefined && seen.nulls > 0) {
      nullReported.add(field);
      findings.push(
        driftFinding(ref, {
          rule: 'null-not-allowed',
          field,
          message: `field ${field} is null in ${percent(seen.nullRate)} of the records that carry it, though the contract does not allow null`,
          after: { nulls: seen.nulls, nullRate: seen.nullRate },
          ...key,
        }),
      );
    }
    if (byFact.has('forbidden')) {
      findings.push(driftFinding(ref, { rule: 'schema-drift', field, message: `field ${field} is present though the contract allows no value there (compatibility rule false-schema-replaced)`, key: `${input.key ?? ''}/false-schema-replaced` }));
    }
  }
  for (const change of facts.root) {
    findings.push(driftFinding(ref, { rule: 'schema-drift', path: change.path || '/', message: `the records differ from the contract's schema: ${change.message} (compatibility rule ${change.rule})`, key: `${input.key ?? ''}/${change.rule}` }));
  }

  const reported = new Set(findings.map((finding) => finding.field));
  // A group counts as explained only when a finding about its field was actually made: every
  // violation is then said by some finding, and the verdict can be read off the findings alone.
  const explained = (group: ViolationGroup): boolean => {
    if (group.field === undefined) return facts.root.length > 0;
    if (renamed.has(group.field)) return true;
    if (!reported.has(group.field)) return false;
    const byFact = facts.byField.get(group.field);
    if (byFact === undefined) return false;
    if (group.keyword === 'type') return byFact.has('type') || byFact.has('nullable');
    if (group.keyword === 'required') return byFact.has('required');
    if (group.keyword === 'false schema') return byFact.has('forbidden');
    return byFact.has('added-closed') || byFact.has('added-open');
  };
  const allowed = (field: string): readonly unknown[] | undefined => {
    const info = declared.get(field);
    return info === undefined ? undefined : listedValues(contract.schema, info);
  };
  const fromViolations = detectViolationDrift({ ref, violations: input.violations, explained, nullReported, allowed, records: profile.records, ...key });
  // New enum values shift the field's mix by themselves: that is the same fact, said by the enum finding.
  for (const finding of fromViolations) if (finding.rule === 'enum-value-unexpected' && finding.field !== undefined) valuesReported.add(finding.field);
  findings.push(...fromViolations);
  return { findings, nullReported, valuesReported };
}
