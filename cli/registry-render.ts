import { renderChangelogText, hasRule, requiredBump } from '../contracts/index.js';
import type { DiffReport, Finding, LintProblem, Contract, VersionCheck } from '../contracts/index.js';
import type { Changelog, ConsumerImpact, PublishReply, PublishVerdict, VersionDetail, VersionList, VersionMarkInfo } from '../registry/client/index.js';

/** Terminal text for what the registry answers to the CLI's registry commands. */

/** Splits what a refusal carried into judged findings (change rules) and lint problems (lint rules): both kinds share one severity vocabulary, so the rule's catalog tells them apart. */
export function splitFindings(items: readonly (Finding | LintProblem)[]): { readonly findings: Finding[]; readonly problems: LintProblem[] } {
  const findings: Finding[] = [];
  const problems: LintProblem[] = [];
  for (const item of items) {
    if (hasRule(item.rule)) findings.push(item);
    else problems.push(item as LintProblem);
  }
  return { findings, problems };
}

/** A changelog for findings the registry judged, in the mode the local contract declares unless the registry said. */
function reportOf(contract: Contract, findings: readonly Finding[], extra: Partial<DiffReport> = {}): DiffReport {
  return {
    compatible: !findings.some((finding) => finding.severity === 'breaking'),
    mode: contract.compatibility.mode,
    policy: contract.compatibility.policy,
    requiredBump: requiredBump(findings),
    changes: findings,
    contract: contract.id,
    ...extra,
  };
}

/** A publish answer: what was stored, the version check, and the changelog against the previous version. */
export function renderPublished(result: PublishReply, contract: Contract): string {
  const head =
    result.existing === true
      ? `${result.contract} ${result.version} is already published with this content; nothing changed`
      : `published ${result.contract} ${result.version}`;
  if (result.previousVersion === null) return `${head} (its first version)\n`;
  const report = reportOf(contract, result.changes, {
    compatible: result.compatible,
    requiredBump: result.requiredBump,
    from: result.previousVersion,
    to: result.version,
  });
  const check = result.versionCheck === null ? '' : `${result.versionCheck.message}\n`;
  return `${head}\n${check}${renderChangelogText(report)}`;
}

/** Every finding and problem a registry error carried, changelog style. */
export function renderErrorFindings(items: readonly (Finding | LintProblem)[], contract: Contract): string {
  const { findings, problems } = splitFindings(items);
  const lines: string[] = [];
  if (findings.length > 0) lines.push(renderChangelogText(reportOf(contract, findings)).trimEnd());
  for (const problem of problems) lines.push(`  ${problem.severity} ${problem.rule} at ${problem.path === '' ? '/' : problem.path}: ${problem.message}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** A refused publish: the registry's sentence on what to do, every further reason, then every finding behind them. */
export function renderRefusal(message: string, items: readonly (Finding | LintProblem)[], contract: Contract, reasons: readonly { readonly code: string; readonly message: string }[] = []): string {
  const details = renderErrorFindings(items, contract);
  const others = reasons.slice(1).map((reason) => `also ${reason.code}: ${reason.message}\n`).join('');
  return `refused: ${message}\n${others}${details === '' ? '' : `\n${details}`}`;
}

function renderImpact(impact: ConsumerImpact): string[] {
  const reads = impact.fields.length === 0 ? 'every field' : impact.fields.join(', ');
  const mark = impact.affected ? '✗' : '✓';
  const verdict = impact.affected
    ? `AFFECTED by ${impact.findings.length} finding${impact.findings.length === 1 ? '' : 's'}`
    : 'not affected';
  const lines = [`  ${mark} ${impact.consumer} (${impact.range}; contact ${impact.contact.name} <${impact.contact.email}>) reads ${reads}: ${verdict}`];
  for (const finding of impact.findings) lines.push(`      ${finding.message}`);
  return lines;
}

/** The dry run: changelog, version check and every pinned consumer with what touches it. */
export function renderCheck(result: PublishVerdict, contract: Contract): string {
  const from = result.previousVersion === undefined ? {} : { from: result.previousVersion, to: result.version };
  const report = reportOf(contract, result.changes, { ...from, requiredBump: result.requiredBump, compatible: result.compatible });
  const versionCheck: VersionCheck | undefined = result.versionCheck;
  const against =
    result.previousVersion !== undefined
      ? renderChangelogText(report, versionCheck).trimEnd()
      : result.firstVersion
        ? `the first version of ${result.contract}`
        : `no published, non-yanked version of ${result.contract} is below ${result.version}: nothing to compare with`;
  const lines = [`dry run of ${result.contract} ${result.version} (nothing stored)`, against, ''];
  if (result.consumers.length === 0) lines.push('No consumer pins this contract.');
  else {
    const affected = result.consumers.filter((impact) => impact.affected).length;
    lines.push(`Consumers (${result.consumers.length}, ${affected} affected)`);
    for (const impact of result.consumers) lines.push(...renderImpact(impact));
  }
  if (result.breakingUntouched) lines.push('', 'The breaking changes touch no field any pinned consumer declared it reads.');
  lines.push('', ...verdictLines(result));
  return `${lines.join('\n')}\n`;
}

/** The verdict of a dry run: accepted, already published, or refused with every reason and its code. */
function verdictLines(result: PublishVerdict): string[] {
  switch (result.outcome) {
    case 'accepted':
      return ['A publish would be accepted.'];
    case 'existing':
      return [`${result.contract} ${result.version} is already published with this content: a publish would change nothing.`];
    case 'refused':
      return [
        `A publish would be refused (${result.reasons.length} reason${result.reasons.length === 1 ? '' : 's'}):`,
        ...result.reasons.map((reason) => `  ${reason.code}: ${reason.message}`),
      ];
  }
}

/** Whether the registry would accept the checked document (or already holds it). */
export function wouldPublish(result: PublishVerdict): boolean {
  return result.outcome !== 'refused';
}

function marks(version: { readonly deprecated: VersionMarkInfo; readonly yanked: VersionMarkInfo }): string {
  const notes = [
    version.yanked === null ? undefined : `yanked by ${version.yanked.byName ?? version.yanked.by}: ${version.yanked.reason}`,
    version.deprecated === null ? undefined : `deprecated by ${version.deprecated.byName ?? version.deprecated.by}: ${version.deprecated.reason}`,
  ].filter((note) => note !== undefined);
  return notes.length === 0 ? '' : `  [${notes.join('; ')}]`;
}

/** The version list, one line each with publisher, content hash prefix and marks. */
export function renderVersions(list: VersionList): string {
  if (list.versions.length === 0) return `${list.contract} has no published versions\n`;
  const width = Math.max(...list.versions.map((v) => v.version.length));
  const lines = [`${list.contract}: ${list.versions.length} version${list.versions.length === 1 ? '' : 's'}`];
  for (const v of list.versions) {
    lines.push(`  ${v.version.padEnd(width)}  ${v.publishedAt}  by ${v.publishedByName ?? v.publishedBy}  ${v.contentHash.slice(0, 12)}${marks(v)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** What a range resolves to, in one line. */
export function renderResolved(detail: VersionDetail, range: string): string {
  return `${detail.contract}@${range} resolves to ${detail.version} (published ${detail.publishedAt} by ${detail.publishedByName ?? detail.publishedBy}, content ${detail.contentHash.slice(0, 12)})${marks(detail)}\n`;
}

/** A changelog the registry computed, rendered like `concord diff`. */
export function renderChangelog(changelog: Changelog): string {
  return renderChangelogText(changelog);
}
