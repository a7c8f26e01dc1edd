import { ConcordError } from '../errors.js';
import type { Breaks, Change } from '../findings.js';
import { SCHEMA_RULES } from '../rules/schema-rules.js';
import { MAX_BRANCH_COMPARISONS, MAX_DIFF_DEPTH } from './diff-limits.js';
import type { FieldPath } from './field-path.js';
import { slotShape } from './schema-normalize.js';
import type { NodeRef } from './schema-document.js';
import type { Shape, Slot } from './schema-shape.js';
import { sameJson } from './subtree-key.js';
import type { ChangeRuleId } from '../rules/catalog.js';

/** Compares two shapes, emitting into the session; the engine's one recursive step. */
export type ShapeDiff = (session: DiffSession, before: Shape, after: Shape, field: FieldPath) => void;

const STRICT_BREAKS: ReadonlyMap<string, Breaks> = new Map(SCHEMA_RULES.map((rule) => [rule.id, rule.breaks]));

/** Direction(s) a schema rule breaks under the strict policy: the engine reasons with these. */
export function strictBreaks(rule: string): Breaks {
  const breaks = STRICT_BREAKS.get(rule);
  if (breaks === undefined) throw new ConcordError('internal', `schema rule "${rule}" is not in the catalog`);
  return breaks;
}

/** The directions broken by either of two changes. */
export function combineBreaks(first: Breaks, second: Breaks): Breaks {
  if (first === 'none') return second;
  if (second === 'none' || first === second) return first;
  return 'both';
}

/** Union of the directions in which any of the changes breaks. */
export function breaksOf(changes: readonly Change[]): Breaks {
  return changes.reduce<Breaks>((all, change) => combineBreaks(all, strictBreaks(change.rule)), 'none');
}

/** Whether changes breaking `breaks` may reject a value that was valid before. */
function narrows(breaks: Breaks): boolean {
  return breaks === 'backward' || breaks === 'both';
}

/**
 * Whether both slots hold one node each with the same JSON and no reference
 * (`sameJson(first, second, true)`). Read from the subtree keys slots and nodes of frozen
 * documents carry, else computed: a transitive check asks it for every property of every earlier
 * version, so the keys sit on the slot itself, one step from the comparison.
 */
function sameSlotText(before: Slot, after: Slot): boolean {
  const [a, b] = [before.subtree, after.subtree];
  if (a !== undefined && b !== undefined && !a.exotic && !b.exotic) return !a.hasRef && !b.hasRef && a.text === b.text;
  const [old] = before.nodes;
  const [now] = after.nodes;
  return before.nodes.length === 1 && after.nodes.length === 1 && old !== undefined && now !== undefined && sameNodeText(old, now);
}

/** `sameJson(first.value, second.value, true)`, from the nodes' subtree keys when both have one. */
function sameNodeText(first: NodeRef, second: NodeRef): boolean {
  const [a, b] = [first.subtree, second.subtree];
  if (a === undefined || b === undefined || a.exotic || b.exotic) return sameJson(first.value, second.value, true);
  return !a.hasRef && !b.hasRef && a.text === b.text;
}

export interface ChangeInput {
  readonly rule: ChangeRuleId;
  readonly path: string;
  readonly field: FieldPath;
  readonly message: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * One comparison run: collects changes and memoizes compared pairs of shapes, so shared and
 * recursive `$ref`s are compared once and recursion stops at the first repeat.
 *
 * A probe is a fresh run for a sub-question whose answer is interpreted rather than emitted (is
 * A a subset of B? how did the schema inside `not` change?). It starts with no finished pairs, so
 * it sees every change, but it shares the pairs still in progress: reaching one of those again
 * means recursion, and the engine assumes the recursive part unchanged there, because the run
 * that started it reports its changes.
 */
/** Pairwise branch comparisons a run and its probes may still make (see MAX_BRANCH_COMPARISONS). */
interface ComparisonBudget {
  left: number;
}

export class DiffSession {
  readonly changes: Change[] = [];
  private readonly finished = new Set<string>();
  private depth: number;

  constructor(
    private readonly step: ShapeDiff,
    private readonly active: Set<string> = new Set(),
    depth = 0,
    private readonly budget: ComparisonBudget = { left: MAX_BRANCH_COMPARISONS },
    /** Takes each emitted change instead of `changes` (which then stays empty); may throw to stop the run. */
    private readonly sink?: (change: Change) => void,
  ) {
    this.depth = depth;
  }

  /**
   * Takes `comparisons` from the run's budget of pairwise branch comparisons (shared with its
   * probes) and says whether they were there; when not, nothing is taken and the caller must
   * give its cautious answer without comparing.
   */
  spend(comparisons: number): boolean {
    if (comparisons > this.budget.left) return false;
    this.budget.left -= comparisons;
    return true;
  }

  emit(input: ChangeInput): void {
    const change: { -readonly [K in keyof Change]: Change[K] } = { rule: input.rule, path: input.path, message: input.message };
    if (input.field !== undefined) change.field = input.field;
    if (input.before !== undefined) change.before = input.before;
    if (input.after !== undefined) change.after = input.after;
    strictBreaks(input.rule);
    this.take(change);
  }

  emitAll(changes: readonly Change[]): void {
    // A loop, not `push(...changes)`: a spread of a huge list overflows the stack.
    for (const change of changes) this.take(change);
  }

  private take(change: Change): void {
    if (this.sink === undefined) this.changes.push(change);
    else this.sink(change);
  }

  /** Compares two slots (sub-schema positions); identical text without `$ref`s is skipped unread (in O(1) when frozen). */
  diffSlots(before: Slot, after: Slot, field: FieldPath): void {
    if (sameSlotText(before, after)) return;
    this.diffShapes(slotShape(before), slotShape(after), field);
  }

  diffShapes(before: Shape, after: Shape, field: FieldPath): void {
    const key = `${before.key}|${after.key}`;
    if (this.finished.has(key) || this.active.has(key)) return;
    if (this.depth >= MAX_DIFF_DEPTH) {
      throw new ConcordError(
        'too-large',
        `schemas nest deeper than ${MAX_DIFF_DEPTH} levels at ${after.at || 'the root'}${field === undefined ? '' : ` (field ${field})`}: flatten the schema`,
        { pointer: after.at },
      );
    }
    this.active.add(key);
    this.depth += 1;
    try {
      this.step(this, before, after, field);
    } finally {
      this.depth -= 1;
      this.active.delete(key);
      this.finished.add(key);
    }
  }

  /** Runs `run` as a probe and returns its changes without emitting them. */
  probeWith(run: (session: DiffSession) => void): Change[] {
    const session = new DiffSession(this.step, this.active, this.depth, this.budget);
    run(session);
    return session.changes;
  }

  /** Compares two shapes in a probe. */
  probe(before: Shape, after: Shape, field: FieldPath): Change[] {
    return this.probeWith((session) => session.diffShapes(before, after, field));
  }

  /** Whether every value valid under `before` is valid under `after`, as far as the engine can prove. */
  isSubset(before: Shape, after: Shape): boolean {
    return !narrows(breaksOf(this.probe(before, after, undefined)));
  }
}
