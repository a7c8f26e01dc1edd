import { formatDuration } from '../../../contracts/index.js';
import type { ContractSummary } from '../../storage/contract-records.js';
import type { RunSummary } from '../../storage/run-store.js';
import { definitionList, notice, time, verdictBadge } from '../components.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import type { RunReportView } from '../run-report.js';
import { uiPaths } from '../ui-paths.js';
import { contractHeader } from './contract-header.js';
import { driftList, violationsTable } from './run-findings.js';

export interface RunPageData {
  readonly summary: ContractSummary;
  readonly run: RunSummary;
  readonly report: RunReportView;
}

/** `1.1.1`, with a note when the contract has moved on since: the version is the one the run checked, not the latest. */
export function checkedVersion(run: Pick<RunSummary, 'version'>, latest: string | undefined): SafeHtml {
  return html`<code>${run.version}</code>${latest === undefined || latest === run.version ? '' : html` <span class="muted">(the latest is <code>${latest}</code>)</span>`}`;
}

/** One recorded check run on its own page: what it checked, how it read the feed, and every finding. */
export function runPage(data: RunPageData): SafeHtml {
  const { summary, run, report } = data;
  return html`${contractHeader(summary, 'drift')}
<p><a href="${uiPaths.drift(summary.id)}">← All runs of <code>${summary.id}</code></a></p>
<section aria-labelledby="run-heading" class="run-detail">
  <h2 id="run-heading">Run ${run.id} of <code>${run.source}</code> ${verdictBadge(run.verdict)}</h2>
  ${run.version === summary.latestVersion || summary.latestVersion === undefined ? '' : notice('info', html`This run checked version ${run.version}; the contract's latest version is ${summary.latestVersion}. Its findings are about ${run.version}.`)}
  ${definitionList([
    ['Checked version', checkedVersion(run, summary.latestVersion)],
    ['Source', html`<code>${run.source}</code>${run.sourceDescription === run.source ? '' : html` <span class="muted">(${run.sourceDescription})</span>`}`],
    ['Started', time(run.startedAt)],
    ['Took', formatDuration(run.durationMs)],
    ['Records', html`${run.sampled} of ${run.read} analyzed${report.selection ?? report.sampler ? html` (${report.selection ?? report.sampler ?? ''})` : ''}`],
    ['Read issues', String(report.readIssues)],
    ['Recorded', html`${time(run.recordedAt)} by ${run.recordedBy}`],
  ])}
  <h3>Violations</h3>
  ${violationsTable(report.violations)}
  <h3>Drift</h3>
  ${driftList(report.drift)}
</section>`;
}
