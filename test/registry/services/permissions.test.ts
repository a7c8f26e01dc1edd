import { describe, expect, test } from 'vitest';
import { ConcordError } from '../../../contracts/errors.js';
import { namespaceOf, requireNamespace, requireOwner, requireRole } from '../../../registry/auth/permissions.js';
import type { ContractSummary } from '../../../registry/storage/contract-records.js';
import type { Principal } from '../../../registry/storage/principal-store.js';

const principal = (id: string, role: Principal['role'], namespaces: string[] = []): Principal => ({ id, name: id, role, namespaces, createdAt: '' });
const contract: ContractSummary = {
  id: 'commerce.orders',
  namespace: 'commerce',
  name: 'orders',
  owner: { name: 'Dana', email: 'dana@example.com' },
  ownerPrincipalId: 'dana',
  status: 'active',
  tags: [],
  createdAt: '',
  updatedAt: '',
};

function codeOf(action: () => void): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof ConcordError ? error.code : 'not a ConcordError';
  }
}

describe('permissions', () => {
  test.each([
    ['commerce.orders', 'commerce'],
    ['commerce.payments.refunds', 'commerce'],
  ])('the namespace of %s is %s', (id, namespace) => {
    expect(namespaceOf(id)).toBe(namespace);
  });

  test.each([
    [principal('a', 'admin'), 'admin', undefined],
    [principal('p', 'publisher'), 'admin', 'forbidden'],
    [principal('p', 'publisher'), 'publisher', undefined],
    [principal('r', 'reader'), 'publisher', 'forbidden'],
  ] as const)('%j needs role %s: %s', (who, role, code) => {
    expect(codeOf(() => requireRole(who, role, 'act'))).toBe(code);
  });

  test.each([
    [principal('a', 'admin'), undefined],
    [principal('p', 'publisher', ['commerce']), undefined],
    [principal('p', 'publisher', ['payments']), 'forbidden'],
    [principal('p', 'publisher', []), 'forbidden'],
    [principal('r', 'reader', ['commerce']), 'forbidden'],
  ])('%j publishing commerce.orders: %s', (who, code) => {
    expect(codeOf(() => requireNamespace(who, 'commerce.orders'))).toBe(code);
  });

  test.each([
    [principal('dana', 'publisher', ['commerce']), undefined],
    [principal('admin', 'admin'), undefined],
    [principal('sam', 'publisher', ['commerce']), 'forbidden'],
  ])('%j acting as owner of commerce.orders: %s', (who, code) => {
    expect(codeOf(() => requireOwner(who, contract, 'publish'))).toBe(code);
  });
});
