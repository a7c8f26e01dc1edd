import type { FieldInfo, JsonType } from '../../contracts/index.js';
import { closestName } from '../../contracts/index.js';
import type { FieldProfile } from '../model.js';

/** A declared field that is gone (never or almost never present). */
export interface GoneField {
  readonly field: string;
  readonly info: FieldInfo;
  /** The field's `enum`/`const` values in the contract, when it lists any. */
  readonly listed?: readonly unknown[];
  /** What the baseline run saw of the field, when there is a baseline. */
  readonly before?: FieldProfile;
}

export interface LikelyRename {
  readonly from: string;
  readonly to: string;
  /** The signals that matched besides the type, for the message: `same format`, `similar name`, ... */
  readonly signals: readonly string[];
}

/** `customer.first_name` -> `customer`; top-level fields have the parent ''. */
function parentOf(field: string): string {
  const dot = field.lastIndexOf('.');
  return dot < 0 ? '' : field.slice(0, dot);
}

function leafOf(field: string): string {
  return field.slice(field.lastIndexOf('.') + 1);
}

/** The observed non-null JSON types, `integer` folded into `number` when the contract allows numbers. */
function observedTypes(profile: FieldProfile): Set<string> {
  return new Set(Object.entries(profile.types).filter(([type, count]) => type !== 'null' && count > 0).map(([type]) => type));
}

function typesFit(observed: ReadonlySet<string>, declared: ReadonlySet<JsonType>): boolean {
  if (observed.size === 0 || declared.size === 0) return false;
  for (const type of observed) {
    if (declared.has(type as JsonType)) continue;
    if (type === 'integer' && declared.has('number')) continue;
    return false;
  }
  return true;
}

/** Within a factor of two: distinct counts and presence wobble run to run, a different field differs by far more. */
function similar(a: number, b: number): boolean {
  if (a === 0 || b === 0) return a === b;
  return Math.max(a, b) / Math.min(a, b) <= 2;
}

/** The evidence, besides a fitting type, that `candidate` holds what `gone` used to hold. */
function signals(gone: GoneField, candidate: FieldProfile): string[] {
  const found: string[] = [];
  if (closestName(leafOf(gone.field), [leafOf(candidate.field)]) !== undefined) found.push('a similar name');
  const format = gone.info.format;
  const hits = format !== undefined ? candidate.formats?.[format] : undefined;
  if (hits !== undefined && hits.tested > 0 && hits.matched === hits.tested) found.push(`the declared format ${format}`);
  const top = candidate.top ?? [];
  if (gone.listed !== undefined && top.length > 0 && top.every((entry) => gone.listed!.some((value) => value === entry.value))) found.push('only listed values');
  const before = gone.before;
  if (before !== undefined && before.present > 0) {
    if (similar(before.presenceRate, candidate.presenceRate) && similar(before.distinct, candidate.distinct)) found.push('the presence and distinct count the baseline saw');
    const [was, now] = [before.numeric, candidate.numeric];
    if (was !== undefined && now !== undefined && now.mean >= (was.quantiles['p01'] ?? was.min) && now.mean <= (was.quantiles['p99'] ?? was.max)) {
      found.push('values in the range the baseline saw');
    }
  }
  return found;
}

/**
 * Pairs gone declared fields with new undeclared ones that most likely replace them: same parent
 * object, observed types the gone field allows, and at least one more signal (a similar name, the
 * declared format on every value, only listed enum values, or a profile like the baseline's) —
 * or, without any signal, the only gone field and the only new field of that type in the object.
 * Each field pairs at most once, strongest evidence first.
 */
export function detectRenames(gone: readonly GoneField[], added: readonly FieldProfile[]): LikelyRename[] {
  const options: { from: GoneField; to: FieldProfile; found: string[] }[] = [];
  for (const from of gone) {
    for (const to of added) {
      if (parentOf(from.field) !== parentOf(to.field) || !typesFit(observedTypes(to), from.info.types)) continue;
      options.push({ from, to, found: signals(from, to) });
    }
  }
  const renames: LikelyRename[] = [];
  const used = new Set<string>();
  for (const option of [...options].sort((a, b) => b.found.length - a.found.length)) {
    if (used.has(option.from.field) || used.has(`+${option.to.field}`)) continue;
    const alone =
      options.filter((other) => other.from === option.from).length === 1 && options.filter((other) => other.to === option.to).length === 1;
    if (option.found.length === 0 && !alone) continue;
    used.add(option.from.field).add(`+${option.to.field}`);
    renames.push({ from: option.from.field, to: option.to.field, signals: option.found });
  }
  return renames;
}
