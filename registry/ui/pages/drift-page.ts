import type { ContractSummary } from '../../storage/contract-records.js';
import type { RunSummary } from '../../storage/run-store.js';
import { time, verdictBadge } from '../components.js';
import { driftChart } from '../drift-chart.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import type { RunReportView } from '../run-report.js';
import { uiPaths } from '../ui-paths.js';
import { contractHeader } from './contract-header.js';
import { driftList, percent, violationsTable } from './run-findings.js';
import { checkedVersion } from './run-page.js';

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

/** ` (first 10000 by id)`: which records the run read; the sampler name for reports of older checkers. */
function sampleText(report: RunReportView): SafeHtml | string {
  const text = report.selection ?? report.sampler;
  return text === undefined ? '' : html` (${text})`;
}

/** The runs on the chart, newest first, each linked to its own page. */
function runsTable(timeline: SourceTimeline, latestVersion: string | undefined, headingId: string): SafeHtml {
  return html`<h3 id="${headingId}-runs">Runs <span class="muted">(newest first: open one to see all its findings)</span></h3>
  <div class="table-scroll runs-table"><table class="cards" aria-labelledby="${headingId}-runs">
  <thead><tr><th scope="col">Run</th><th scope="col">Checked version</th><th scope="col">Verdict</th><th scope="col">Violation rate</th><th scope="col">Sampled</th><th scope="col">Findings</th></tr></thead>
  <tbody>${[...timeline.runs].reverse().map(
    (run) => html`<tr>
    <td data-label="Run"><a href="${uiPaths.run(run.contractId, run.id)}">${time(run.startedAt)}</a></td>
    <td data-label="Checked version">${checkedVersion(run, latestVersion)}</td>
    <td data-label="Verdict">${verdictBadge(run.verdict)}</td>
    <td data-label="Violation rate">${percent(run.rate)}</td>
    <td data-label="Sampled">${run.sampled} of ${run.read}</td>
    <td data-label="Findings">${run.violationCount} violation groups, ${run.driftCount} drift</td>
  </tr>`,
  )}</tbody>
  </table></div>`;
}

function sourceSection(timeline: SourceTimeline, index: number, summary: ContractSummary): SafeHtml {
  const headingId = `source-${index}`;
  const { latest } = timeline;
  return html`<section class="source-drift" aria-labelledby="${headingId}">
  <h2 id="${headingId}">Source <code>${timeline.source}</code> ${latest === undefined ? verdictBadge('none') : verdictBadge(latest.run.verdict)}</h2>
  ${
    latest === undefined
      ? html`<p>No check run is recorded for this source yet. Run <code>concord check</code> with the registry as a report sink to start its history.</p>`
      : html`<p class="muted">${timeline.total} ${timeline.total === 1 ? 'run' : 'runs'} recorded${timeline.total > timeline.runs.length ? html`; the chart shows the latest ${timeline.runs.length}` : ''}. The line is the violation rate (the share of sampled records failing the most-failed check); the strip under it is each run's verdict, which drift alone can make breaking.</p>
  <figure class="chart-figure">
    ${driftChart(
      timeline.runs.map((run) => ({ at: run.startedAt, verdict: run.verdict, rate: run.rate, version: run.version, href: uiPaths.run(run.contractId, run.id) })),
      `${headingId}-chart`,
      `Violation rate and verdict of the last ${timeline.runs.length} runs of ${timeline.source}`,
    )}
    <figcaption class="legend"><span class="legend-item"><span class="legend-rate"></span> violation rate</span> <span class="legend-item">verdict: ${verdictBadge('pass')} circle</span> <span class="legend-item">${verdictBadge('warn')} triangle</span> <span class="legend-item">${verdictBadge('breaking')} square</span></figcaption>
  </figure>
  ${runsTable(timeline, summary.latestVersion, headingId)}
  <h3>Latest run: <a href="${uiPaths.run(latest.run.contractId, latest.run.id)}">${time(latest.run.startedAt)}</a>, checked version ${checkedVersion(latest.run, summary.latestVersion)}</h3>
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
    : data.timelines.map((timeline, index) => sourceSection(timeline, index, data.summary))
}`;
}
