import type { ContractSummary } from '../../storage/contract-records.js';
import { person, statusBadge, verdictBadge } from '../components.js';
import type { VerdictLabel } from '../components.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { uiPaths } from '../ui-paths.js';
import type { SourceVerdict } from './contract-page.js';

/** The catalog's filters, exactly as the query string gave them. */
export interface CatalogFilter {
  readonly q?: string;
  readonly namespace?: string;
  readonly owner?: string;
  readonly tag?: string;
  readonly status?: string;
  readonly verdict?: string;
}

export interface CatalogRow {
  readonly summary: ContractSummary;
  readonly consumers: number;
  readonly verdicts: readonly SourceVerdict[];
}

export interface CatalogPageData {
  readonly filter: CatalogFilter;
  readonly rows: readonly CatalogRow[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  /** Set when the verdict filter looked at fewer contracts than match the other filters. */
  readonly scanned?: { readonly looked: number; readonly matching: number };
}

/** The status filter's choices: every contract status. */
export const STATUS_CHOICES = ['draft', 'active', 'deprecated', 'retired'] as const;
/** The verdict filter's choices; `none` matches contracts with no recorded run. */
export const VERDICT_CHOICES: readonly VerdictLabel[] = ['pass', 'warn', 'breaking', 'none'];

function textFilter(name: keyof CatalogFilter, label: string, value: string | undefined, hint: string): SafeHtml {
  return html`<div class="field-control"><label for="filter-${name}">${label}</label>
  <input id="filter-${name}" name="${name}" type="search" value="${value ?? ''}" placeholder="${hint}" autocomplete="off"></div>`;
}

function choiceFilter(name: keyof CatalogFilter, label: string, value: string | undefined, choices: readonly string[]): SafeHtml {
  return html`<div class="field-control"><label for="filter-${name}">${label}</label>
  <select id="filter-${name}" name="${name}"><option value="">any</option>${choices.map((choice) => html`<option value="${choice}"${choice === value ? html` selected` : ''}>${choice}</option>`)}</select></div>`;
}

function verdictCell(verdicts: readonly SourceVerdict[]): SafeHtml {
  if (verdicts.length === 0) return html`<span class="muted">no sources checked</span>`;
  return html`<ul class="plain verdict-list">${verdicts.map((entry) => html`<li><span class="source-name">${entry.source}</span> ${verdictBadge(entry.verdict)}</li>`)}</ul>`;
}

function pager(data: CatalogPageData): SafeHtml {
  const query = { ...data.filter } as Record<string, string | undefined>;
  const previous = data.offset > 0 ? uiPaths.catalog({ ...query, offset: String(Math.max(0, data.offset - data.limit)) }) : undefined;
  const next = data.offset + data.limit < data.total ? uiPaths.catalog({ ...query, offset: String(data.offset + data.limit) }) : undefined;
  if (previous === undefined && next === undefined) return html``;
  return html`<nav class="pager" aria-label="Pages">
  ${previous === undefined ? '' : html`<a href="${previous}" rel="prev">← Previous</a>`}
  <span>${data.offset + 1}–${Math.min(data.total, data.offset + data.limit)} of ${data.total}</span>
  ${next === undefined ? '' : html`<a href="${next}" rel="next">Next →</a>`}
</nav>`;
}

/** Every contract with its owner, latest version, status, consumers and drift; filters are a plain GET form. */
export function catalogPage(data: CatalogPageData): SafeHtml {
  const { filter } = data;
  return html`<h1>Contracts</h1>
<form method="get" action="${uiPaths.catalog()}" class="filters" role="search" aria-label="Filter contracts">
  ${textFilter('q', 'Search', filter.q, 'id or title')}
  ${textFilter('namespace', 'Namespace', filter.namespace, 'commerce')}
  ${textFilter('owner', 'Owner e-mail', filter.owner, 'dana@example.com')}
  ${textFilter('tag', 'Tag', filter.tag, 'finance')}
  ${choiceFilter('status', 'Status', filter.status, STATUS_CHOICES)}
  ${choiceFilter('verdict', 'Drift verdict', filter.verdict, VERDICT_CHOICES)}
  <div class="filter-actions"><button type="submit" class="button">Filter</button> <a href="${uiPaths.catalog()}">Clear</a></div>
</form>
<p class="result-count" role="status">${data.total} ${data.total === 1 ? 'contract' : 'contracts'}</p>
${
  data.scanned === undefined
    ? ''
    : html`<p class="muted">The verdict filter looked at the first ${data.scanned.looked} of ${data.scanned.matching} contracts matching the other filters: narrow them to see the rest.</p>`
}
${
  data.rows.length === 0
    ? html`<p>No contract matches these filters. <a href="${uiPaths.catalog()}">Show all contracts</a>.</p>`
    : html`<div class="table-scroll"><table class="cards catalog">
  <thead><tr><th scope="col">Contract</th><th scope="col">Owner</th><th scope="col">Team</th><th scope="col">Latest</th><th scope="col">Status</th><th scope="col">Consumers</th><th scope="col">Drift</th></tr></thead>
  <tbody>${data.rows.map(
    ({ summary, consumers, verdicts }) => html`<tr>
    <td data-label="Contract"><a href="${uiPaths.contract(summary.id)}"><code>${summary.id}</code></a>${summary.title === undefined ? '' : html`<br><span class="muted">${summary.title}</span>`}</td>
    <td data-label="Owner">${person(summary.owner)}</td>
    <td data-label="Team">${summary.team ?? html`<span class="muted">none</span>`}</td>
    <td data-label="Latest">${summary.latestVersion === undefined ? html`<span class="muted">none</span>` : html`<code>${summary.latestVersion}</code>`}</td>
    <td data-label="Status">${statusBadge(summary.status)}</td>
    <td data-label="Consumers">${consumers}</td>
    <td data-label="Drift">${verdictCell(verdicts)}</td>
  </tr>`,
  )}</tbody>
</table></div>`
}
${pager(data)}`;
}
