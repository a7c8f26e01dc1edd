import type { ContractSummary } from '../../storage/contract-records.js';
import type { RunSummary } from '../../storage/run-store.js';
import { jsonCode, severityBadge, time, verdictBadge } from '../components.js';
import { driftChart } from '../drift-chart.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import type { RunFinding, RunReportView, RunViolation } from '../run-report.js';
import { contractHeader } from './contract-header.js';

/** One source's run history as the drift page shows it. */
export interface SourceTimeline {
  readonly source: string;
  /** Runs on the chart, oldest first, each with its violation rate. */
  readonly runs: readonly (RunSummary & { readonly rate: number })[];
  /** Runs recorded in all, shown or not. */
  readonly total: number;
  readonly latest?: { readonly run: RunSummary; readonly report: RunReportView };
}

export interface DriftPageData {
  readonly summary: ContractSummary;
  readonly timelines: readonly SourceTimeline[];
}

const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;

function where(finding: RunFinding): SafeHtml {
  return html`<code>${finding.field ?? (finding.path === '' ? '/' : finding.path)}</code>`;
}

function violationsTable(violations: readonly RunViolation[]): SafeHtml {
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

function driftList(drift: readonly RunFinding[]): SafeHtml {
  if (drift.length === 0) return html`<p>No drift from the contract or the previous baseline.</p>`;
  return html`<ul class="changes">${drift.map(
    (finding) => html`<li class="change change-${finding.severity}">
    <p class="change-message">${severityBadge(finding.severity)} ${finding.message}</p>
    <p class="change-where"><span>rule <code class="rule">${finding.rule}</code></span> <span>at ${where(finding)}</span></p>
    ${finding.before === undefined && finding.after === undefined ? '' : html`<p class="change-values"><span>before ${jsonCode(finding.before)}</span> <span>after ${jsonCode(finding.after)}</span></p>`}
  </li>`,
  )}</ul>`;
}

/** ` (first 10000 by id)`: which records the run read; the sampler name for reports of older checkers. */
function sampleText(report: RunReportView): SafeHtml | string {
  const text = report.selection ?? report.sampler;
  return text === undefined ? '' : html` (${text})`;
}

function runsTable(timeline: SourceTimeline): SafeHtml {
  return html`<details class="runs-table"><summary>The ${timeline.runs.length} runs on the chart, as a table</summary>
  <div class="table-scroll"><table class="cards">
  <thead><tr><th scope="col">Started</th><th scope="col">Version</th><th scope="col">Verdict</th><th scope="col">Violation rate</th><th scope="col">Sampled</th><th scope="col">Findings</th></tr></thead>
  <tbody>${[...timeline.runs].reverse().map(
    (run) => html`<tr>
    <td data-label="Started">${time(run.startedAt)}</td>
    <td data-label="Version"><code>${run.version}</code></td>
    <td data-label="Verdict">${verdictBadge(run.verdict)}</td>
    <td data-label="Violation rate">${percent(run.rate)}</td>
    <td data-label="Sampled">${run.sampled} of ${run.read}</td>
    <td data-label="Findings">${run.violationCount} violation groups, ${run.driftCount} drift</td>
  </tr>`,
  )}</tbody>
  </table></div></details>`;
}

function sourceSection(timeline: SourceTimeline, index: number): SafeHtml {
  const headingId = `source-${index}`;
  const { latest } = timeline;
  return html`<section class="source-drift" aria-labelledby="${headingId}">
  <h2 id="${headingId}">Source <code>${timeline.source}</code> ${latest === undefined ? verdictBadge('none') : verdictBadge(latest.run.verdict)}</h2>
  ${
    latest === undefined
      ? html`<p>No check run is recorded for this source yet. Run <code>concord check</code> with the registry as a report sink to start its history.</p>`
      : html`<p class="muted">${timeline.total} ${timeline.total === 1 ? 'run' : 'runs'} recorded${timeline.total > timeline.runs.length ? html`; the chart shows the latest ${timeline.runs.length}` : ''}. Violation rate: the share of sampled records failing the most-failed check.</p>
  <figure class="chart-figure">
    ${driftChart(timeline.runs.map((run) => ({ at: run.startedAt, verdict: run.verdict, rate: run.rate, version: run.version })), `${headingId}-chart`, `Violation rate and verdict of the last ${timeline.runs.length} runs of ${timeline.source}`)}
    <figcaption class="legend"><span class="legend-item">${verdictBadge('pass')} circle</span> <span class="legend-item">${verdictBadge('warn')} triangle</span> <span class="legend-item">${verdictBadge('breaking')} square</span></figcaption>
  </figure>
  ${runsTable(timeline)}
  <h3>Latest run: ${time(latest.run.startedAt)} against <code>${latest.run.version}</code></h3>
  <p>${latest.run.sampled} of ${latest.run.read} records analyzed${sampleText(latest.report)}; ${latest.report.readIssues} read ${latest.report.readIssues === 1 ? 'issue' : 'issues'}. Source: <code>${latest.run.sourceDescription}</code>.</p>
  <h4>Violations</h4>
  ${violationsTable(latest.report.violations)}
  <h4>Drift</h4>
  ${driftList(latest.report.drift)}`
  }
</section>`;
}

/** Per source: the timeline of runs and the findings of the latest one. */
export function driftPage(data: DriftPageData): SafeHtml {
  return html`${contractHeader(data.summary, 'drift')}
${
  data.timelines.length === 0
    ? html`<p>This contract names no sources and no check run is recorded for it.</p>`
    : data.timelines.map((timeline, index) => sourceSection(timeline, index))
}`;
}
