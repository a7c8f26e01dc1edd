import { notice } from '../components.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { uiPaths } from '../ui-paths.js';

/** Why the login page is shown, by the `notice` query parameter. */
export const LOGIN_NOTICES = {
  required: 'Log in to read this registry.',
  expired: 'Your token is no longer accepted (it may have been revoked): log in with a current one.',
  'logged-out': 'You are logged out.',
} as const;

export type LoginNotice = keyof typeof LOGIN_NOTICES;

export interface LoginPageData {
  readonly next: string;
  readonly notice?: LoginNotice;
  readonly error?: string;
  readonly publicRead: boolean;
}

/** The token login form, with why it is shown and why a login failed. */
export function loginPage(data: LoginPageData): SafeHtml {
  return html`<div class="narrow">
<h1>Log in</h1>
${data.notice === undefined ? '' : notice(data.notice === 'logged-out' ? 'success' : 'info', LOGIN_NOTICES[data.notice])}
${data.error === undefined ? '' : notice('error', data.error)}
<p>Use a Concord API token: the one <code>concord serve</code> printed at first start, or one an admin issued with <code>concord token create</code>. It is kept in a cookie no script can read and sent only to this registry.</p>
<form method="post" action="${uiPaths.login()}" class="login-form">
  <input type="hidden" name="next" value="${data.next}">
  <div class="field-control">
    <label for="login-token">API token</label>
    <input id="login-token" name="token" type="password" autocomplete="current-password" required spellcheck="false">
  </div>
  <button type="submit" class="button">Log in</button>
</form>
${data.publicRead ? html`<p>This registry is readable without logging in: <a href="${uiPaths.catalog()}">browse the contracts</a>.</p>` : ''}
</div>`;
}

/** An error page: a title for the status and the registry's own message, which says what to do. */
export function errorPage(status: number, message: string): SafeHtml {
  const title = status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : status >= 500 ? 'Something failed' : 'That did not work';
  return html`<div class="narrow">
<h1>${title}</h1>
${notice('error', message)}
<p><a href="${uiPaths.catalog()}">Back to the contracts</a></p>
</div>`;
}
