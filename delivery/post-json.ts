import { lookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isConcordError } from '../contracts/index.js';
import { connectRefusal, screenedLookup } from './address-policy.js';
import type { AddressPolicy } from './address-policy.js';

/**
 * One POST of a JSON payload to a receiver, the socket side of {@link sendPost}: the receiver's address must pass the policy, judged before connecting for
 * an IP-address host and after DNS for a host name, and the connection goes to the very address
 * judged (see screenedLookup). Redirects are never followed: a receiver cannot point the sender
 * somewhere else.
 */

export interface PostJsonOptions {
  readonly policy: AddressPolicy;
  /** Headers besides content-type and content-length. */
  readonly headers: Readonly<Record<string, string>>;
  /** Connection and answer together. */
  readonly timeoutMs: number;
  /** Characters of a failing answer's body to keep (0, the default: the body is never read). */
  readonly excerptChars?: number;
}

/**
 * What one POST came to, for {@link sendPost} to word. `refused` is the address policy's
 * refusal (`detail` says why): sending again cannot help until the operator changes the receiver
 * or the policy, so callers give it up at once. `unreachable` holds the network error's message
 * and, when it has one, its code (`ECONNREFUSED`).
 */
export type PostJsonResult =
  | { readonly ok: true; readonly status: number }
  | { readonly ok: false; readonly reason: 'refused'; readonly detail: string }
  | { readonly ok: false; readonly reason: 'unreachable'; readonly detail: string; readonly code?: string }
  | { readonly ok: false; readonly reason: 'timeout' }
  | { readonly ok: false; readonly reason: 'answered'; readonly status: number; readonly excerpt: string };

/** The first `limit` characters of an answer's body; the rest is never read. */
function answerExcerpt(response: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      text += chunk;
      if (text.length >= limit) response.destroy();
    });
    response.on('close', () => resolve(text.slice(0, limit)));
  });
}

/**
 * POSTs `payload` as JSON to `url`. Success is any 2xx answer. Never throws: a refusal, a network
 * error, a timeout or another status comes back as `{ ok: false, reason }`, an answer with the
 * start of its body when `excerptChars` asks for it (from receivers the policy allowed only).
 */
export function postJson(url: string, payload: unknown, options: PostJsonOptions): Promise<PostJsonResult> {
  const refusal = connectRefusal(url, options.policy);
  if (refusal !== undefined) return Promise.resolve({ ok: false, reason: 'refused', detail: refusal });
  const target = new URL(url);
  const body = JSON.stringify(payload);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostJsonResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        lookup: screenedLookup(options.policy, lookup),
        // No pooled connections: every delivery resolves and judges its receiver's address afresh.
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          response.resume();
          finish({ ok: true, status });
          return;
        }
        const limit = options.excerptChars ?? 0;
        if (limit <= 0) {
          response.destroy();
          finish({ ok: false, reason: 'answered', status, excerpt: '' });
          return;
        }
        void answerExcerpt(response, limit).then((excerpt) => finish({ ok: false, reason: 'answered', status, excerpt }));
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, reason: 'timeout' });
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (isConcordError(error)) finish({ ok: false, reason: 'refused', detail: error.message });
      else finish({ ok: false, reason: 'unreachable', detail: error.message, ...(error.code === undefined ? {} : { code: error.code }) });
    });
    request.end(body);
  });
}
