import type { PublishVerdict } from '../../../vocabulary/index.js';
import { notice, person } from '../components.js';
import { html } from '../html.js';
import type { HtmlValue, SafeHtml } from '../html.js';
import { uiPaths } from '../ui-paths.js';
import { changelogSection } from './versions-page.js';

export interface ImpactPageData {
  /** The document as pasted, to show again in the form. */
  readonly document: string;
  readonly report?: PublishVerdict;
  /** Why the document could not be checked, in the registry's words. */
  readonly error?: HtmlValue;
}

function consumersPart(report: PublishVerdict): SafeHtml {
  if (report.consumers.length === 0) return html`<p>No consumer pins a range this version would reach.</p>`;
  return html`<div class="table-scroll"><table class="cards">
  <thead><tr><th scope="col">Consumer</th><th scope="col">Contact</th><th scope="col">Pin</th><th scope="col">Receives it</th><th scope="col">Impact</th></tr></thead>
  <tbody>${report.consumers.map(
    (consumer) => html`<tr class="${consumer.affected ? 'row-breaking' : ''}">
    <td data-label="Consumer"><code>${consumer.consumer}</code></td>
    <td data-label="Contact">${person(consumer.contact)}</td>
    <td data-label="Pin"><code>${consumer.range}</code>${consumer.resolvedVersion === undefined ? '' : html` <span class="muted">(today ${consumer.resolvedVersion})</span>`}</td>
    <td data-label="Receives it">${consumer.receives ? 'yes, without changing its pin' : 'no: its range excludes this version'}</td>
    <td data-label="Impact">${
      consumer.affected
        ? html`<span class="badge severity-breaking">✗ affected</span> ${consumer.findings.filter((finding) => finding.severity === 'breaking').map((finding) => html`<br><code>${finding.rule}</code> at <code>${finding.field ?? finding.path}</code>`)}`
        : html`<span class="badge verdict-pass">✓ not affected</span>${consumer.fields.length === 0 ? '' : html` <span class="muted">(reads ${consumer.fields.join(', ')})</span>`}`
    }</td>
  </tr>`,
  )}</tbody>
</table></div>`;
}

/** The verdict in one sentence, the same words for every outcome the API and the CLI give. */
function outcomePart(report: PublishVerdict): SafeHtml {
  switch (report.outcome) {
    case 'accepted':
      return notice('success', html`Publishing ${report.contract} ${report.version} would be accepted.`);
    case 'existing':
      return notice('info', html`${report.contract} ${report.version} is already published with this content: publishing it again changes nothing.`);
    case 'refused':
      return notice(
        'error',
        html`Publishing ${report.contract} ${report.version} would be refused:<ul class="reasons">${report.reasons.map((reason) => html`<li><code>${reason.code}</code>: ${reason.message}</li>`)}</ul>`,
      );
  }
}

function reportPart(report: PublishVerdict): SafeHtml {
  const outcome = outcomePart(report);
  const bump = html`<p class="bump">Required bump: <strong>${report.requiredBump}</strong>${report.previousVersion === undefined ? '' : html` from <code>${report.previousVersion}</code>`}; line <code>${report.line}</code>${report.lineLatest === undefined ? ' (new)' : html`, newest so far <code>${report.lineLatest}</code>`}.</p>`;
  // The verdict as data too, so scripts and tests read the same outcome and reason codes the API answers.
  return html`<section aria-labelledby="impact-result-heading" class="impact-result" data-outcome="${report.outcome}" data-reasons="${report.reasons.map((reason) => reason.code).join(' ')}">
  <h2 id="impact-result-heading">Dry run of <code>${report.contract}</code> <code>${report.version}</code></h2>
  ${outcome}
  ${bump}
  ${report.refusal !== undefined || report.versionCheck === undefined || report.versionCheck.ok ? '' : notice('error', report.versionCheck.message)}
  ${report.breakingUntouched ? notice('info', 'The breaking changes touch no field any pinned consumer declares it reads.') : ''}
  ${
    report.warnings.length === 0
      ? ''
      : html`<h3>Lint warnings</h3><ul>${report.warnings.map((problem) => html`<li><code>${problem.rule}</code> at <code>${problem.path}</code>: ${problem.message}</li>`)}</ul>`
  }
  ${
    report.previousVersion === undefined
      ? html`<p>${report.firstVersion ? html`This would be the first version of ${report.contract}.` : html`No published, non-yanked version of ${report.contract} is below ${report.version}, so there is nothing to compare it with.`}</p>`
      : changelogSection(
          { compatible: report.compatible, requiredBump: report.requiredBump, from: report.previousVersion, to: report.version, changes: report.changes },
          'impact-changes-heading',
        )
  }
  <h3>Consumers</h3>
  ${consumersPart(report)}
</section>`;
}

/** Paste or load a contract document; see what publishing it would say and whom it would reach. */
export function impactPage(data: ImpactPageData): SafeHtml {
  return html`<h1>Impact preview</h1>
<p class="lead">Check a contract document before you publish it: the changes it makes, the version bump they need, and the consumers they reach. Nothing is stored.</p>
<form method="post" action="${uiPaths.impact}" class="impact-form">
  <div class="field-control file-loader" hidden>
    <label for="impact-file">Load a file</label>
    <input id="impact-file" type="file" accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml" data-fills="impact-document">
  </div>
  <div class="field-control">
    <label for="impact-document">Contract document (YAML or JSON)</label>
    <textarea id="impact-document" name="document" rows="18" spellcheck="false" required>${data.document}</textarea>
  </div>
  <button type="submit" class="button">Preview impact</button>
</form>
${data.error === undefined ? '' : notice('error', data.error)}
${data.report === undefined ? '' : reportPart(data.report)}`;
}
