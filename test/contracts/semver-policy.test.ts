import { describe, expect, test } from 'vitest';
import { ConcordError } from '../../contracts/errors.js';
import type { Finding, Severity } from '../../contracts/findings.js';
import { SemVer } from 'semver';
import { bumpAllowed, checkVersionBump, requiredBump, type Bump } from '../../contracts/semver-policy.js';

function finding(rule: string, severity: Severity): Finding {
  return { rule, severity, path: '/x', message: rule };
}

describe('requiredBump', () => {
  test.each<[string, Finding[], Bump]>([
    ['no findings', [], 'none'],
    ['a breaking finding', [finding('metric-description-changed', 'info'), finding('metric-removed', 'breaking')], 'major'],
    ['a breaking rule judged non-breaking under its mode, whose catalog bump is minor', [finding('metric-removed', 'warning')], 'minor'],
    ['an added metric', [finding('metric-added', 'info'), finding('metric-owner-changed', 'info')], 'minor'],
    ['a loosened freshness warning', [finding('feature-freshness-loosened', 'warning')], 'minor'],
    ['documentation-only changes', [finding('metric-description-changed', 'info'), finding('contract-title-changed', 'info')], 'patch'],
  ])('%s: %s', (_label, findings, expected) => {
    expect(requiredBump(findings)).toBe(expected);
  });

  test('a rule missing from the catalog is an internal error, not a silent patch', () => {
    expect(() => requiredBump([finding('no-such-rule', 'info')])).toThrow(expect.objectContaining({ code: 'internal' }));
  });
});

describe('checkVersionBump', () => {
  test.each<[string, string, Bump, boolean, string, string, string]>([
    ['2.1.0', '3.0.0', 'major', true, 'major', '3.0.0', 'commerce.orders 3.0.0 is a major release after 2.1.0'],
    ['2.1.0', '2.2.0', 'major', false, 'minor', '3.0.0', 'commerce.orders 2.2.0 has breaking changes: publish it as 3.0.0'],
    ['2.1.0', '2.1.1', 'major', false, 'patch', '3.0.0', 'has breaking changes: publish it as 3.0.0'],
    ['2.1.0', '2.2.0', 'minor', true, 'minor', '2.2.0', 'is a minor release'],
    ['2.1.0', '3.0.0', 'minor', true, 'major', '3.0.0', 'is a major release'],
    ['2.1.0', '2.1.1', 'minor', false, 'patch', '2.2.0', 'adds to the contract or loosens a promise: publish it as 2.2.0'],
    ['2.1.0', '2.1.1', 'patch', true, 'patch', '2.1.1', 'is a patch release'],
    ['2.1.0', '2.1.0', 'patch', false, 'none', '2.1.1', 'changes the contract but keeps the version of the previous release: publish it as 2.1.1'],
    ['2.1.0', '2.1.0', 'none', true, 'none', '2.1.0', 'has no changes and keeps its version'],
    ['2.1.0', '2.1.5', 'none', true, 'patch', '2.1.5', 'is a patch release'],
    ['2.1.0', '2.0.9', 'patch', false, 'downgrade', '2.1.1', 'commerce.orders 2.0.9 is lower than the previous version 2.1.0: publish it as 2.1.1'],
    ['2.1.0', '1.9.0', 'major', false, 'downgrade', '3.0.0', 'is lower than the previous version'],
    ['0.3.1', '0.4.0', 'major', true, 'minor', '0.4.0', 'a minor bump is enough while the major version is 0 (initial development)'],
    ['0.3.1', '0.3.2', 'major', false, 'patch', '0.4.0', 'has breaking changes: publish it as 0.4.0'],
    ['0.3.1', '1.0.0', 'major', true, 'major', '1.0.0', 'is a major release'],
    ['0.3.1', '0.3.2', 'minor', false, 'patch', '0.4.0', 'publish it as 0.4.0'],
    ['2.4.0', '3.0.0-rc.1', 'major', true, 'major', '3.0.0-rc.1', 'is a major release'],
    ['2.4.0', '2.4.1-rc.1', 'major', false, 'patch', '3.0.0', 'has breaking changes: publish it as 3.0.0'],
    ['3.0.0-rc.1', '3.0.0-rc.2', 'major', true, 'prerelease', '3.0.0-rc.2', 'prereleases promise no compatibility'],
    ['3.0.0-rc.2', '3.0.0', 'major', true, 'prerelease', '3.0.0', 'follows the prerelease 3.0.0-rc.2'],
    ['3.0.0-rc.2', '3.0.0-rc.1', 'none', false, 'downgrade', '3.0.0', 'is lower than the previous version 3.0.0-rc.2'],
    ['3.0.0-rc.2', '3.0.1', 'major', false, 'patch', '3.0.0', 'has breaking changes: publish it as 3.0.0'],
    ['2.3.0-beta.1', '2.3.0', 'minor', true, 'prerelease', '2.3.0', 'follows the prerelease'],
  ])('%s -> %s needing %s: ok %s, declared %s, suggests %s', (previous, next, required, ok, declared, suggested, message) => {
    const check = checkVersionBump(previous, next, required, 'commerce.orders');
    expect(check).toMatchObject({ ok, required, declared, suggested });
    expect(check.message).toContain(message);
  });

  test('without a contract id the message says "version"', () => {
    expect(checkVersionBump('1.0.0', '1.0.1', 'major').message).toBe('version 1.0.1 has breaking changes: publish it as 2.0.0');
  });

  test.each([
    ['2.1', '3.0.0', 'previous'],
    ['2.1.0', 'latest', 'new'],
  ])('%j -> %j is refused: the %s version is not semver', (previous, next, role) => {
    expect(() => checkVersionBump(previous, next, 'none')).toThrow(ConcordError);
    expect(() => checkVersionBump(previous, next, 'none')).toThrow(new RegExp(`the ${role} version`));
  });
});

describe('bumpAllowed', () => {
  const VERSIONS = ['0.1.0', '0.2.0', '0.2.1', '1.0.0-rc.1', '1.0.0-rc.2', '1.0.0', '1.0.1', '1.1.0', '2.0.0-alpha', '2.0.0', '2.0.0+build'];
  const BUMPS: readonly Bump[] = ['none', 'patch', 'minor', 'major'];
  const pairs = VERSIONS.flatMap((previous) => VERSIONS.flatMap((next) => BUMPS.map((bump) => [previous, next, bump] as const)));

  test('answers exactly the ok of checkVersionBump for every pair of versions and every bump', () => {
    const disagreements = pairs.filter(
      ([previous, next, bump]) => bumpAllowed(new SemVer(previous), new SemVer(next), bump) !== checkVersionBump(previous, next, bump).ok,
    );
    expect(disagreements).toEqual([]);
    // The grid holds both answers, so agreeing is not trivial.
    expect(new Set(pairs.map(([previous, next, bump]) => checkVersionBump(previous, next, bump).ok))).toEqual(new Set([true, false]));
  });

  test('checkVersionBump takes parsed versions and answers as it does for their text', () => {
    for (const [previous, next, bump] of pairs) {
      expect(checkVersionBump(new SemVer(previous), new SemVer(next), bump, 'commerce.orders')).toEqual(checkVersionBump(previous, next, bump, 'commerce.orders'));
    }
  });
});
