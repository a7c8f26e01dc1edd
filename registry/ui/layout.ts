import { html } from './html.js';
import type { HtmlValue, SafeHtml } from './html.js';
import type { UiAssets } from './assets.js';
import type { Viewer } from './session.js';
import { uiPaths } from './ui-paths.js';

/** Which main section a page belongs to, for the navigation's `aria-current`. */
export type Section = 'contracts' | 'metrics' | 'impact' | 'login' | 'none';

export interface PageFrame {
  readonly title: string;
  readonly section: Section;
  readonly viewer: Viewer;
  readonly assets: UiAssets;
  /** The path of this page, for "log in and come back". */
  readonly path: string;
}

function navLink(href: string, label: string, current: boolean): SafeHtml {
  return html`<li><a href="${href}"${current ? html` aria-current="page"` : ''}>${label}</a></li>`;
}

function sessionArea(frame: PageFrame): SafeHtml {
  const { principal } = frame.viewer;
  if (principal === undefined) {
    return html`<a class="button button-quiet" href="${uiPaths.login(frame.path)}">Log in</a>`;
  }
  return html`<span class="who">${principal.name} <span class="muted">(${principal.role})</span></span>
    <form method="post" action="${uiPaths.logout}" class="inline-form"><button type="submit" class="button button-quiet">Log out</button></form>`;
}

/** The whole HTML document around a page's content: skip link, navigation, main landmark. */
export function layout(frame: PageFrame, content: HtmlValue): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · Concord</title>
<link rel="stylesheet" href="${frame.assets.url('concord.css')}">
<script src="${frame.assets.url('concord.js')}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <nav class="site-nav" aria-label="Main">
    <a class="brand" href="${uiPaths.catalog()}">Concord</a>
    <ul class="nav-links">
      ${navLink(uiPaths.catalog(), 'Contracts', frame.section === 'contracts')}
      ${navLink(uiPaths.metrics(), 'Metrics', frame.section === 'metrics')}
      ${navLink(uiPaths.impact, 'Impact preview', frame.section === 'impact')}
    </ul>
    <div class="session">${frame.section === 'login' ? '' : sessionArea(frame)}</div>
  </nav>
</header>
<main id="main" tabindex="-1">
${content}
</main>
<footer class="site-footer"><p>Concord data-contract registry · <a href="/api/openapi.json">API</a></p></footer>
</body>
</html>
`;
}
