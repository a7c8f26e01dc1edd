import type { Mutation, Site } from './schema-sites.js';
import { freshField } from './schema-sites.js';
import type { SchemaObject } from './schema-node.js';
import { isSchemaObject, numberOf, typesOf } from './schema-node.js';

/** Edits of arrays (length bounds, uniqueness) and of `anyOf`/`oneOf` unions. */

const isArraySite = (site: Site): boolean => typesOf(site.node).includes('array');

function isWideScalar(node: unknown): boolean {
  if (!isSchemaObject(node)) return false;
  const types = typesOf(node);
  return types.length === 1 && ['string', 'integer', 'number'].includes(types[0] ?? '') && !('enum' in node) && !('const' in node);
}

function unionKey(node: SchemaObject): 'anyOf' | 'oneOf' | undefined {
  if (Array.isArray(node['anyOf'])) return 'anyOf';
  if (Array.isArray(node['oneOf'])) return 'oneOf';
  return undefined;
}

function branchesOf(node: SchemaObject): SchemaObject[] {
  const key = unionKey(node);
  return key === undefined ? [] : (node[key] as SchemaObject[]);
}

/** JSON type families of a union's branches; integer and number overlap, so they count as one. */
function branchFamilies(node: SchemaObject): string[] {
  return branchesOf(node).flatMap((branch) => {
    const types = typesOf(branch);
    return types.includes('integer') || types.includes('number') ? [...types, 'integer', 'number'] : types;
  });
}

function setOrDrop(node: SchemaObject, key: string, value: number | undefined): void {
  if (value === undefined) delete node[key];
  else node[key] = value;
}

export const COLLECTION_MUTATIONS: readonly Mutation[] = Object.freeze([
  {
    name: 'raise-min-items',
    applies: (site) =>
      isArraySite(site) &&
      (numberOf(site.node, 'minItems') ?? 0) < (numberOf(site.node, 'maxItems') ?? Infinity) &&
      (site.node['uniqueItems'] !== true || isWideScalar(site.node['items'])),
    apply: (site) => {
      site.node['minItems'] = (numberOf(site.node, 'minItems') ?? 0) + 1;
    },
  },
  {
    name: 'lower-min-items',
    applies: (site) => isArraySite(site) && (numberOf(site.node, 'minItems') ?? 0) > 0,
    apply: (site, param) => {
      const minItems = numberOf(site.node, 'minItems') ?? 1;
      setOrDrop(site.node, 'minItems', param % 2 === 0 ? undefined : minItems - 1);
    },
  },
  {
    name: 'lower-max-items',
    applies: (site) => isArraySite(site) && (numberOf(site.node, 'maxItems') ?? Infinity) > (numberOf(site.node, 'minItems') ?? 0),
    apply: (site, param) => {
      const minItems = numberOf(site.node, 'minItems') ?? 0;
      const maxItems = numberOf(site.node, 'maxItems');
      site.node['maxItems'] = maxItems === undefined ? minItems + 1 + (param % 3) : maxItems - 1;
    },
  },
  {
    name: 'raise-max-items',
    applies: (site) => isArraySite(site) && numberOf(site.node, 'maxItems') !== undefined,
    apply: (site, param) => {
      const maxItems = numberOf(site.node, 'maxItems') ?? 0;
      setOrDrop(site.node, 'maxItems', param % 2 === 0 ? undefined : maxItems + 1);
    },
  },
  {
    name: 'add-unique-items',
    applies: (site) =>
      isArraySite(site) && site.node['uniqueItems'] !== true && isWideScalar(site.node['items']) && (numberOf(site.node, 'minItems') ?? 0) <= 1,
    apply: (site) => {
      site.node['uniqueItems'] = true;
    },
  },
  {
    name: 'drop-unique-items',
    applies: (site) => site.node['uniqueItems'] === true,
    apply: (site) => {
      delete site.node['uniqueItems'];
    },
  },
  {
    name: 'add-branch',
    applies: (site) => unionKey(site.node) !== undefined,
    apply: (site, param) => {
      branchesOf(site.node).push(freshField(param, branchFamilies(site.node)));
    },
  },
  {
    name: 'remove-branch',
    applies: (site) => branchesOf(site.node).length > 1,
    apply: (site, param) => {
      branchesOf(site.node).splice(param % branchesOf(site.node).length, 1);
    },
  },
  {
    name: 'any-of-to-one-of',
    applies: (site) => unionKey(site.node) === 'anyOf',
    apply: (site) => {
      site.node['oneOf'] = site.node['anyOf'];
      delete site.node['anyOf'];
    },
  },
  {
    name: 'one-of-to-any-of',
    applies: (site) => unionKey(site.node) === 'oneOf',
    apply: (site) => {
      site.node['anyOf'] = site.node['oneOf'];
      delete site.node['oneOf'];
    },
  },
]);
