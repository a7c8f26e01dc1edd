import type { Contract, Person } from '../../../contracts/index.js';
import type { ConsumerUsage, ContractConsumer } from '../../../vocabulary/index.js';
import type { PrincipalNames } from '../../services/principal-names.js';
import type { StoredVersion, VersionHeader } from '../../storage/contract-records.js';
import type { ContractSummary } from '../../storage/contract-records.js';
import { definitionList, notice, person, statusBadge, tagList, time, verdictBadge } from '../components.js';
import type { VerdictLabel } from '../components.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import type { SchemaTree } from '../schema-tree.js';
import { uiPaths } from '../ui-paths.js';
import { contractHeader } from './contract-header.js';
import { checkedVersion } from './run-page.js';
import { featuresSection, metricsSection, slaSection, sourcesSection } from './definitions-section.js';
import { schemaSection } from './schema-section.js';

/** A consumer's pin on the contract (the API's, with absent rather than null contact and usage), with the version its range resolves to today. */
export type PinnedConsumer = Omit<ContractConsumer, 'contact' | 'usage'> & {
  readonly contact?: Person;
  readonly resolved?: string;
  /** What the consumer's agents report through the SDK; absent before their first report. */
  readonly usage?: ConsumerUsage;
};

/** The latest drift verdict of one source of the contract. */
export interface SourceVerdict {
  readonly source: string;
  readonly verdict: VerdictLabel;
  readonly at?: string;
  /** The contract version the run checked, and the run's id for a link to its page. */
  readonly version?: string;
  readonly runId?: number;
}

export interface ContractPageData {
  /** Names of the principals the page mentions (publisher, owning principal), by id. */
  readonly names: PrincipalNames;
  readonly summary: ContractSummary;
  readonly shown: StoredVersion;
  readonly contract: Contract;
  readonly tree: SchemaTree;
  readonly versions: readonly VersionHeader[];
  readonly consumers: readonly PinnedConsumer[];
  readonly verdicts: readonly SourceVerdict[];
}

/** `forward (strict)`, as the header shows a compatibility setting. */
export function compatibilityText(contract: Pick<Contract, 'compatibility'>): string {
  return `${contract.compatibility.mode} (${contract.compatibility.policy})`;
}

function versionPicker(data: ContractPageData): SafeHtml {
  return html`<form method="get" action="${uiPaths.contract(data.summary.id)}" class="inline-form version-picker">
  <label for="version-select">Version</label>
  <select id="version-select" name="version">
    ${[...data.versions].reverse().map((header) => html`<option value="${header.version}"${header.version === data.shown.version ? html` selected` : ''}>${header.version}${header.yanked === undefined ? '' : ' (yanked)'}</option>`)}
  </select>
  <button type="submit" class="button">Show</button>
</form>`;
}

/** Last seen, version in use and reject rate, as the consumer's agents report them through the SDK. */
function usageCell(usage: ConsumerUsage | undefined): SafeHtml {
  if (usage === undefined) return html`<span class="muted">no telemetry yet</span>`;
  const rate = `${(Math.round(usage.rejectRate * 1000) / 10).toFixed(1)}%`;
  const top = usage.topFields.slice(0, 3);
  return html`<ul class="plain">
    <li>last seen ${time(usage.lastSeen)}</li>
    <li>uses <code>${usage.versionInUse}</code></li>
    <li>rejects ${rate} of ${usage.validated} records</li>
    ${top.length === 0 ? '' : html`<li>failing: ${top.map((each, index) => html`${index === 0 ? '' : ', '}<code>${each.field === '' ? '(record)' : each.field}</code> ${each.count}`)}</li>`}
  </ul>`;
}

function consumersSection(consumers: readonly PinnedConsumer[]): SafeHtml {
  return html`<section aria-labelledby="consumers-heading">
  <h2 id="consumers-heading">Consumers <span class="muted">(${consumers.length})</span></h2>
  ${
    consumers.length === 0
      ? html`<p>No consumer has pinned this contract yet. Consumers pin it with <code>concord pin</code>.</p>`
      : html`<div class="table-scroll"><table class="cards">
    <thead><tr><th scope="col">Consumer</th><th scope="col">Contact</th><th scope="col">Pinned range</th><th scope="col">Resolves to</th><th scope="col">Fields read</th><th scope="col">Agents report</th></tr></thead>
    <tbody>${consumers.map(
      (pin) => html`<tr>
      <td data-label="Consumer"><code>${pin.consumer}</code></td>
      <td data-label="Contact">${pin.contact === undefined ? html`<span class="muted">unknown</span>` : person(pin.contact)}</td>
      <td data-label="Pinned range"><code>${pin.range}</code></td>
      <td data-label="Resolves to">${pin.resolved === undefined ? html`<span class="muted">no version in range</span>` : html`<code>${pin.resolved}</code>`}</td>
      <td data-label="Fields read">${pin.fields.length === 0 ? html`<span class="muted">all (none declared)</span>` : html`<ul class="plain">${pin.fields.map((field) => html`<li><code>${field}</code></li>`)}</ul>`}</td>
      <td data-label="Agents report">${usageCell(pin.usage)}</td>
    </tr>`,
    )}</tbody>
  </table></div>`
  }
</section>`;
}

function driftSummary(data: ContractPageData): SafeHtml {
  if (data.verdicts.length === 0) return html``;
  return html`<section aria-labelledby="drift-heading">
  <h2 id="drift-heading">Latest drift checks</h2>
  <ul class="plain verdict-list">${data.verdicts.map(
    (entry) => html`<li><code>${entry.source}</code> ${verdictBadge(entry.verdict)}${entry.version === undefined ? '' : html` against ${checkedVersion({ version: entry.version }, data.summary.latestVersion)}`} ${
      entry.at === undefined ? '' : entry.runId === undefined ? time(entry.at) : html`<a href="${uiPaths.run(data.summary.id, entry.runId)}">${time(entry.at)}</a>`
    }</li>`,
  )}</ul>
  <p><a href="${uiPaths.drift(data.summary.id)}">See the drift timeline</a></p>
</section>`;
}

/** The contract page: header, facts, schema tree, metrics, features, SLA, sources, consumers. */
export function contractPage(data: ContractPageData): SafeHtml {
  const { contract, shown, summary } = data;
  const isLatest = shown.version === summary.latestVersion;
  return html`${contractHeader(summary, 'overview', compatibilityText(contract))}
${isLatest ? '' : notice('info', html`You are looking at version ${shown.version}; the latest is ${summary.latestVersion ?? 'not released'}. <a href="${uiPaths.contract(summary.id)}">Show the latest</a>.`)}
${shown.yanked === undefined ? '' : notice('error', html`Version ${shown.version} was yanked: ${shown.yanked.reason}. Consumers resolve past it.`)}
${shown.deprecated === undefined ? '' : notice('info', html`Version ${shown.version} is deprecated: ${shown.deprecated.reason}.`)}
<section aria-labelledby="about-heading" class="about">
  <h2 id="about-heading" class="visually-hidden">About this version</h2>
  ${versionPicker(data)}
  ${contract.description === undefined ? '' : html`<p class="lead">${contract.description}</p>`}
  ${definitionList([
    ['Version', html`<code>${shown.version}</code>`],
    ['Owner', person(contract.owner)],
    ['Owning principal', summary.ownerPrincipalId === undefined ? undefined : (data.names.get(summary.ownerPrincipalId) ?? summary.ownerPrincipalId)],
    ['Team', contract.team],
    ['Status', statusBadge(contract.status)],
    ['Compatibility', html`<code>${compatibilityText(contract)}</code>`],
    ['Published', html`${time(shown.publishedAt)} by ${data.names.get(shown.publishedBy) ?? shown.publishedBy}`],
    ['Sunset', contract.sunset],
    ['Tags', contract.tags.length === 0 ? undefined : tagList(contract.tags)],
  ])}
</section>
${driftSummary(data)}
${schemaSection(data.tree, `/api/contracts/${encodeURIComponent(summary.id)}/versions/${encodeURIComponent(shown.version)}`)}
${metricsSection(contract.metrics)}
${featuresSection(contract.features)}
${slaSection(contract.sla)}
${sourcesSection(contract.sources)}
${consumersSection(data.consumers)}`;
}
