import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import type { SchemaTree, TreeField } from '../schema-tree.js';
import { jsonCode, notice } from '../components.js';

function typeText(field: TreeField): string {
  return field.types.length === 0 ? 'any' : field.types.join(' | ');
}

function fieldRow(field: TreeField): SafeHtml {
  return html`<li class="field">
  <div class="field-head">
    <span class="field-name">${field.inArrayItems ? html`<span class="muted">[] </span>` : ''}<code>${field.name}</code></span>
    <span class="field-type">${typeText(field)}${field.format === undefined ? '' : html` <span class="muted">(${field.format})</span>`}</span>
    ${field.required ? html`<span class="badge badge-required">required</span>` : html`<span class="badge badge-optional">optional</span>`}
    ${field.pii ? html`<span class="badge badge-pii" title="personal data: values are redacted in reports">PII</span>` : ''}
    ${field.deprecated ? html`<span class="badge badge-deprecated">deprecated</span>` : ''}
  </div>
  ${field.description === undefined ? '' : html`<p class="field-description">${field.description}</p>`}
  ${
    field.enumValues === undefined && field.constraints.length === 0
      ? ''
      : html`<ul class="field-facets">
      ${field.enumValues === undefined ? '' : html`<li>one of ${field.enumValues.map((value, index) => html`${index === 0 ? '' : ', '}${jsonCode(value)}`)}</li>`}
      ${field.constraints.map((constraint) => html`<li><code>${constraint}</code></li>`)}
    </ul>`
  }
  ${field.path === field.name ? '' : html`<p class="field-path muted">path <code>${field.path}</code></p>`}
  ${field.children.length === 0 ? '' : html`<ul class="field-tree">${field.children.map(fieldRow)}</ul>`}
</li>`;
}

/** The record schema as a nested list: keyboard and screen readers walk it like any list. */
export function schemaSection(tree: SchemaTree, apiHref: string): SafeHtml {
  return html`<section aria-labelledby="schema-heading">
  <h2 id="schema-heading">Schema <span class="muted">(${tree.total} ${tree.total === 1 ? 'field' : 'fields'})</span></h2>
  ${tree.total === 0 ? html`<p>The schema declares no fields.</p>` : html`<ul class="field-tree field-tree-root">${tree.fields.map(fieldRow)}</ul>`}
  ${
    tree.shown < tree.total
      ? notice('info', html`Showing the first ${tree.shown} of ${tree.total} fields. The full schema is in the API: <a href="${apiHref}">${apiHref}</a>.`)
      : ''
  }
</section>`;
}
