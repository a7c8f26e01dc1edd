import { admitsSomeNumber } from './number-arbitrary.js';
import { INTEGER_MULTIPLES, NUMBER_MULTIPLES } from './schema-arbitrary.js';
import type { Mutation, Site } from './schema-sites.js';
import { pick } from './schema-sites.js';
import type { SchemaObject } from './schema-node.js';
import { cloneSchema, numberOf, typesOf } from './schema-node.js';

/**
 * Edits of numeric bounds and multipleOf. A narrowing edit applies only where the field still
 * admits a number afterwards, so records can still be made for the new schema.
 */

function numericTypes(node: SchemaObject): ('integer' | 'number')[] {
  return typesOf(node).filter((type): type is 'integer' | 'number' => type === 'integer' || type === 'number');
}

function stepOf(node: SchemaObject): number {
  return numberOf(node, 'multipleOf') ?? 1;
}

/** The keyword holding a side's bound, exclusive first as the record generator reads it. */
function boundKey(node: SchemaObject, side: 'Minimum' | 'Maximum'): string | undefined {
  if (numberOf(node, `exclusive${side}`) !== undefined) return `exclusive${side}`;
  if (numberOf(node, side.toLowerCase()) !== undefined) return side.toLowerCase();
  return undefined;
}

/** Variants of a numeric edit: the edits choose among 2 or 3 options, so 6 covers every pairing. */
const NUMERIC_VARIANTS = 6;

/**
 * A numeric mutation: applies where the field is numeric and every variant of `edit`, tried on a
 * copy, leaves each numeric type of the field with some admitted value.
 */
function numericEdit(name: string, edit: (node: SchemaObject, variant: number) => boolean): Mutation {
  const trial = (site: Site, variant: number): boolean => {
    const copy = cloneSchema(site.node);
    return edit(copy, variant) && numericTypes(copy).every((type) => admitsSomeNumber(copy, type));
  };
  const variants = Array.from({ length: NUMERIC_VARIANTS }, (_, variant) => variant);
  return {
    name,
    applies: (site) =>
      numericTypes(site.node).length > 0 && !('enum' in site.node) && variants.every((variant) => trial(site, variant)),
    apply: (site, param) => {
      edit(site.node, param % NUMERIC_VARIANTS);
    },
  };
}

/** Moves a bound by one step; `absent` is the bound to set when there is none (undefined: skip). */
function moveBound(side: 'Minimum' | 'Maximum', delta: number, absent: readonly number[] | undefined) {
  return (node: SchemaObject, param: number): boolean => {
    const key = boundKey(node, side);
    if (key === undefined) {
      if (absent === undefined) return false;
      node[side.toLowerCase()] = pick(absent, param);
      return true;
    }
    node[key] = (numberOf(node, key) ?? 0) + delta * stepOf(node);
    return true;
  };
}

/** Widens a side: drops the bound for even params, moves it one step outwards for odd ones. */
function widenBound(side: 'Minimum' | 'Maximum') {
  return (node: SchemaObject, param: number): boolean => {
    const key = boundKey(node, side);
    if (key === undefined) return false;
    if (param % 2 === 0) delete node[key];
    else node[key] = (numberOf(node, key) ?? 0) + (side === 'Minimum' ? -1 : 1) * stepOf(node);
    return true;
  };
}

function toggleExclusive(side: 'Minimum' | 'Maximum', exclusive: boolean) {
  return (node: SchemaObject): boolean => {
    const from = exclusive ? side.toLowerCase() : `exclusive${side}`;
    const to = exclusive ? `exclusive${side}` : side.toLowerCase();
    const value = numberOf(node, from);
    if (value === undefined || to in node) return false;
    node[to] = value;
    delete node[from];
    return true;
  };
}

function changeMultipleOf(node: SchemaObject, param: number): boolean {
  const current = numberOf(node, 'multipleOf');
  const list = numericTypes(node).includes('number') ? NUMBER_MULTIPLES : INTEGER_MULTIPLES;
  if (current === undefined) node['multipleOf'] = pick(list, param);
  else if (param % 3 === 0) node['multipleOf'] = current * 2;
  else if (param % 3 === 1) node['multipleOf'] = pick(list.filter((value) => value !== current), param);
  else node['multipleOf'] = Number.isInteger(current / 2) || list === NUMBER_MULTIPLES ? current / 2 : current * 3;
  return true;
}

export const NUMERIC_MUTATIONS: readonly Mutation[] = Object.freeze([
  numericEdit('raise-minimum', moveBound('Minimum', 1, [-5, 0, 10])),
  numericEdit('lower-minimum', widenBound('Minimum')),
  numericEdit('lower-maximum', moveBound('Maximum', -1, [0, 10, 100])),
  numericEdit('raise-maximum', widenBound('Maximum')),
  numericEdit('exclusive-minimum', toggleExclusive('Minimum', true)),
  numericEdit('inclusive-minimum', toggleExclusive('Minimum', false)),
  numericEdit('exclusive-maximum', toggleExclusive('Maximum', true)),
  numericEdit('inclusive-maximum', toggleExclusive('Maximum', false)),
  numericEdit('change-multiple-of', changeMultipleOf),
  numericEdit('drop-multiple-of', (node) => 'multipleOf' in node && delete node['multipleOf']),
]);
