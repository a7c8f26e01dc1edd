import { createHash } from 'node:crypto';
import type { LookupAddress, LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { ConcordError } from '../contracts/index.js';
import { classifyAddress } from './ip-address.js';
import type { AddressKind } from './ip-address.js';

/**
 * Where outgoing webhooks and alerts may go. Their URLs come from publishers through the API
 * (consumer webhooks), so without this policy a publisher could make the registry or the checker
 * call services inside their network, or a cloud metadata endpoint, and read the answer back.
 */

/** The environment variable that allows private receivers, read by the registry and the checker alike. */
export const ALLOW_PRIVATE_ENV = 'CONCORD_WEBHOOK_ALLOW_PRIVATE';

export interface AddressPolicy {
  /** Loopback, private and shared (CGNAT) addresses may be reached too; false allows public addresses only. */
  readonly allowPrivate: boolean;
  /** What the operator does to allow private addresses, as messages say it: "start the registry with --webhook-allow-private". */
  readonly optIn: string;
}

/** Kinds only the operator's opt-in allows: receivers inside the operator's own network. */
const OPT_IN_KINDS: ReadonlySet<AddressKind> = new Set<AddressKind>(['private', 'shared', 'loopback']);

/** How messages name each kind that is not public. */
const KIND_WORDS: Readonly<Record<Exclude<AddressKind, 'public'>, string>> = Object.freeze({
  private: 'a private address',
  shared: 'a shared (carrier-grade NAT) address',
  loopback: 'a loopback address',
  'link-local': 'a link-local address, where cloud metadata endpoints answer,',
  unspecified: 'an unspecified address, which reaches the sending host itself,',
  multicast: 'a multicast address',
  metadata: 'a cloud metadata endpoint',
  reserved: 'a reserved address (documentation, benchmarking or unallocated),',
});

/** Whether `env` says CONCORD_WEBHOOK_ALLOW_PRIVATE=true; any other value is false, like CONCORD_PUBLIC_READ. */
export function allowPrivateFromEnv(env: NodeJS.ProcessEnv): boolean {
  return env[ALLOW_PRIVATE_ENV] === 'true';
}

/**
 * Why `address` may not be reached under `policy`, as "refused: 10.0.0.5 is a private address;
 * start the registry with --webhook-allow-private to allow it", or undefined when it may be.
 * Link-local, unspecified, multicast, metadata and reserved addresses are refused whatever the
 * policy says. `label` names the address in the message (default: the address itself).
 */
export function addressRefusal(address: string, policy: AddressPolicy, label: string = address): string | undefined {
  const found = classifyAddress(address);
  if (found === undefined) return `refused: ${label} is not an IP address`;
  if (found.kind === 'public') return undefined;
  if (OPT_IN_KINDS.has(found.kind)) return policy.allowPrivate ? undefined : `refused: ${label} is ${KIND_WORDS[found.kind]}; ${policy.optIn} to allow it`;
  return `refused: ${label} is ${KIND_WORDS[found.kind]} and no option allows it`;
}

/** The IP address a URL's host is written as (without IPv6 brackets), or undefined for a host name. */
export function literalAddress(url: URL): string | undefined {
  const host = url.hostname.startsWith('[') && url.hostname.endsWith(']') ? url.hostname.slice(1, -1) : url.hostname;
  return classifyAddress(host) === undefined ? undefined : host;
}

/**
 * Why a delivery to `url` may not start, or undefined when it may connect: the URL must be
 * http(s), and a host written as an IP address is judged here because node:net connects to such a
 * host without calling `lookup` (see {@link screenedLookup} for host names).
 */
export function connectRefusal(url: string, policy: AddressPolicy): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'refused: the receiver URL does not parse';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'refused: the receiver URL is not http(s)';
  const address = literalAddress(parsed);
  return address === undefined ? undefined : addressRefusal(address, policy);
}

/**
 * `url` parsed, when it is an http(s) URL: receivers are never `file:`, `data:` or anything else.
 * Throws ConcordError `invalid-argument` whose message `subject` words around the URL as given
 * (cut to 80 characters), e.g. `webhook "ftp://x"`.
 */
export function parseReceiverUrl(url: string, subject: (shown: string) => string): URL {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new ConcordError('invalid-argument', `${subject(`"${url.slice(0, 80)}"`)} is not an http(s) URL: give the full URL of the receiver, like https://hooks.example.com/concord`);
  }
  return parsed;
}

/** A receiver URL as messages and logs show it: scheme and host only, since paths and queries often hold the receiver's secret. */
export function receiverOrigin(url: URL): string {
  return `${url.protocol}//${url.host}/…`;
}

/**
 * Hex digits of the URL hash in {@link receiverLabel}: 32 bits tell a host's receivers apart (a
 * clash needs tens of thousands of them) and are far too few to find the secret path from.
 */
export const RECEIVER_HASH_CHARS = 8;

/**
 * A receiver as delivery logs name it: its origin and a short SHA-256 of the full URL
 * (`https://hooks.example.com/… #3f9a0c12`), so two receivers on one host look different while
 * the path and query, which often hold the receiver's secret, stay out of the log.
 */
export function receiverLabel(url: URL): string {
  return `${receiverOrigin(url)} #${createHash('sha256').update(url.href).digest('hex').slice(0, RECEIVER_HASH_CHARS)}`;
}

/**
 * The check when a receiver is registered or configured: throws ConcordError `invalid-argument`
 * when the URL's host is an IP address the policy refuses, naming `what` (e.g. `webhook`), the
 * URL's origin and the option that would allow it. Host names pass here; {@link screenedLookup}
 * judges the addresses they resolve to when a delivery connects.
 */
export function checkReceiverAddress(url: URL, policy: AddressPolicy, what: string): void {
  const address = literalAddress(url);
  const refusal = address === undefined ? undefined : addressRefusal(address, policy);
  if (refusal !== undefined) throw new ConcordError('invalid-argument', `${what} ${receiverOrigin(url)} is ${refusal}`);
}

/** A resolver with dns.lookup's `all: true` shape; dns.lookup itself in production. */
export type ResolveAll = (hostname: string, options: LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `lookup` for node:http(s) requests that resolves the host with `resolve` once, drops every
 * address the policy refuses and pins the connection to the ones left, so the addresses judged
 * are the addresses connected to (a second, rebinding DNS answer is never asked for). When none is left the
 * connection fails with a ConcordError `forbidden` whose message says why. node:net skips `lookup`
 * for hosts written as IP addresses: check those with {@link connectRefusal} before connecting.
 */
export function screenedLookup(policy: AddressPolicy, resolve: ResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) {
        callback(error, '');
        return;
      }
      const allowed = addresses.filter((entry) => addressRefusal(entry.address, policy) === undefined);
      const [first] = allowed;
      if (first === undefined) {
        const refused = addresses[0];
        const why = refused === undefined ? `refused: ${hostname} has no address` : (addressRefusal(refused.address, policy, `${hostname} (${refused.address})`) ?? '');
        callback(new ConcordError('forbidden', why), '');
        return;
      }
      // Every address handed back was judged: with `all` node:net may try each (happy eyeballs), else it gets the first.
      if (options.all === true) callback(null, allowed);
      else callback(null, first.address, first.family);
    });
  };
}
