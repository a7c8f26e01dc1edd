import { breaksOf } from './diff-session.js';
import type { DiffSession } from './diff-session.js';
import { subject } from './field-path.js';
import type { FieldPath } from './field-path.js';
import { conjoin, shapeOf, slotShape, withoutConditional } from './schema-normalize.js';
import type { Conditional, Shape, Slot } from './schema-shape.js';
import { acceptsEverything } from './shape-relations.js';

function constrains(conditional: Conditional): boolean {
  return [conditional.then, conditional.else].some((branch) => branch !== undefined && !acceptsEverything(slotShape(branch)));
}

function inContext(shape: Shape, branch: Slot | undefined): Shape {
  return conjoin(withoutConditional(shape), shapeOf(branch?.nodes ?? [], branch?.at ?? shape.at));
}

/**
 * `if`/`then`/`else`. With the same `if`, records keep their side, so each side is compared
 * together with the rest of its schema (a `then` that repeats a `type` set beside it adds
 * nothing). A changed `if` moves records between sides, which can break both ways.
 */
export function diffConditional(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  const old = before.conditional;
  const now = after.conditional;
  if (old === undefined && now === undefined) return;
  const who = subject(field);
  if (old === undefined && now !== undefined) {
    if (constrains(now)) session.emit({ rule: 'condition-added', path: now.at, field, message: `an if/then/else now constrains ${who}` });
    return;
  }
  if (now === undefined && old !== undefined) {
    if (constrains(old)) session.emit({ rule: 'condition-removed', path: old.at, field, message: `the if/then/else on ${who} was removed` });
    return;
  }
  if (old === undefined || now === undefined) return;
  if (breaksOf(session.probe(slotShape(old.if), slotShape(now.if), field)) !== 'none') {
    session.emit({ rule: 'condition-changed', path: now.at, field, message: `the if of the condition on ${who} changed, so records may move between its then and else rules` });
    return;
  }
  for (const side of ['then', 'else'] as const) {
    if (old[side] === undefined && now[side] === undefined) continue;
    session.diffShapes(inContext(before, old[side]), inContext(after, now[side]), field);
  }
}
