import { sameJson } from './subtree-key.js';
import { escapeSegment } from '../document/json-pointer.js';
import { sameMeaning } from '../expressions/same-meaning.js';
import type { Person } from '../model.js';
import type { RuleChange } from '../rules/catalog.js';

/** What metrics and features have in common: a name and documentation. */
export interface NamedDefinition {
  readonly name: string;
  readonly description?: string;
  readonly owner?: Person;
  readonly tags?: readonly string[];
}

/** How one kind of definition is named in rule ids, pointers and messages. */
export interface DefinitionKind {
  readonly singular: 'metric' | 'feature';
  readonly area: 'metrics' | 'features';
  /** Who fails when a name disappears, for messages: "queries", "lookups". */
  readonly readers: string;
}

/** `/metrics/<name>/<key>...` with each segment escaped. */
export function definitionPath(kind: DefinitionKind, name: string, ...keys: readonly string[]): string {
  return [kind.area, name, ...keys].map((segment) => `/${escapeSegment(segment)}`).join('');
}

/** A value as a message shows it: `nothing` when absent, JSON otherwise. */
export function describeValue(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** Optional expressions compared by meaning: absent equals only absent; the same text means the same without parsing it. */
export function sameExpression(a: string | undefined, b: string | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && sameMeaning(a, b));
}

/** Plain-data equality (documents are JSON values); O(1) for frozen values whose subtree keys exist. */
export function sameValue(a: unknown, b: unknown): boolean {
  return sameJson(a, b);
}

export function samePerson(a: Person | undefined, b: Person | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.name === b.name && (a.email === b.email || a.email.toLowerCase() === b.email.toLowerCase());
}

export function describePerson(person: Person | undefined): string {
  return person === undefined ? 'nobody' : `${person.name} <${person.email}>`;
}

/** Tag lists are sets: order and repeats do not matter. */
export function sameTags(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  const [left, right] = [new Set(a ?? []), new Set(b ?? [])];
  return left.size === right.size && [...left].every((tag) => right.has(tag));
}

interface Pairing<T> {
  readonly kept: readonly (readonly [T, T])[];
  readonly renamed: readonly (readonly [T, T])[];
  readonly removed: readonly T[];
  readonly added: readonly T[];
}

/**
 * Matches definitions by name; a removed one whose meaning matches an added one is a rename,
 * each added one used at most once, the first match in document order winning.
 */
function pair<T extends NamedDefinition>(before: readonly T[], after: readonly T[], sameMeaning: (a: T, b: T) => boolean): Pairing<T> {
  const afterByName = new Map(after.map((definition) => [definition.name, definition]));
  const beforeNames = new Set(before.map((definition) => definition.name));
  const kept: (readonly [T, T])[] = [];
  const renamed: (readonly [T, T])[] = [];
  const removed: T[] = [];
  const added = after.filter((definition) => !beforeNames.has(definition.name));
  for (const definition of before) {
    const match = afterByName.get(definition.name);
    if (match !== undefined) {
      kept.push([definition, match]);
      continue;
    }
    const index = added.findIndex((candidate) => sameMeaning(definition, candidate));
    if (index < 0) removed.push(definition);
    else renamed.push([definition, added.splice(index, 1)[0]!]);
  }
  return { kept, renamed, removed, added };
}

function documentationChanges(kind: DefinitionKind, before: NamedDefinition, after: NamedDefinition, ownerDefault: Person | undefined): RuleChange[] {
  const label = `${kind.singular} ${after.name}`;
  const changes: RuleChange[] = [];
  if (before.description !== after.description) {
    changes.push({
      rule: `${kind.singular}-description-changed`,
      path: definitionPath(kind, after.name, 'description'),
      message: `${label}: description changed`,
      before: before.description,
      after: after.description,
    });
  }
  const [oldOwner, newOwner] = [before.owner ?? ownerDefault, after.owner ?? ownerDefault];
  if (!samePerson(oldOwner, newOwner)) {
    changes.push({
      rule: `${kind.singular}-owner-changed`,
      path: definitionPath(kind, after.name, 'owner'),
      message: `${label}: owner changes from ${describePerson(oldOwner)} to ${describePerson(newOwner)}`,
      before: oldOwner,
      after: newOwner,
    });
  }
  if (!sameTags(before.tags, after.tags)) {
    changes.push({
      rule: `${kind.singular}-tags-changed`,
      path: definitionPath(kind, after.name, 'tags'),
      message: `${label}: tags change from ${describeValue(before.tags ?? [])} to ${describeValue(after.tags ?? [])}`,
      before: before.tags ?? [],
      after: after.tags ?? [],
    });
  }
  return changes;
}

export interface DefinitionDiffOptions<T> {
  /** Whether two definitions compute the same thing, whatever their names: decides renames. */
  readonly sameMeaning: (a: T, b: T) => boolean;
  /** The kind-specific changes between two definitions matched by name or as a rename. */
  readonly details: (before: T, after: T) => RuleChange[];
  /** Owner of definitions that name none; none by default. */
  readonly ownerDefault?: Person;
}

/**
 * The changes between two versions' lists of named definitions: `<kind>-removed`,
 * `<kind>-renamed`, the kind's detail changes and description/owner/tag changes of matched
 * definitions, then `<kind>-added`.
 */
export function diffDefinitions<T extends NamedDefinition>(
  kind: DefinitionKind,
  before: readonly T[],
  after: readonly T[],
  options: DefinitionDiffOptions<T>,
): RuleChange[] {
  const pairing = pair(before, after, options.sameMeaning);
  const changes: RuleChange[] = [];
  for (const definition of pairing.removed) {
    changes.push({
      rule: `${kind.singular}-removed`,
      path: definitionPath(kind, definition.name),
      message: `${kind.singular} ${definition.name} was removed: ${kind.readers} of it fail; keep it (mark it deprecated in its description), or publish a major version`,
      before: definition.name,
    });
  }
  for (const [old, now] of pairing.renamed) {
    changes.push({
      rule: `${kind.singular}-renamed`,
      path: definitionPath(kind, now.name),
      message: `${kind.singular} ${old.name} is renamed to ${now.name}: ${kind.readers} by the old name fail; keep ${old.name} as well, or publish a major version`,
      before: old.name,
      after: now.name,
    });
  }
  for (const [old, now] of [...pairing.kept, ...pairing.renamed]) {
    changes.push(...options.details(old, now), ...documentationChanges(kind, old, now, options.ownerDefault));
  }
  for (const definition of pairing.added) {
    changes.push({
      rule: `${kind.singular}-added`,
      path: definitionPath(kind, definition.name),
      message: `${kind.singular} ${definition.name} was added`,
      after: definition.name,
    });
  }
  return changes;
}
