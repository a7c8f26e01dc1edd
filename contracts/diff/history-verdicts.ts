import { createHash } from 'node:crypto';
import { breaksIn, directionOf, isTransitive, ruleBreaks } from '../compat-mode.js';
import type { Change } from '../findings.js';
import type { CompatibilityMode, CompatibilityPolicy, Contract, JsonSchema } from '../model.js';
import { ruleById } from '../rules/catalog.js';
import type { Bump } from '../semver-policy.js';
import { byVersion, contractChanges, judgedReport, withPreparedSchema } from './contract-diff.js';
import type { ChangeSource, DiffOptions, DiffReport } from './contract-diff.js';
import { diffContractMeta } from './contract-meta-diff.js';
import { diffFeatures } from './feature-diff.js';
import { diffMetrics } from './metric-diff.js';
import { streamSchemaChanges } from './schema-diff.js';
import { frozenKey, sameJson } from './subtree-key.js';

/**
 * A transitive check needs, per earlier version, a verdict (does anything break, which bump do
 * the changes need?), and the findings themselves only for the previous version, which the
 * answer shows, and for versions whose verdict refuses the candidate. Against 500 earlier
 * versions of a growing schema that is hundreds of thousands of findings nobody reads; a verdict
 * stops at the first breaking change and keeps nothing.
 */

/** What one comparison decides, exactly as its full report would: `compatible` and `requiredBump` agree with `judgedReport`. */
export interface Verdict {
  readonly compatible: boolean;
  readonly requiredBump: Bump;
}

/** Gives the verdict on one pair; the registry answers from diffs it has cached where it can. */
export type VerdictSource = (before: Contract, after: Contract, mode: CompatibilityMode, policy: CompatibilityPolicy) => Verdict;

/** Thrown through the engine to stop a comparison at its first breaking change. */
const DECIDED = Symbol('decided');

/** Non-breaking bumps in order: a verdict over several groups of changes needs the largest. */
const BUMP_ORDER: Readonly<Record<Bump, number>> = { none: 0, patch: 1, minor: 2, major: 3 };

interface VerdictFold {
  take(change: Change): void;
  /** Folds in the verdict of a group of changes, as if each of them were taken. */
  takeVerdict(verdict: Verdict): void;
  bump(): Bump;
}

/** Folds changes into a verdict, one at a time; throws DECIDED at the first breaking one. */
function verdictFold(mode: CompatibilityMode, policy: CompatibilityPolicy): VerdictFold {
  const direction = directionOf(mode);
  let bump: Bump = 'none';
  return {
    take(change) {
      if (breaksIn(ruleBreaks(change.rule, policy), direction)) throw DECIDED;
      if (bump !== 'minor') bump = ruleById(change.rule).bump === 'minor' ? 'minor' : 'patch';
    },
    takeVerdict(verdict) {
      if (!verdict.compatible) throw DECIDED;
      if (BUMP_ORDER[verdict.requiredBump] > BUMP_ORDER[bump]) bump = verdict.requiredBump;
    },
    bump: () => bump,
  };
}

function decide(mode: CompatibilityMode, policy: CompatibilityPolicy, feed: (take: (change: Change) => void, fold: VerdictFold) => void): Verdict {
  const fold = verdictFold(mode, policy);
  try {
    feed((change) => fold.take(change), fold);
  } catch (error) {
    if (error === DECIDED) return { compatible: false, requiredBump: 'major' };
    throw error;
  }
  return { compatible: true, requiredBump: fold.bump() };
}

/** The verdict of changes already computed (say read from a cache). */
export function verdictOf(changes: readonly Change[], mode: CompatibilityMode, policy: CompatibilityPolicy): Verdict {
  return decide(mode, policy, (take) => changes.forEach(take));
}

/**
 * The verdict on `before` -> `after` under a mode and policy, as `judgedReport(contractChanges(before, after), ...)`
 * would give it, computed without keeping any change and stopping at the first breaking one.
 */
export function contractVerdict(before: Contract, after: Contract, mode: CompatibilityMode, policy: CompatibilityPolicy): Verdict {
  return decide(mode, policy, (take, fold) => {
    if (!foldByProperty(before.schema, after.schema, mode, policy, fold)) streamSchemaChanges(before.schema, after.schema, take);
    if (!sameJson(before.metrics, after.metrics)) diffMetrics(before.metrics, after.metrics, after.owner).forEach(take);
    if (!sameJson(before.features, after.features)) diffFeatures(before.features, after.features).forEach(take);
    diffContractMeta(before, after).forEach(take);
  });
}

/*
 * Verdicts property by property. A schema that grows by a field per version is compared, in a
 * transitive check, with every earlier version, and the engine walks every field the two differ
 * in each time. When two root objects agree on everything but `properties`, and that rest holds
 * only keywords that judge every property alike (`type`, `required`, a boolean
 * `additionalProperties`, annotations), and neither holds a `$ref`, each finding belongs to one
 * property name and depends only on that name, the rest and the property's schema on each side.
 * The verdict is then the worst of the per-name verdicts, each computed once by the engine (on
 * the rest with that one property) and remembered for the candidate. Each schema is indexed once
 * (name -> subtree key), and an older version costs one look-up per property it declares: the
 * names only the candidate declares are counted, not visited. Anything else goes through the
 * engine whole.
 */

/** Root keywords that apply to every declared property alike, so a per-name comparison sees them all. */
const PER_PROPERTY_SAFE_KEYWORDS: ReadonlySet<string> = new Set(['type', 'required', 'additionalProperties', 'properties', 'title', 'description', '$schema', '$comment']);

type SchemaObject = Readonly<Record<string, unknown>>;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64');

/** A root split for per-name verdicts: its rest as text, and each property's subtree key. */
interface PropertyIndex {
  readonly schema: SchemaObject;
  readonly rest: string;
  /** A SHA-256 of `rest`, for the keys of verdicts remembered across candidates. */
  readonly restHash: string;
  readonly texts: ReadonlyMap<string, string>;
  readonly properties: SchemaObject;
}

const INDEXES = new WeakMap<object, PropertyIndex | null>();

function propertyIndex(schema: JsonSchema): PropertyIndex | undefined {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const known = INDEXES.get(schema);
  if (known !== undefined) return known ?? undefined;
  let index: PropertyIndex | null = null;
  const record = schema as SchemaObject;
  const properties = record.properties;
  const key = frozenKey(schema);
  // Frozen, free of refs and of values JSON cannot hold: keys stand for content, and no property
  // reaches another's definition.
  const splittable =
    key !== undefined &&
    !key.hasRef &&
    !key.exotic &&
    properties !== null &&
    typeof properties === 'object' &&
    !Array.isArray(properties) &&
    (record.additionalProperties === undefined || typeof record.additionalProperties === 'boolean') &&
    Object.keys(record).every((name) => PER_PROPERTY_SAFE_KEYWORDS.has(name));
  if (splittable) {
    const props = properties as SchemaObject;
    const texts = new Map<string, string>();
    for (const name of Object.keys(props)) texts.set(name, frozenKey(props[name])?.text ?? '');
    const rest: string[] = [];
    for (const name of Object.keys(record).sort()) if (name !== 'properties') rest.push(`${JSON.stringify(name)}:${frozenKey(record[name])?.text ?? ''}`);
    const restText = rest.join(',');
    index = { schema: record, rest: restText, restHash: sha256(restText), texts, properties: props };
  }
  INDEXES.set(schema, index);
  return index ?? undefined;
}

/** The root without its properties, and with only `name` (when given) declared. */
function withOnly(index: PropertyIndex, name: string, property: unknown): JsonSchema {
  const properties = property === undefined ? {} : Object.fromEntries([[name, property]]);
  return { ...Object.fromEntries(Object.entries(index.schema).filter(([key]) => key !== 'properties')), properties } as JsonSchema;
}

/** What the candidate remembers under one mode and policy. */
interface CandidateVerdicts {
  /** Per name the candidate declares: its verdict against an older side without it. */
  readonly added: ReadonlyMap<string, Verdict>;
  /** How many of those verdicts are breaking, minor and patch. */
  readonly counts: readonly number[];
  /** Per name and older content (its subtree key): the verdict of that property's change. */
  readonly changed: Map<string, Map<string, Verdict>>;
  /** Mode and policy, as the keys of verdicts remembered across candidates start. */
  readonly modeKey: string;
}

const CANDIDATE_VERDICTS = new WeakMap<object, Map<string, CandidateVerdicts>>();

/**
 * Most per-name verdicts remembered across candidates, of both kinds: a property declared
 * against a side without it, and a property's change from one content to another. The next
 * version of a contract repeats all but a few of its properties, so the next candidate asks
 * again for nearly every verdict the last one needed: against 500 versions that each changed a
 * field of their own, that is 500 runs of the engine saved per publish. Keyed by a SHA-256 of
 * mode, policy, rest, name and the property's subtree keys, so an entry is under 200 bytes
 * whatever the schema: at most about 2 MB in all.
 */
export const MAX_REMEMBERED_PROPERTY_VERDICTS = 10_000;

const PROPERTY_VERDICTS = new Map<string, Verdict>();

function rememberProperty(key: string, verdict: Verdict): void {
  if (PROPERTY_VERDICTS.size >= MAX_REMEMBERED_PROPERTY_VERDICTS) PROPERTY_VERDICTS.delete(PROPERTY_VERDICTS.keys().next().value!);
  PROPERTY_VERDICTS.set(key, verdict);
}

/** How many per-name verdicts are remembered across candidates (for tests of the bound). */
export function rememberedPropertyVerdicts(): number {
  return PROPERTY_VERDICTS.size;
}

/** Stands for the absent side of a property only one side declares: no subtree key starts with `!`. */
const ABSENT = '!absent';

/** The key a per-name verdict is remembered under across candidates; `was` and `is` are subtree keys or {@link ABSENT}. */
function propertyVerdictKey(modeKey: string, index: PropertyIndex, name: string, was: string, is: string): string {
  return sha256(`${modeKey}\n${index.restHash}\n${JSON.stringify(name)}\n${was}\n${is}`);
}

const levelOf = (verdict: Verdict): 0 | 1 | 2 | 3 => (!verdict.compatible ? 0 : verdict.requiredBump === 'minor' ? 1 : verdict.requiredBump === 'patch' ? 2 : 3);

function candidateVerdicts(candidate: PropertyIndex, mode: CompatibilityMode, policy: CompatibilityPolicy): CandidateVerdicts {
  let byMode = CANDIDATE_VERDICTS.get(candidate.schema);
  if (byMode === undefined) CANDIDATE_VERDICTS.set(candidate.schema, (byMode = new Map()));
  const modeKey = `${mode} ${policy}`;
  let known = byMode.get(modeKey);
  if (known === undefined) {
    const added = new Map<string, Verdict>();
    const counts = [0, 0, 0];
    for (const [name, text] of candidate.texts) {
      const key = propertyVerdictKey(modeKey, candidate, name, ABSENT, text);
      let verdict = PROPERTY_VERDICTS.get(key);
      if (verdict === undefined) {
        const is = candidate.properties[name];
        verdict = decide(mode, policy, (take) => streamSchemaChanges(withOnly(candidate, name, undefined), withOnly(candidate, name, is), take));
        rememberProperty(key, verdict);
      }
      added.set(name, verdict);
      const level = levelOf(verdict);
      if (level < 3) counts[level]! += 1;
    }
    known = { added, counts, changed: new Map(), modeKey };
    byMode.set(modeKey, known);
  }
  return known;
}

/** Whether a verdict on `before` -> `after` is folded name by name (see above) rather than by the engine on the whole schemas. */
export function judgedByProperty(before: JsonSchema, after: JsonSchema): boolean {
  const [older, candidate] = [propertyIndex(before), propertyIndex(after)];
  return older !== undefined && candidate !== undefined && older.rest === candidate.rest;
}

/**
 * Folds the verdict on `before` -> `after` name by name when both roots allow it (see above);
 * false, having folded nothing, when they do not.
 */
function foldByProperty(before: JsonSchema, after: JsonSchema, mode: CompatibilityMode, policy: CompatibilityPolicy, fold: VerdictFold): boolean {
  const [older, candidate] = [propertyIndex(before), propertyIndex(after)];
  if (older === undefined || candidate === undefined || older.rest !== candidate.rest) return false;
  const remembered = candidateVerdicts(candidate, mode, policy);
  // Names only the candidate declares: its added verdicts, less those of names both declare.
  const counts = [...remembered.counts];
  const judgeChange = (name: string, wasText: string, is: unknown): void => {
    let verdicts = remembered.changed.get(name);
    if (verdicts === undefined) remembered.changed.set(name, (verdicts = new Map()));
    let verdict = verdicts.get(wasText);
    if (verdict === undefined) {
      const key = propertyVerdictKey(remembered.modeKey, candidate, name, wasText, candidate.texts.get(name) ?? ABSENT);
      verdict = PROPERTY_VERDICTS.get(key);
      if (verdict === undefined) {
        const was = older.properties[name];
        verdict = decide(mode, policy, (take) => streamSchemaChanges(withOnly(older, name, was), withOnly(candidate, name, is), take));
        rememberProperty(key, verdict);
      }
      verdicts.set(wasText, verdict);
    }
    fold.takeVerdict(verdict);
  };
  for (const [name, wasText] of older.texts) {
    const isText = candidate.texts.get(name);
    if (isText === undefined) {
      judgeChange(name, wasText, undefined);
      continue;
    }
    const level = levelOf(remembered.added.get(name)!);
    if (level < 3) counts[level]! -= 1;
    if (isText !== wasText) judgeChange(name, wasText, candidate.properties[name]);
  }
  if (counts[0]! > 0) fold.takeVerdict({ compatible: false, requiredBump: 'major' });
  if (counts[1]! > 0) fold.takeVerdict({ compatible: true, requiredBump: 'minor' });
  if (counts[2]! > 0) fold.takeVerdict({ compatible: true, requiredBump: 'patch' });
  return true;
}

/** One earlier version's verdict, with its full report on demand. */
export interface HistoryVerdict {
  readonly version: string;
  readonly verdict: Verdict;
  /** The comparison in full (every finding), computed on the first call; the previous version's is computed up front. */
  report(): DiffReport;
}

export interface HistoryVerdicts {
  readonly compatible: boolean;
  readonly mode: CompatibilityMode;
  readonly policy: CompatibilityPolicy;
  /** The versions the mode compares with, oldest first: the latest only, or every one when transitive. */
  readonly verdicts: readonly HistoryVerdict[];
}

/**
 * `checkAgainstHistory`, answering with a verdict per earlier version: the latest earlier version
 * is compared in full (through `changes`, default `contractChanges`), older ones only as far as
 * their verdict needs (through `verdicts`, default `contractVerdict`), and their full reports
 * are computed only when asked for. Every verdict and report equals what `checkAgainstHistory`
 * gives for the same version.
 */
export function checkHistoryVerdicts(
  given: Contract,
  history: readonly Contract[],
  options: DiffOptions & { readonly changes?: ChangeSource; readonly verdicts?: VerdictSource } = {},
): HistoryVerdicts {
  const mode = options.mode ?? given.compatibility.mode;
  const policy = options.policy ?? given.compatibility.policy;
  const changesOf = options.changes ?? contractChanges;
  const verdictFor = options.verdicts ?? contractVerdict;
  const earlier = byVersion(history);
  const targets = directionOf(mode) === 'none' ? [] : isTransitive(mode) ? earlier : earlier.slice(-1);
  const candidate = targets.length > 1 ? withPreparedSchema(given) : given;
  const latest = targets.at(-1);
  const verdicts = targets.map((previous): HistoryVerdict => {
    let full: DiffReport | undefined;
    const report = (): DiffReport => (full ??= judgedReport(changesOf(previous, candidate), mode, policy, { contract: candidate.id, from: previous.version, to: candidate.version }));
    if (previous === latest) {
      const { compatible, requiredBump } = report();
      return { version: previous.version, verdict: { compatible, requiredBump }, report };
    }
    return { version: previous.version, verdict: verdictFor(previous, candidate, mode, policy), report };
  });
  return { compatible: verdicts.every((entry) => entry.verdict.compatible), mode, policy, verdicts };
}
