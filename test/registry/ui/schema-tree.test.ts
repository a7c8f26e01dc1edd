import { describe, expect, test } from 'vitest';
import type { JsonSchema } from '../../../contracts/model.js';
import { MAX_TREE_FIELDS, schemaTree } from '../../../registry/ui/schema-tree.js';
import type { TreeField } from '../../../registry/ui/schema-tree.js';

const ORDERS: JsonSchema = {
  type: 'object',
  required: ['order_id', 'amount'],
  definitions: {
    Money: { type: 'object', required: ['value'], properties: { value: { type: 'number', minimum: 0, description: 'Amount in minor units' }, currency: { type: 'string' } } },
  },
  properties: {
    order_id: { type: 'string', pattern: '^ord_[0-9a-z]{12}$', description: 'Order <b>id</b>' },
    status: { type: 'string', enum: ['pending', 'paid'] },
    email: { type: 'string', format: 'email', pii: true },
    amount: { $ref: '#/definitions/Money' },
    old_field: { type: ['string', 'null'], deprecated: true },
    items: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string', maxLength: 40 }, note: {} } } },
  },
};

function find(fields: readonly TreeField[], path: string): TreeField | undefined {
  for (const field of fields) {
    if (field.path === path) return field;
    const inner = find(field.children, path);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

describe('schemaTree', () => {
  const tree = schemaTree(ORDERS);

  test.each([
    ['order_id', { name: 'order_id', types: ['string'], required: true, pii: false, description: 'Order <b>id</b>', constraints: ['pattern ^ord_[0-9a-z]{12}$'] }],
    ['status', { required: false, enumValues: ['pending', 'paid'] }],
    ['email', { pii: true, format: 'email', required: false }],
    ['amount', { types: ['object'], required: true }],
    ['amount.value', { name: 'value', required: true, types: ['number'], constraints: ['minimum 0'], description: 'Amount in minor units' }],
    ['amount.currency', { required: false }],
    ['old_field', { deprecated: true, types: ['null', 'string'] }],
    ['items[].sku', { name: 'sku', inArrayItems: true, required: true, constraints: ['maxLength 40'] }],
    ['items[].note', { types: [], required: false }],
  ])('%s', (path, expected) => {
    expect(find(tree.fields, path)).toMatchObject(expected);
  });

  test('nests children under their parents, in schema order', () => {
    expect(tree.fields.map((field) => field.path)).toEqual(['order_id', 'status', 'email', 'amount', 'old_field', 'items']);
    expect(find(tree.fields, 'items')?.children.map((field) => field.path)).toEqual(['items[].sku', 'items[].note']);
    expect(tree.total).toBe(tree.shown);
  });

  test(`shows at most MAX_TREE_FIELDS (${MAX_TREE_FIELDS}) fields and counts the rest`, () => {
    const at = (count: number): JsonSchema => ({ type: 'object', properties: Object.fromEntries(Array.from({ length: count }, (_, i) => [`f${i}`, { type: 'string' }])) });
    expect(schemaTree(at(MAX_TREE_FIELDS))).toMatchObject({ total: MAX_TREE_FIELDS, shown: MAX_TREE_FIELDS });
    const over = schemaTree(at(MAX_TREE_FIELDS + 1));
    expect(over).toMatchObject({ total: MAX_TREE_FIELDS + 1, shown: MAX_TREE_FIELDS });
    expect(over.fields).toHaveLength(MAX_TREE_FIELDS);
  });

  test('a recursive schema ends instead of looping', () => {
    const recursive: JsonSchema = { type: 'object', properties: { node: { $ref: '#/definitions/Node' } }, definitions: { Node: { type: 'object', properties: { next: { $ref: '#/definitions/Node' } } } } };
    const result = schemaTree(recursive);
    expect(find(result.fields, 'node.next')).toBeDefined();
    expect(result.total).toBeLessThan(10);
  });
});
