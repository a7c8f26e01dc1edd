import { ConcordError } from '../contracts/index.js';

/**
 * What kind of place an IP address is, for deciding whether outgoing webhooks and alerts may go
 * there. Pure text-to-kind code with no I/O; the address policy judges by it.
 */

/** Kinds of address, from the ranges IANA's special-purpose registries list. */
export type AddressKind =
  | 'public'
  | 'private' // RFC 1918, IPv6 unique-local (fc00::/7) and deprecated site-local (fec0::/10)
  | 'shared' // 100.64.0.0/10, carrier-grade NAT and overlay networks
  | 'loopback'
  | 'link-local' // 169.254.0.0/16 and fe80::/10: where cloud metadata endpoints answer
  | 'unspecified' // 0.0.0.0/8 and ::, which reach this very host when connected to
  | 'multicast'
  | 'metadata' // a known cloud metadata endpoint outside link-local space
  | 'reserved'; // documentation, benchmarking, protocol assignments, unallocated space

export interface AddressClass {
  readonly kind: AddressKind;
  /** The range that decided, like `10.0.0.0/8`; `0.0.0.0/0` or `::/0` for what no special range covers. */
  readonly range: string;
}

/** How an IPv6 range embeds an IPv4 address that decides instead: which bytes hold it. */
type Embedding = { readonly embeds: number };

interface AddressRange {
  readonly range: string;
  readonly rule: AddressKind | Embedding;
}

/** IPv4 ranges, first match wins, so more specific ranges come before the ones containing them. */
const IPV4_RANGES: readonly AddressRange[] = Object.freeze([
  { range: '100.100.100.200/32', rule: 'metadata' }, // Alibaba Cloud's metadata service, inside 100.64.0.0/10
  { range: '0.0.0.0/8', rule: 'unspecified' },
  { range: '10.0.0.0/8', rule: 'private' },
  { range: '100.64.0.0/10', rule: 'shared' },
  { range: '127.0.0.0/8', rule: 'loopback' },
  { range: '169.254.0.0/16', rule: 'link-local' },
  { range: '172.16.0.0/12', rule: 'private' },
  { range: '192.0.0.0/24', rule: 'reserved' },
  { range: '192.0.2.0/24', rule: 'reserved' },
  { range: '192.168.0.0/16', rule: 'private' },
  { range: '198.18.0.0/15', rule: 'reserved' },
  { range: '198.51.100.0/24', rule: 'reserved' },
  { range: '203.0.113.0/24', rule: 'reserved' },
  { range: '224.0.0.0/4', rule: 'multicast' },
  { range: '240.0.0.0/4', rule: 'reserved' }, // 255.255.255.255, the broadcast address, included
  { range: '0.0.0.0/0', rule: 'public' },
]);

/** IPv6 ranges, first match wins; addresses that carry an IPv4 address are judged by that address. */
const IPV6_RANGES: readonly AddressRange[] = Object.freeze([
  { range: '::/128', rule: 'unspecified' },
  { range: '::1/128', rule: 'loopback' },
  { range: '::ffff:0:0/96', rule: { embeds: 12 } }, // IPv4-mapped: the socket connects to the IPv4 address
  { range: '64:ff9b::/96', rule: { embeds: 12 } }, // NAT64: the translator connects to the IPv4 address
  { range: '2002::/16', rule: { embeds: 2 } }, // 6to4: a relay forwards to the IPv4 address
  { range: '::/8', rule: 'reserved' }, // IPv4-compatible (deprecated) and other reserved space
  { range: '100::/64', rule: 'reserved' },
  { range: '2001::/32', rule: 'reserved' }, // Teredo
  { range: '2001:db8::/32', rule: 'reserved' },
  { range: 'fd00:ec2::254/128', rule: 'metadata' }, // AWS's IPv6 metadata service, inside fc00::/7
  { range: 'fc00::/7', rule: 'private' },
  { range: 'fe80::/10', rule: 'link-local' },
  { range: 'fec0::/10', rule: 'private' },
  { range: 'ff00::/8', rule: 'multicast' },
  { range: '2000::/3', rule: 'public' },
  { range: '::/0', rule: 'reserved' },
]);

const IPV4_PART = /^(0|[1-9][0-9]{0,2})$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;

/** The four bytes of a dotted-quad IPv4 address, or undefined for anything else. */
export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => IPV4_PART.test(part) && Number(part) <= 255)) return undefined;
  return Uint8Array.from(parts, Number);
}

/** The sixteen bytes of an IPv6 address (`::` shorthand, a trailing dotted quad and a `%zone` accepted), or undefined. */
export function parseIpv6(text: string): Uint8Array | undefined {
  const address = text.split('%', 1)[0] ?? '';
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string): number[] | undefined => {
    if (half === '') return [];
    const words: number[] = [];
    const parts = half.split(':');
    for (const [index, part] of parts.entries()) {
      if (index === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 === undefined) return undefined;
        words.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else if (IPV6_GROUP.test(part)) {
        words.push(parseInt(part, 16));
      } else {
        return undefined;
      }
    }
    return words;
  };
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const words = [...head, ...Array<number>(missing).fill(0), ...tail];
  return Uint8Array.from(words.flatMap((word) => [word >> 8, word & 0xff]));
}

/** Whether the first `bits` bits of `address` equal those of `prefix`. */
function inPrefix(address: Uint8Array, prefix: Uint8Array, bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const width = Math.min(8, bits - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    if (((address[bit / 8] ?? 0) & mask) !== ((prefix[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

/** The ranges of a table with their prefixes parsed once. */
function compile(ranges: readonly AddressRange[], parse: (text: string) => Uint8Array | undefined) {
  return ranges.map((entry) => {
    const [prefix = '', bits = ''] = entry.range.split('/');
    const bytes = parse(prefix);
    if (bytes === undefined) throw new ConcordError('internal', `the address table has a bad range ${entry.range}: fix it in delivery/ip-address.ts`);
    return { ...entry, prefix: bytes, bits: Number(bits) };
  });
}

const COMPILED_V4 = compile(IPV4_RANGES, parseIpv4);
const COMPILED_V6 = compile(IPV6_RANGES, parseIpv6);

function classifyV4(bytes: Uint8Array): AddressClass {
  const match = COMPILED_V4.find((entry) => inPrefix(bytes, entry.prefix, entry.bits));
  return { kind: (match?.rule as AddressKind | undefined) ?? 'public', range: match?.range ?? '0.0.0.0/0' };
}

function classifyV6(bytes: Uint8Array): AddressClass {
  const match = COMPILED_V6.find((entry) => inPrefix(bytes, entry.prefix, entry.bits));
  if (match === undefined) return { kind: 'reserved', range: '::/0' };
  if (typeof match.rule === 'string') return { kind: match.rule, range: match.range };
  return classifyV4(bytes.subarray(match.rule.embeds, match.rule.embeds + 4));
}

/**
 * The kind of an IPv4 or IPv6 address as written in a URL or returned by DNS (IPv6 with or
 * without brackets). IPv4-mapped, NAT64 and 6to4 addresses are judged by the IPv4 address they
 * lead to. Undefined when `text` is not an IP address (a host name).
 */
export function classifyAddress(text: string): AddressClass | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const v4 = parseIpv4(bare);
  if (v4 !== undefined) return classifyV4(v4);
  const v6 = bare.includes(':') ? parseIpv6(bare) : undefined;
  return v6 === undefined ? undefined : classifyV6(v6);
}
