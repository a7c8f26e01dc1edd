import type { Severity, ContractStatus, Person } from '../../contracts/index.js';
import { html } from './html.js';
import type { HtmlValue, SafeHtml } from './html.js';

/** A drift verdict as the checker gives it; `none` when a source has no run yet. */
export type VerdictLabel = 'pass' | 'warn' | 'breaking' | 'none';

/*
 * Badges always carry a word and a symbol next to their colour, so the page reads the same
 * without colour (printouts, colour blindness, high-contrast modes).
 */

const VERDICT_TEXT: Readonly<Record<VerdictLabel, string>> = { pass: '✓ pass', warn: '! warn', breaking: '✗ breaking', none: '– no runs' };

/** A drift verdict as a badge: `✓ pass`, `! warn`, `✗ breaking` or `– no runs`. */
export function verdictBadge(verdict: VerdictLabel): SafeHtml {
  return html`<span class="badge verdict-${verdict}">${VERDICT_TEXT[verdict]}</span>`;
}

const SEVERITY_TEXT: Readonly<Record<Severity, string>> = { breaking: '✗ breaking', warning: '! warning', info: '· info' };

/** A finding severity as a badge: `✗ breaking`, `! warning` or `· info`. */
export function severityBadge(severity: Severity): SafeHtml {
  return html`<span class="badge severity-${severity}">${SEVERITY_TEXT[severity]}</span>`;
}

/** A contract or version status as a badge showing its word. */
export function statusBadge(status: ContractStatus | string): SafeHtml {
  return html`<span class="badge status-${status}">${status}</span>`;
}

/** A person with a mail link; the scheme is fixed, so the address can only ever be an address. */
export function person(who: Person): SafeHtml {
  return html`${who.name} <a href="mailto:${who.email}">${who.email}</a>`;
}

/** A JSON value shown as compact code (example values, before/after of a change). */
export function jsonCode(value: unknown): SafeHtml {
  const text = value === undefined ? '(none)' : JSON.stringify(value);
  return html`<code>${text === undefined ? String(value) : text}</code>`;
}

/** A `<dl>` of the entries whose value is present. */
export function definitionList(entries: readonly (readonly [string, HtmlValue])[]): SafeHtml {
  const present = entries.filter(([, value]) => value !== undefined && value !== null && value !== '' && value !== false);
  return html`<dl class="facts">${present.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>`;
}

/** A notice box; `role=status` for news, `role=alert` for errors. */
export function notice(kind: 'info' | 'error' | 'success', content: HtmlValue): SafeHtml {
  return html`<div class="notice notice-${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${content}</div>`;
}

/** Tags as a list of small labels. */
export function tagList(tags: readonly string[]): SafeHtml {
  return html`<ul class="tags">${tags.map((tag) => html`<li>${tag}</li>`)}</ul>`;
}

/** A readable UTC timestamp; the full value stays in `datetime`. */
export function time(iso: string): SafeHtml {
  const shown = iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC');
  return html`<time datetime="${iso}">${shown}</time>`;
}
