import type { MetricInfo } from '../../../vocabulary/index.js';
import { notice, person } from '../components.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { uiPaths } from '../ui-paths.js';
import { metricDefinition } from './definitions-section.js';

export interface MetricsPageData {
  readonly prefix?: string;
  readonly entries: readonly (MetricInfo & { readonly meanings: number })[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

function usage(entry: MetricInfo): SafeHtml {
  const places = [
    html`<li>defined in <a href="${uiPaths.contract(entry.contract)}"><code>${entry.contract}</code></a> ${entry.version}</li>`,
    ...entry.alsoDefinedBy.map((other) => html`<li>also defined, with the same meaning, in <a href="${uiPaths.contract(other.contract)}"><code>${other.contract}</code></a> ${other.version}</li>`),
    ...entry.usedBy.map((use) => html`<li>reused as <code>${use.metric}</code> by <a href="${uiPaths.contract(use.contract)}"><code>${use.contract}</code></a> ${use.version}</li>`),
  ];
  return html`<ul class="plain usage">${places}</ul>`;
}

/** One metric: its one definition, owner and where it is used. */
export function metricCard(entry: MetricInfo & { readonly meanings?: number }): SafeHtml {
  return html`<article class="card metric" id="metric-${entry.name}">
  <h2><a href="${uiPaths.metric(entry.name)}"><code>${entry.name}</code></a></h2>
  ${entry.meanings !== undefined && entry.meanings > 1 ? notice('error', `${entry.meanings} contracts define ${entry.name} with different meanings: agree on one and reference it.`) : ''}
  ${entry.definition.description === undefined ? '' : html`<p>${entry.definition.description}</p>`}
  <p>Owner: ${person(entry.owner)}</p>
  ${metricDefinition(entry.definition)}
  <h3 class="minor-heading">Where it is used</h3>
  ${usage(entry)}
</article>`;
}

/** The metric catalog: one card per metric, filtered by name prefix, paged. */
export function metricsPage(data: MetricsPageData): SafeHtml {
  const more = data.offset + data.limit < data.total ? uiPaths.metrics({ q: data.prefix, offset: String(data.offset + data.limit) }) : undefined;
  const previous = data.offset > 0 ? uiPaths.metrics({ q: data.prefix, offset: String(Math.max(0, data.offset - data.limit)) }) : undefined;
  return html`<h1>Metrics</h1>
<p class="lead">Metric names are registry-wide: each means one thing, defined once by its owner and reused elsewhere by reference.</p>
<form method="get" action="${uiPaths.metrics()}" class="filters" role="search" aria-label="Filter metrics">
  <div class="field-control"><label for="metric-prefix">Name starts with</label><input id="metric-prefix" name="q" type="search" value="${data.prefix ?? ''}" autocomplete="off"></div>
  <div class="filter-actions"><button type="submit" class="button">Filter</button></div>
</form>
<p class="result-count" role="status">${data.total} ${data.total === 1 ? 'metric' : 'metrics'}</p>
${data.entries.map((entry) => metricCard(entry))}
${
  more === undefined && previous === undefined
    ? ''
    : html`<nav class="pager" aria-label="Pages">${previous === undefined ? '' : html`<a href="${previous}" rel="prev">← Previous</a>`} ${more === undefined ? '' : html`<a href="${more}" rel="next">Next →</a>`}</nav>`
}`;
}

/** One metric's page. */
export function metricPage(entry: MetricInfo): SafeHtml {
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="${uiPaths.metrics()}">Metrics</a> › <span>${entry.name}</span></nav>
<h1>Metric <code>${entry.name}</code></h1>
${metricCard(entry)}`;
}
