import type { AddressPolicy } from './address-policy.js';
import { postJson } from './post-json.js';
import type { PostJsonResult } from './post-json.js';

/** What is posted for one attempt of one message: the receiver, the JSON body and the headers that name it. */
export interface OutgoingPost {
  readonly url: string;
  readonly payload: unknown;
  /** Headers besides content-type and content-length: the user-agent and the sender's own ids (event, delivery, signature). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface SendOptions {
  readonly policy: AddressPolicy;
  /** Connection and answer together. */
  readonly timeoutMs: number;
  /** Characters of a failing answer's body kept in the error (default 0: the body is never read). */
  readonly excerptChars?: number;
}

/**
 * What one attempt came to. A refusal by the address policy is marked: sending again cannot help
 * until the operator changes the receiver or the policy, so the message is given up at once.
 */
export type SendResult = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly error: string; readonly refused: boolean };

/** A failed POST as outboxes record it and logs show it. */
function failure(result: Exclude<PostJsonResult, { ok: true }>, timeoutMs: number): SendResult {
  switch (result.reason) {
    case 'refused':
      return { ok: false, error: result.detail, refused: true };
    case 'answered':
      return { ok: false, error: `the receiver answered HTTP ${result.status}${result.excerpt === '' ? '' : `: ${result.excerpt}`}`, refused: false };
    case 'timeout':
      return { ok: false, error: `the receiver could not be reached: no answer within ${timeoutMs} ms`, refused: false };
    case 'unreachable':
      return { ok: false, error: `the receiver could not be reached: ${result.code ?? result.detail}`, refused: false };
  }
}

/**
 * POSTs `post.payload` as JSON to `post.url` with its headers. Success is any 2xx answer;
 * redirects are not followed (a receiver that moved must be reconfigured), and the receiver's
 * address must pass `policy`, judged after DNS for a host name with the connection pinned to the
 * judged address. Never throws: failures come back as `{ ok: false, error, refused }`, with an
 * excerpt of the answer (`excerptChars`, default none) only from a receiver the policy allowed.
 */
export async function sendPost(post: OutgoingPost, options: SendOptions): Promise<SendResult> {
  const result = await postJson(post.url, post.payload, {
    policy: options.policy,
    timeoutMs: options.timeoutMs,
    headers: post.headers,
    ...(options.excerptChars === undefined ? {} : { excerptChars: options.excerptChars }),
  });
  return result.ok ? result : failure(result, options.timeoutMs);
}
