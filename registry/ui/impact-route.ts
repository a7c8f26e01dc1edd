import type { Request, Response, Router } from 'express';
import { ConcordError, HTTP_STATUS_BY_ERROR, isConcordError } from '../../contracts/index.js';
import { MAX_BODY_BYTES } from '../request/limits.js';
import { isRefusalError } from '../services/refusal-error.js';
import { html } from './html.js';
import type { SafeHtml } from './html.js';
import { formField } from './form-body.js';
import { impactPage } from './pages/impact-page.js';
import type { UiRouteContext } from './route-context.js';
import { viewerOf } from './session.js';
import { requireReader, sendPage } from './ui-response.js';

/** The contract id a pasted document names; ConcordError `invalid-argument` when it names none. */
/** An error the dry run gave, with every finding behind it, for the page. */
function describeError(error: ConcordError): SafeHtml {
  const findings = isRefusalError(error) ? error.findings : [];
  return html`${error.message}${
    findings.length === 0
      ? ''
      : html`<ul>${findings.map((finding) => html`<li><code>${finding.rule}</code> at <code>${finding.path === '' ? '/' : finding.path}</code>: ${finding.message}</li>`)}</ul>`
  }`;
}

/** The impact preview: a form, and on post the dry run of publishing the pasted document. */
export function registerImpactRoutes(app: Router, context: UiRouteContext): void {
  const { services, assets } = context;
  const show = (req: Request, res: Response, document: string, extra: { readonly status?: number; readonly error?: SafeHtml; readonly report?: Awaited<ReturnType<typeof services.impact.check>> }) =>
    sendPage(req, res, assets, {
      title: 'Impact preview',
      section: 'impact',
      status: extra.status ?? 200,
      content: impactPage({ document, ...(extra.error === undefined ? {} : { error: extra.error }), ...(extra.report === undefined ? {} : { report: extra.report }) }),
    });

  app.get('/impact', ...context.reading, (req: Request, res: Response) => show(req, res, '', {}), context.errors);

  app.post('/impact', ...context.posting, requireReader, async (req: Request, res: Response) => {
    const document = formField(req, 'document') ?? '';
    if (Buffer.byteLength(document, 'utf8') > MAX_BODY_BYTES) {
      throw new ConcordError('too-large', `the document is larger than ${MAX_BODY_BYTES} bytes, the most the registry accepts: split the schema into smaller contracts and use registry: refs between them`);
    }
    if (document.trim() === '') {
      show(req, res, document, { status: 400, error: html`Paste a contract document (YAML or JSON) first.` });
      return;
    }
    try {
      const report = await services.impact.check(undefined, { text: document }, viewerOf(res).principal);
      show(req, res, document, { report });
    } catch (error) {
      if (!isConcordError(error) || error.code === 'internal') throw error;
      show(req, res, document, { status: HTTP_STATUS_BY_ERROR[error.code], error: describeError(error) });
    }
  }, context.errors);
}
