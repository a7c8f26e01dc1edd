import { describe, expect, test } from 'vitest';
import { judge } from '../../contracts/compat-mode.js';
import { diffContractMeta } from '../../contracts/diff/contract-meta-diff.js';
import type { Contract, Sla } from '../../contracts/model.js';
import { ruleById } from '../../contracts/rules/catalog.js';
import { CONTRACT_RULES } from '../../contracts/rules/contract-rules.js';

const BASE: Contract = {
  id: 'commerce.orders',
  version: '2.1.0',
  title: 'Orders feed',
  description: 'Every order.',
  owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
  team: 'commerce-data',
  status: 'active',
  compatibility: { mode: 'forward', policy: 'strict' },
  schema: { type: 'object' },
  metrics: [],
  features: [],
  sla: { freshness: { field: 'created_at', max_age: '15m' }, volume: { min: 1000, max: 50_000, per: 'day' } },
  sources: [{ name: 'prod', type: 'http', url: 'https://orders.example.com' }],
  tags: ['commerce'],
};

function edited(changes: Partial<Contract>): Contract {
  return { ...BASE, ...changes };
}

function sla(changes: Partial<Sla>): Contract {
  return edited({ sla: { ...BASE.sla, ...changes } });
}

describe('diffContractMeta', () => {
  test.each<[string, Contract, string, string, string]>([
    ['owner', edited({ owner: { name: 'Lee Park', email: 'lee@example.com' } }), 'contract-owner-changed', '/owner', 'info'],
    ['team', edited({ team: 'finance-data' }), 'contract-team-changed', '/team', 'info'],
    ['draft to active', edited({ status: 'draft' }), 'contract-status-changed', '/status', 'info'],
    ['deprecated status', edited({ status: 'deprecated' }), 'contract-deprecated', '/status', 'warning'],
    ['retired status', edited({ status: 'retired' }), 'contract-deprecated', '/status', 'warning'],
    ['deprecated flag', edited({ deprecated: 'use commerce.orders_v3' }), 'contract-deprecated', '/deprecated', 'warning'],
    ['sunset', edited({ sunset: '2027-01-01' }), 'contract-sunset-changed', '/sunset', 'warning'],
    ['compatibility mode', edited({ compatibility: { mode: 'none', policy: 'strict' } }), 'contract-compatibility-changed', '/compatibility', 'warning'],
    ['compatibility policy', edited({ compatibility: { mode: 'forward', policy: 'lenient' } }), 'contract-compatibility-changed', '/compatibility', 'warning'],
    ['longer max_age', sla({ freshness: { field: 'created_at', max_age: '1h' } }), 'contract-sla-loosened', '/sla/freshness/max_age', 'warning'],
    ['shorter max_age', sla({ freshness: { field: 'created_at', max_age: '5m' } }), 'contract-sla-changed', '/sla/freshness/max_age', 'info'],
    ['freshness dropped', sla({ freshness: undefined }), 'contract-sla-loosened', '/sla/freshness', 'warning'],
    ['freshness field', sla({ freshness: { field: 'updated_at', max_age: '15m' } }), 'contract-sla-changed', '/sla/freshness/field', 'info'],
    ['lower minimum volume', sla({ volume: { min: 500, max: 50_000, per: 'day' } }), 'contract-sla-loosened', '/sla/volume/min', 'warning'],
    ['higher minimum volume', sla({ volume: { min: 2000, max: 50_000, per: 'day' } }), 'contract-sla-changed', '/sla/volume/min', 'info'],
    ['dropped maximum', sla({ volume: { min: 1000, per: 'day' } }), 'contract-sla-loosened', '/sla/volume/max', 'warning'],
    ['lower maximum', sla({ volume: { min: 1000, max: 40_000, per: 'day' } }), 'contract-sla-changed', '/sla/volume/max', 'info'],
    ['another SLA entry dropped', edited({ sla: { ...BASE.sla } }), 'contract-sla-changed', '/sla/availability', 'info'],
    ['title', edited({ title: 'Orders' }), 'contract-title-changed', '/title', 'info'],
    ['description', edited({ description: 'All orders.' }), 'contract-description-changed', '/description', 'info'],
    ['tags', edited({ tags: ['commerce', 'finance'] }), 'contract-tags-changed', '/tags', 'info'],
    ['sources', edited({ sources: [] }), 'contract-sources-changed', '/sources', 'info'],
  ])('%s', (_label, after, rule, path, severity) => {
    const before = rule === 'contract-sla-changed' && path === '/sla/availability' ? edited({ sla: { ...BASE.sla, availability: '99.9%' } }) : BASE;
    const reversed = path === '/sla/availability';
    const findings = judge(reversed ? diffContractMeta(after, before) : diffContractMeta(before, after), 'full', 'strict');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule, path, severity });
    expect(findings[0]!.message).toContain('commerce.orders');
  });

  test('the same rate over a longer period is a looser promise for both bounds', () => {
    const weekly = sla({ volume: { min: 7000, max: 350_000, per: 'week' } });
    expect(diffContractMeta(BASE, weekly).map((change) => [change.rule, change.path])).toEqual([
      ['contract-sla-loosened', '/sla/volume/min'],
      ['contract-sla-loosened', '/sla/volume/max'],
    ]);
    expect(diffContractMeta(weekly, BASE).map((change) => change.rule)).toEqual(['contract-sla-changed', 'contract-sla-changed']);
  });

  test('an unreadable volume period cannot be compared, so a change to it is a loosening', () => {
    expect(diffContractMeta(BASE, sla({ volume: { min: 1000, per: 'fortnight' } })).map((change) => change.rule)).toEqual([
      'contract-sla-loosened',
      'contract-sla-loosened',
    ]);
  });

  test('a dropped SLA entry is a loosening', () => {
    const before = edited({ sla: { ...BASE.sla, availability: '99.9%' } });
    expect(diffContractMeta(before, BASE)[0]).toMatchObject({ rule: 'contract-sla-loosened', path: '/sla/availability', before: '99.9%' });
  });

  test.each([
    ['a volume period written another way', sla({ volume: { min: 1000, max: 50_000, per: '24h' } })],
    ['the owner email in other case', edited({ owner: { name: 'Dana Fischer', email: 'Dana.Fischer@example.com' } })],
    ['tag order', edited({ tags: ['commerce', 'commerce'] })],
    ['identical', BASE],
  ])('%s is no change', (_label, after) => {
    expect(diffContractMeta(BASE, after)).toEqual([]);
  });

  test('a status and flag deprecation together are reported once', () => {
    expect(diffContractMeta(BASE, edited({ status: 'deprecated', deprecated: true })).map((change) => change.rule)).toEqual(['contract-deprecated']);
  });

  test('withdrawing a deprecation flag is a status change', () => {
    expect(diffContractMeta(edited({ deprecated: true }), BASE)).toMatchObject([{ rule: 'contract-status-changed', path: '/deprecated' }]);
  });

  test('the SLA loosening message says who should hear about it', () => {
    expect(diffContractMeta(BASE, sla({ freshness: { field: 'created_at', max_age: '1h' } }))[0]?.message).toBe(
      'commerce.orders: SLA freshness max_age goes from 15m to 1h: consumers relying on the old promise should hear about it before you publish',
    );
  });

  test.each(CONTRACT_RULES.map((rule) => [rule.id, rule] as const))('%s is in the catalog and never breaks', (id, rule) => {
    expect(ruleById(id)).toBe(rule);
    expect(rule.breaks).toBe('none');
  });
});
