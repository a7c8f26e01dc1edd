import { PROPERTY_NAMES } from './schema-arbitrary.js';
import type { Mutation, Site } from './schema-sites.js';
import { freshField, isObjectNode, pick, propertiesOf, replaceNode, requiredOf, setRequired } from './schema-sites.js';
import type { SchemaObject } from './schema-node.js';
import { cloneSchema, isSchemaObject, resolveRef, setTypes, typesOf } from './schema-node.js';

/** Edits of object models, of a field's type, and of `$ref`s. */

function freeNames(node: SchemaObject): string[] {
  const taken = new Set([...Object.keys(propertiesOf(node)), ...requiredOf(node)]);
  return PROPERTY_NAMES.filter((name) => !taken.has(name));
}

function optionalNames(node: SchemaObject): string[] {
  const required = new Set(requiredOf(node));
  return Object.keys(propertiesOf(node)).filter((name) => !required.has(name));
}

/** Types a field's type list may gain, as when a producer starts sending ids as numbers too. */
const ADDABLE_TYPES = ['string', 'integer', 'boolean'];

const isObjectSite = (site: Site): boolean => isObjectNode(site.node);

/** Fields a type edit may touch: anything but the record itself and `$ref`s. */
const isField = (site: Site): boolean => !site.isRoot && typeof site.node['$ref'] !== 'string';

function addProperty(site: Site, param: number, required: boolean): void {
  const name = pick(freeNames(site.node), param);
  propertiesOf(site.node)[name] = freshField(Math.floor(param / PROPERTY_NAMES.length));
  if (required) setRequired(site.node, [...requiredOf(site.node), name]);
}

function swapType(site: Site, from: string, to: string): void {
  setTypes(
    site.node,
    typesOf(site.node).map((type) => (type === from ? to : type)),
  );
}

export const OBJECT_MUTATIONS: readonly Mutation[] = Object.freeze([
  {
    name: 'add-optional-property',
    applies: (site) => isObjectSite(site) && freeNames(site.node).length > 0,
    apply: (site, param) => addProperty(site, param, false),
  },
  {
    name: 'add-required-property',
    applies: (site) => isObjectSite(site) && freeNames(site.node).length > 0,
    apply: (site, param) => addProperty(site, param, true),
  },
  {
    name: 'remove-property',
    applies: (site) => isObjectSite(site) && Object.keys(propertiesOf(site.node)).length > 0,
    apply: (site, param) => {
      const name = pick(Object.keys(propertiesOf(site.node)), param);
      delete propertiesOf(site.node)[name];
      setRequired(
        site.node,
        requiredOf(site.node).filter((entry) => entry !== name),
      );
    },
  },
  {
    name: 'require-property',
    applies: (site) => isObjectSite(site) && optionalNames(site.node).length > 0,
    apply: (site, param) => setRequired(site.node, [...requiredOf(site.node), pick(optionalNames(site.node), param)]),
  },
  {
    name: 'unrequire-property',
    applies: (site) => requiredOf(site.node).length > 0,
    apply: (site, param) => {
      const name = pick(requiredOf(site.node), param);
      setRequired(
        site.node,
        requiredOf(site.node).filter((entry) => entry !== name),
      );
    },
  },
  {
    name: 'close-model',
    applies: (site) => isObjectSite(site) && site.node['additionalProperties'] !== false,
    apply: (site) => {
      site.node['additionalProperties'] = false;
    },
  },
  {
    name: 'open-model',
    applies: (site) => isObjectSite(site) && site.node['additionalProperties'] !== undefined && site.node['additionalProperties'] !== true,
    apply: (site, param) => {
      if (param % 2 === 0) delete site.node['additionalProperties'];
      else site.node['additionalProperties'] = true;
    },
  },
  {
    name: 'type-extra-properties',
    applies: (site) => isObjectSite(site) && !isSchemaObject(site.node['additionalProperties']),
    apply: (site, param) => {
      site.node['additionalProperties'] = { type: param % 2 === 0 ? 'string' : 'integer' };
    },
  },
  {
    name: 'change-type',
    applies: isField,
    apply: (site, param) => {
      const current = typesOf(site.node);
      const family = current.includes('integer') || current.includes('number') ? ['integer', 'number'] : current;
      replaceNode(site.node, freshField(param, family));
    },
  },
  {
    name: 'add-null',
    applies: (site) => isField(site) && typesOf(site.node).length > 0 && !typesOf(site.node).includes('null') && !('const' in site.node),
    apply: (site) => {
      setTypes(site.node, [...typesOf(site.node), 'null']);
      if (Array.isArray(site.node['enum'])) site.node['enum'] = [...(site.node['enum'] as unknown[]), null];
    },
  },
  {
    name: 'remove-null',
    applies: (site) =>
      typesOf(site.node).includes('null') &&
      typesOf(site.node).length > 1 &&
      (!Array.isArray(site.node['enum']) || site.node['enum'].some((value) => value !== null)),
    apply: (site) => {
      setTypes(
        site.node,
        typesOf(site.node).filter((type) => type !== 'null'),
      );
      if (Array.isArray(site.node['enum'])) {
        site.node['enum'] = (site.node['enum'] as unknown[]).filter((value) => value !== null);
      }
    },
  },
  {
    name: 'add-type',
    applies: (site) =>
      isField(site) &&
      typesOf(site.node).length > 0 &&
      !('enum' in site.node) &&
      !('const' in site.node) &&
      ADDABLE_TYPES.some((type) => !typesOf(site.node).includes(type)),
    apply: (site, param) => {
      const missing = ADDABLE_TYPES.filter((type) => !typesOf(site.node).includes(type));
      setTypes(site.node, [...typesOf(site.node), pick(missing, param)]);
    },
  },
  {
    name: 'integer-to-number',
    applies: (site) => typesOf(site.node).includes('integer') && !typesOf(site.node).includes('number'),
    apply: (site) => swapType(site, 'integer', 'number'),
  },
  {
    name: 'number-to-integer',
    applies: (site) => typesOf(site.node).includes('number') && !typesOf(site.node).includes('integer'),
    apply: (site) => swapType(site, 'number', 'integer'),
  },
  {
    name: 'inline-ref',
    applies: (site) => typeof site.node['$ref'] === 'string' && isSchemaObject(resolveRef(site.root, site.node['$ref'])),
    apply: (site) => {
      const target = resolveRef(site.root, site.node['$ref'] as string) as SchemaObject;
      replaceNode(site.node, cloneSchema(target));
    },
  },
]);
