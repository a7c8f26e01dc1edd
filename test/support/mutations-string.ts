import { ENUM_WORDS } from './schema-arbitrary.js';
import type { Mutation, Site } from './schema-sites.js';
import { pick } from './schema-sites.js';
import type { SchemaObject } from './schema-node.js';
import { numberOf, typesOf } from './schema-node.js';
import { STRING_FORMATS, SAFE_PATTERNS, patternFitsLengths, safePattern } from './string-patterns.js';

/**
 * Edits of string constraints (lengths, format, pattern) and of `enum`/`const`. Each keeps the
 * edited field satisfiable, so records can still be made for the new schema.
 */

const LENGTH_KEYS = ['minLength', 'maxLength'];

function isStringSite(site: Site): boolean {
  return typesOf(site.node).includes('string') && !('const' in site.node);
}

function bounds(node: SchemaObject): { readonly min: number; readonly max: number } {
  return { min: numberOf(node, 'minLength') ?? 0, max: numberOf(node, 'maxLength') ?? Infinity };
}

/** Whether a string field with these lengths still admits a value under its pattern, format and enum. */
function admitsLengths(node: SchemaObject, min: number, max: number): boolean {
  if (min > max || node['format'] !== undefined) return false;
  const pattern = safePattern(node['pattern']);
  if (pattern !== undefined && !patternFitsLengths(pattern, min, max)) return false;
  const values = node['enum'];
  if (Array.isArray(values)) return values.some((value) => typeof value === 'string' && value.length >= min && value.length <= max);
  return true;
}

function hasNoStringShape(node: SchemaObject): boolean {
  return !('format' in node) && !('pattern' in node) && !('enum' in node);
}

function fittingPatterns(node: SchemaObject): string[] {
  const { min, max } = bounds(node);
  return SAFE_PATTERNS.filter((entry) => entry.pattern !== node['pattern'] && patternFitsLengths(entry, min, max)).map(
    (entry) => entry.pattern,
  );
}

function fittingWords(node: SchemaObject): string[] {
  const { min, max } = bounds(node);
  return ENUM_WORDS.filter((word) => word.length >= min && word.length <= max);
}

/** A value the enum does not hold yet, of a type the field admits. */
function newEnumValue(node: SchemaObject, param: number): unknown {
  const present = new Set((node['enum'] as unknown[]).map((value) => JSON.stringify(value)));
  const types = typesOf(node);
  const candidates: unknown[] =
    types.includes('string') || types.length === 0 ? [...ENUM_WORDS, 'archived', 'refunded'] : [];
  if (types.includes('integer') || types.includes('number') || types.length === 0) candidates.push(0, 1, 4, 7, 40);
  if (types.includes('boolean') || types.length === 0) candidates.push(true, false);
  const fresh = candidates.filter((value) => !present.has(JSON.stringify(value)));
  return fresh.length > 0 ? pick(fresh, param) : undefined;
}

export const STRING_MUTATIONS: readonly Mutation[] = Object.freeze([
  {
    name: 'raise-min-length',
    applies: (site) => isStringSite(site) && admitsLengths(site.node, bounds(site.node).min + 1, bounds(site.node).max),
    apply: (site) => {
      site.node['minLength'] = bounds(site.node).min + 1;
    },
  },
  {
    name: 'lower-min-length',
    applies: (site) => isStringSite(site) && bounds(site.node).min > 0,
    apply: (site, param) => {
      if (param % 2 === 0) delete site.node['minLength'];
      else site.node['minLength'] = bounds(site.node).min - 1;
    },
  },
  {
    name: 'lower-max-length',
    applies: (site) => {
      if (!isStringSite(site)) return false;
      const { min, max } = bounds(site.node);
      return admitsLengths(site.node, min, max === Infinity ? min + 10 : max - 1);
    },
    apply: (site, param) => {
      const { min, max } = bounds(site.node);
      site.node['maxLength'] = max === Infinity ? min + 10 + (param % 10) : max - 1;
    },
  },
  {
    name: 'raise-max-length',
    applies: (site) => isStringSite(site) && 'maxLength' in site.node,
    apply: (site, param) => {
      if (param % 2 === 0) delete site.node['maxLength'];
      else site.node['maxLength'] = bounds(site.node).max + 1;
    },
  },
  {
    name: 'add-format',
    applies: (site) => isStringSite(site) && hasNoStringShape(site.node) && !LENGTH_KEYS.some((key) => key in site.node),
    apply: (site, param) => {
      site.node['format'] = pick(STRING_FORMATS, param);
    },
  },
  {
    name: 'drop-format',
    applies: (site) => 'format' in site.node,
    apply: (site) => {
      delete site.node['format'];
    },
  },
  {
    name: 'change-format',
    applies: (site) => 'format' in site.node && !LENGTH_KEYS.some((key) => key in site.node),
    apply: (site) => {
      site.node['format'] = STRING_FORMATS.find((format) => format !== site.node['format']) ?? STRING_FORMATS[0];
    },
  },
  {
    name: 'add-pattern',
    applies: (site) => isStringSite(site) && hasNoStringShape(site.node) && fittingPatterns(site.node).length > 0,
    apply: (site, param) => {
      site.node['pattern'] = pick(fittingPatterns(site.node), param);
    },
  },
  {
    name: 'drop-pattern',
    applies: (site) => 'pattern' in site.node,
    apply: (site) => {
      delete site.node['pattern'];
    },
  },
  {
    name: 'change-pattern',
    applies: (site) => 'pattern' in site.node && fittingPatterns(site.node).length > 0,
    apply: (site, param) => {
      site.node['pattern'] = pick(fittingPatterns(site.node), param);
    },
  },
  {
    name: 'add-enum',
    applies: (site) => isStringSite(site) && hasNoStringShape(site.node) && fittingWords(site.node).length > 0,
    apply: (site, param) => {
      const words = fittingWords(site.node);
      const values = [...new Set([pick(words, param), pick(words, param + 1)])];
      site.node['enum'] = typesOf(site.node).includes('null') ? [...values, null] : values;
    },
  },
  {
    name: 'add-enum-value',
    applies: (site) => Array.isArray(site.node['enum']) && newEnumValue(site.node, 0) !== undefined,
    apply: (site, param) => {
      site.node['enum'] = [...(site.node['enum'] as unknown[]), newEnumValue(site.node, param)];
    },
  },
  {
    name: 'remove-enum-value',
    applies: (site) => Array.isArray(site.node['enum']) && site.node['enum'].length > 1,
    apply: (site, param) => {
      const values = [...(site.node['enum'] as unknown[])];
      values.splice(param % values.length, 1);
      site.node['enum'] = values;
    },
  },
  {
    name: 'drop-enum',
    applies: (site) => 'enum' in site.node,
    apply: (site) => {
      delete site.node['enum'];
    },
  },
  {
    name: 'drop-const',
    applies: (site) => 'const' in site.node,
    apply: (site) => {
      delete site.node['const'];
    },
  },
  {
    name: 'change-const',
    applies: (site) => typeof site.node['const'] === 'string',
    apply: (site, param) => {
      site.node['const'] = pick(
        ENUM_WORDS.filter((word) => word !== site.node['const']),
        param,
      );
    },
  },
]);
