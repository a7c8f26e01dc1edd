import { jsonCode, severityBadge } from '../components.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import type { CheckFinding, ViolationGroup } from '../../../vocabulary/index.js';

/** The findings of one stored run, as the drift page (latest run) and the run page show them. */

/** A rate as a percentage with one decimal: `12.5%`. */
export const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;

function where(finding: CheckFinding): SafeHtml {
  return html`<code>${finding.field ?? (finding.path === '' ? '/' : finding.path)}</code>`;
}

export function violationsTable(violations: readonly ViolationGroup[]): SafeHtml {
  if (violations.length === 0) return html`<p>No record broke the schema.</p>`;
  return html`<div class="table-scroll"><table class="cards">
  <thead><tr><th scope="col">Field</th><th scope="col">Check</th><th scope="col">Records</th><th scope="col">Problem</th><th scope="col">Example values</th></tr></thead>
  <tbody>${violations.map(
    (group) => html`<tr class="${group.severity === 'breaking' ? 'row-breaking' : ''}">
    <td data-label="Field">${where(group)}</td>
    <td data-label="Check">${severityBadge(group.severity)} <code>${group.keyword}</code> <span class="muted">(${group.rule})</span></td>
    <td data-label="Records">${group.count} <span class="muted">(${percent(group.rate)})</span></td>
    <td data-label="Problem">${group.message}</td>
    <td data-label="Example values">${group.examples.length === 0 ? html`<span class="muted">none kept</span>` : html`<ul class="plain">${group.examples.map((value) => html`<li>${jsonCode(value)}</li>`)}</ul>`}</td>
  </tr>`,
  )}</tbody>
</table></div>`;
}

export function driftList(drift: readonly CheckFinding[]): SafeHtml {
  if (drift.length === 0) return html`<p>No drift from the contract or the previous baseline.</p>`;
  return html`<ul class="changes">${drift.map(
    (finding) => html`<li class="change change-${finding.severity}">
    <p class="change-message">${severityBadge(finding.severity)} ${finding.message}</p>
    <p class="change-where"><span>rule <code class="rule">${finding.rule}</code></span> <span>at ${where(finding)}</span></p>
    ${finding.before === undefined && finding.after === undefined ? '' : html`<p class="change-values"><span>before ${jsonCode(finding.before)}</span> <span>after ${jsonCode(finding.after)}</span></p>`}
  </li>`,
  )}</ul>`;
}

