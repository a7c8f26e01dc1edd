import type { ContractSummary } from '../../storage/contract-records.js';
import { person, statusBadge } from '../components.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { uiPaths } from '../ui-paths.js';

export type ContractTab = 'overview' | 'versions' | 'drift';

/** The heading every page of one contract shares, with the links between its pages. */
export function contractHeader(summary: ContractSummary, tab: ContractTab, compatibility?: string): SafeHtml {
  const tabLink = (which: ContractTab, href: string, label: string) =>
    html`<li><a href="${href}"${which === tab ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="${uiPaths.catalog()}">Contracts</a> › <span>${summary.id}</span></nav>
<header class="contract-header">
  <h1><code>${summary.id}</code>${summary.title === undefined ? '' : html` <span class="subtitle">${summary.title}</span>`}</h1>
  <p class="contract-meta">
    <span>Owner: ${person(summary.owner)}</span>
    ${summary.team === undefined ? '' : html`<span>Team: ${summary.team}</span>`}
    <span>Status: ${statusBadge(summary.status)}</span>
    ${compatibility === undefined ? '' : html`<span>Compatibility: <code>${compatibility}</code></span>`}
    ${summary.latestVersion === undefined ? '' : html`<span>Latest: <code>${summary.latestVersion}</code></span>`}
  </p>
</header>
<nav class="tabs" aria-label="Contract pages">
  <ul>
    ${tabLink('overview', uiPaths.contract(summary.id), 'Overview')}
    ${tabLink('versions', uiPaths.versions(summary.id), 'Versions and changes')}
    ${tabLink('drift', uiPaths.drift(summary.id), 'Drift')}
  </ul>
</nav>`;
}
