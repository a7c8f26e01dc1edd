import { SemVer } from 'semver';
import { groupBySeverity } from '../../../contracts/index.js';
import type { Finding, Severity } from '../../../contracts/index.js';
import { lineOf } from '../../services/evaluate.js';
import type { PrincipalNames } from '../../services/principal-names.js';
import type { ContractSummary, VersionHeader } from '../../storage/contract-records.js';
import { jsonCode, notice, severityBadge, statusBadge, time } from '../components.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { uiPaths } from '../ui-paths.js';
import { contractHeader } from './contract-header.js';
import type { Changelog } from '../../../vocabulary/index.js';

/**
 * The changes a page shows between two versions: the API's changelog, whose mode and policy are
 * absent when the caller does not know them (a dry run's report does not say).
 */
export type ChangelogView = Pick<Changelog, 'compatible' | 'requiredBump' | 'from' | 'to' | 'changes'> & Partial<Pick<Changelog, 'mode' | 'policy'>>;

export interface VersionsPageData {
  readonly summary: ContractSummary;
  /** The versions on this page, oldest first. */
  readonly versions: readonly VersionHeader[];
  /** Names of the principals who published the versions, by id. */
  readonly names: PrincipalNames;
  /** The version just before this page's oldest one, for its "since" link. */
  readonly earlier?: VersionHeader;
  /** Versions across all pages. */
  readonly total: number;
  /** Versions skipped, counted from the newest. */
  readonly offset: number;
  readonly pageSize: number;
  readonly from?: string;
  readonly to?: string;
  readonly changelog?: ChangelogView;
}

const GROUP_TITLES: Readonly<Record<Severity, string>> = { breaking: 'Breaking changes', warning: 'Warnings', info: 'Other changes' };

/** A version picker offering this page's versions and the one already chosen. */
function versionSelect(id: string, label: string, name: string, versions: readonly VersionHeader[], selected: string | undefined): SafeHtml {
  const offered = versions.map((header) => header.version);
  const options = selected === undefined || offered.includes(selected) ? offered : [selected, ...offered];
  return html`<div class="field-control"><label for="${id}">${label}</label>
  <select id="${id}" name="${name}">${options.map((version) => html`<option value="${version}"${version === selected ? html` selected` : ''}>${version}</option>`)}</select></div>`;
}

function pager(data: VersionsPageData): SafeHtml | '' {
  const { summary, offset, pageSize, total } = data;
  const older = offset + pageSize < total ? uiPaths.versions(summary.id, data.from, data.to, offset + pageSize) : undefined;
  const newer = offset > 0 ? uiPaths.versions(summary.id, data.from, data.to, Math.max(0, offset - pageSize)) : undefined;
  if (older === undefined && newer === undefined) return '';
  return html`<nav class="pager" aria-label="Pages">${newer === undefined ? '' : html`<a href="${newer}" rel="prev">← Newer</a>`} ${older === undefined ? '' : html`<a href="${older}" rel="next">Older →</a>`}</nav>`;
}

/**
 * The version `header` was compared with when it was published: the highest non-yanked version
 * below it published no later than it. With maintenance lines that is not always the one listed
 * just below (2.0.0 published before the fix 1.1.2 was compared with 1.1.1).
 */
function predecessorOf(versions: readonly VersionHeader[], index: number): VersionHeader | undefined {
  const header = versions[index]!;
  const below = versions.slice(0, index);
  return below.filter((other) => other.yanked === undefined && other.publishedAt <= header.publishedAt).at(-1) ?? below.at(-1);
}

/** The highest non-yanked version of each line, when the contract has more than one line. */
function lineHeads(versions: readonly VersionHeader[]): ReadonlyMap<string, string> {
  const heads = new Map<string, string>();
  for (const header of versions) {
    if (header.yanked === undefined) heads.set(lineOf(new SemVer(header.version)), header.version);
  }
  return heads.size > 1 ? new Map([...heads].map(([line, version]) => [version, line])) : new Map();
}

function versionTable(data: VersionsPageData): SafeHtml {
  const { summary, versions } = data;
  const heads = lineHeads(versions);
  return html`<div class="table-scroll"><table class="cards">
  <thead><tr><th scope="col">Version</th><th scope="col">Published</th><th scope="col">Status</th><th scope="col">Compatibility</th><th scope="col">Marks</th><th scope="col">Changes</th></tr></thead>
  <tbody>${[...versions].reverse().map((header) => {
    const index = versions.indexOf(header);
    const previous = predecessorOf(versions, index) ?? data.earlier;
    const head = heads.get(header.version);
    const marks = [
      head === undefined ? undefined : html`<span class="badge">newest of ${head}</span>`,
      header.deprecated === undefined ? undefined : html`<span class="badge status-deprecated">deprecated</span> ${header.deprecated.reason}`,
      header.yanked === undefined ? undefined : html`<span class="badge status-retired">yanked</span> ${header.yanked.reason}`,
    ].filter((mark) => mark !== undefined);
    return html`<tr>
    <td data-label="Version"><a href="${uiPaths.contract(summary.id, header.version)}"><code>${header.version}</code></a></td>
    <td data-label="Published">${time(header.publishedAt)} <span class="muted">by ${data.names.get(header.publishedBy) ?? header.publishedBy}</span></td>
    <td data-label="Status">${statusBadge(header.status)}</td>
    <td data-label="Compatibility"><code>${header.compatibility.mode}</code></td>
    <td data-label="Marks">${marks.length === 0 ? html`<span class="muted">none</span>` : marks}</td>
    <td data-label="Changes">${previous === undefined ? html`<span class="muted">first version</span>` : html`<a href="${uiPaths.versions(summary.id, previous.version, header.version)}">since ${previous.version}</a>`}</td>
  </tr>`;
  })}</tbody>
</table></div>`;
}

function changeItem(change: Finding): SafeHtml {
  const where = change.path === '' ? '/' : change.path;
  return html`<li class="change change-${change.severity}">
  <p class="change-message">${severityBadge(change.severity)} ${change.message}</p>
  <p class="change-where"><span>rule <code class="rule">${change.rule}</code></span> <span>at <code>${where}</code></span>${change.field === undefined ? '' : html` <span>field <code>${change.field}</code></span>`}</p>
  ${
    (change.before ?? undefined) === undefined && (change.after ?? undefined) === undefined
      ? ''
      : html`<p class="change-values"><span>before ${jsonCode(change.before ?? undefined)}</span> <span>after ${jsonCode(change.after ?? undefined)}</span></p>`
  }
</li>`;
}

/** A changelog rendered breaking changes first, each naming its rule and path. */
export function changelogSection(changelog: ChangelogView, headingId = 'diff-heading'): SafeHtml {
  const breaking = changelog.changes.filter((change) => change.severity === 'breaking').length;
  const under = changelog.mode === undefined ? '' : ` under ${changelog.mode} (${changelog.policy ?? 'strict'})`;
  const verdict =
    changelog.changes.length === 0
      ? 'No changes.'
      : breaking === 0
        ? `Compatible${under}; required bump: ${changelog.requiredBump}.`
        : `Incompatible${under}: ${breaking} breaking ${breaking === 1 ? 'change' : 'changes'}; required bump: ${changelog.requiredBump}.`;
  return html`<section aria-labelledby="${headingId}" class="changelog">
  <h2 id="${headingId}">Changes from <code>${changelog.from}</code> to <code>${changelog.to}</code></h2>
  ${notice(breaking > 0 ? 'error' : 'success', verdict)}
  ${groupBySeverity(changelog.changes).map(
    ([severity, group]) => html`<section class="change-group change-group-${severity}" aria-labelledby="${headingId}-${severity}">
    <h3 id="${headingId}-${severity}">${GROUP_TITLES[severity]} (${group.length})</h3>
    <ul class="changes">${group.map(changeItem)}</ul>
  </section>`,
  )}
</section>`;
}

/** The version list, a form to compare any two versions, and their changelog when chosen. */
export function versionsPage(data: VersionsPageData): SafeHtml {
  const { summary, versions } = data;
  const newest = versions.at(-1)?.version;
  const before = versions.at(-2)?.version ?? newest;
  return html`${contractHeader(summary, 'versions')}
<section aria-labelledby="versions-heading">
  <h2 id="versions-heading">Versions <span class="muted">(${data.total})</span></h2>
  ${versionTable(data)}
  ${pager(data)}
</section>
<section aria-labelledby="compare-heading">
  <h2 id="compare-heading">Compare two versions</h2>
  <form method="get" action="${uiPaths.versions(summary.id)}" class="compare-form">
    ${versionSelect('compare-from', 'From', 'from', versions, data.from ?? before)}
    ${versionSelect('compare-to', 'To', 'to', versions, data.to ?? newest)}
    <button type="submit" class="button">Compare</button>
  </form>
</section>
${data.changelog === undefined ? '' : changelogSection(data.changelog)}`;
}
