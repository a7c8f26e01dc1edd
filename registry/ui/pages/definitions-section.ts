import type { FeatureDefinition, MetricDefinition, Sla, SourceSpec } from '../../../contracts/index.js';
import { definitionList, jsonCode, person, tagList } from '../components.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { uiPaths } from '../ui-paths.js';

const code = (text: string | undefined): SafeHtml | undefined => (text === undefined ? undefined : html`<code>${text}</code>`);

/** One metric's definition: what it counts and how, as written in the contract. */
export function metricDefinition(metric: MetricDefinition): SafeHtml {
  return definitionList([
    ['Type', metric.type],
    ['Aggregation', metric.aggregation],
    ['Expression', code(metric.expression)],
    ['Numerator', code(metric.numerator)],
    ['Denominator', code(metric.denominator)],
    ['Filter', code(metric.filter)],
    ['Unit', metric.unit],
    ['Grain', metric.grain],
    ['Window', metric.window],
    ['Dimensions', metric.dimensions === undefined || metric.dimensions.length === 0 ? undefined : metric.dimensions.join(', ')],
    ['Reuses', metric.references === undefined ? undefined : html`<code>${metric.references}</code>`],
    ['Owner', metric.owner === undefined ? undefined : person(metric.owner)],
    ['Tags', metric.tags === undefined || metric.tags.length === 0 ? undefined : tagList(metric.tags)],
  ]);
}

/** The contract's metrics, each with its definition; nothing when it has none. */
export function metricsSection(metrics: readonly MetricDefinition[]): SafeHtml {
  if (metrics.length === 0) return html``;
  return html`<section aria-labelledby="metrics-heading">
  <h2 id="metrics-heading">Metrics</h2>
  ${metrics.map(
    (metric) => html`<article class="card">
    <h3><a href="${uiPaths.metric(metric.name)}"><code>${metric.name}</code></a></h3>
    ${metric.description === undefined ? '' : html`<p>${metric.description}</p>`}
    ${metricDefinition(metric)}
  </article>`,
  )}
</section>`;
}

/** The contract's ML features with entity, type, source and freshness; nothing when it has none. */
export function featuresSection(features: readonly FeatureDefinition[]): SafeHtml {
  if (features.length === 0) return html``;
  return html`<section aria-labelledby="features-heading">
  <h2 id="features-heading">ML features</h2>
  ${features.map(
    (feature) => html`<article class="card">
    <h3><code>${feature.name}</code></h3>
    ${feature.description === undefined ? '' : html`<p>${feature.description}</p>`}
    ${definitionList([
      ['Entity', code(feature.entity)],
      ['Data type', feature.dtype],
      ['Source fields', feature.source.fields.join(', ')],
      ['Aggregation', feature.source.aggregation],
      ['Window', feature.source.window],
      ['Filter', code(feature.source.filter)],
      ['Freshness', feature.freshness],
      ['TTL', feature.ttl],
      ['Owner', feature.owner === undefined ? undefined : person(feature.owner)],
    ])}
  </article>`,
  )}
</section>`;
}

/** The service levels in words; nothing when the contract promises none. */
export function slaSection(sla: Sla | undefined): SafeHtml {
  if (sla === undefined) return html``;
  const { freshness, volume, ...rest } = sla;
  const volumeText =
    volume === undefined
      ? undefined
      : [volume.min === undefined ? '' : `at least ${volume.min}`, volume.max === undefined ? '' : `at most ${volume.max}`].filter(Boolean).join(' and ') + ` records per ${volume.per}`;
  return html`<section aria-labelledby="sla-heading">
  <h2 id="sla-heading">Service levels</h2>
  ${definitionList([
    ['Freshness', freshness === undefined ? undefined : html`newest <code>${freshness.field}</code> at most ${freshness.max_age} old`],
    ['Volume', volumeText],
    ...Object.entries(rest).map(([key, value]) => [key, jsonCode(value)] as const),
  ])}
</section>`;
}

/** The feeds the checker samples, settings shown as text; nothing when there are none. */
export function sourcesSection(sources: readonly SourceSpec[]): SafeHtml {
  if (sources.length === 0) return html``;
  return html`<section aria-labelledby="sources-heading">
  <h2 id="sources-heading">Sources</h2>
  <div class="table-scroll"><table class="cards">
    <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Settings</th></tr></thead>
    <tbody>${sources.map(({ name, type, ...settings }) => {
      // Settings are shown as text, never as links: a source URL is the contract author's to write.
      const shown = Object.entries(settings).map(([key, value]) => html`<li><span class="muted">${key}</span> <code>${typeof value === 'string' ? value : JSON.stringify(value)}</code></li>`);
      return html`<tr><td data-label="Name"><code>${name}</code></td><td data-label="Type">${type}</td><td data-label="Settings"><ul class="plain">${shown}</ul></td></tr>`;
    })}</tbody>
  </table></div>
</section>`;
}
