import { lookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { describe, expect, test } from 'vitest';
import { addressRefusal, allowPrivateFromEnv, checkReceiverAddress, connectRefusal, screenedLookup } from '../../delivery/address-policy.js';
import type { AddressPolicy, ResolveAll } from '../../delivery/address-policy.js';

const OPT_IN = 'start the registry with --webhook-allow-private';
const PUBLIC_ONLY: AddressPolicy = { allowPrivate: false, optIn: OPT_IN };
const PRIVATE_TOO: AddressPolicy = { allowPrivate: true, optIn: OPT_IN };

/** What a lookup handed to node:http would give node:net, asked the way node:net asks with `all`. */
function lookUp(policy: AddressPolicy, resolve: ResolveAll, hostname: string): Promise<LookupAddress[]> {
  return new Promise((done, fail) => {
    screenedLookup(policy, resolve)(hostname, { all: true }, (error, addresses) => (error === null ? done(addresses as LookupAddress[]) : fail(error)));
  });
}

/** A resolver answering every name with `addresses`, as a DNS server under someone else's control might. */
const answering =
  (addresses: LookupAddress[]): ResolveAll =>
  (_hostname, _options, callback) =>
    callback(null, addresses);

describe('the address policy', () => {
  test.each([
    ['93.184.215.14', undefined, undefined],
    ['2606:4700::1111', undefined, undefined],
    ['10.0.0.5', `refused: 10.0.0.5 is a private address; ${OPT_IN} to allow it`, undefined],
    ['127.0.0.1', `refused: 127.0.0.1 is a loopback address; ${OPT_IN} to allow it`, undefined],
    ['::1', `refused: ::1 is a loopback address; ${OPT_IN} to allow it`, undefined],
    ['fd12::1', `refused: fd12::1 is a private address; ${OPT_IN} to allow it`, undefined],
    ['100.64.0.1', `refused: 100.64.0.1 is a shared (carrier-grade NAT) address; ${OPT_IN} to allow it`, undefined],
    ['::ffff:192.168.0.1', `refused: ::ffff:192.168.0.1 is a private address; ${OPT_IN} to allow it`, undefined],
  ])('%s: by default %j, with private addresses allowed %j', (address, byDefault, allowed) => {
    expect(addressRefusal(address, PUBLIC_ONLY)).toBe(byDefault);
    expect(addressRefusal(address, PRIVATE_TOO)).toBe(allowed);
  });

  test.each([
    ['169.254.169.254', 'a link-local address, where cloud metadata endpoints answer,'],
    ['fe80::1', 'a link-local address, where cloud metadata endpoints answer,'],
    ['0.0.0.0', 'an unspecified address, which reaches the sending host itself,'],
    ['::', 'an unspecified address, which reaches the sending host itself,'],
    ['224.0.0.251', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['100.100.100.200', 'a cloud metadata endpoint'],
    ['255.255.255.255', 'a reserved address (documentation, benchmarking or unallocated),'],
  ])('%s is refused even with private addresses allowed', (address, words) => {
    const message = `refused: ${address} is ${words} and no option allows it`;
    expect(addressRefusal(address, PUBLIC_ONLY)).toBe(message);
    expect(addressRefusal(address, PRIVATE_TOO)).toBe(message);
  });

  test.each([
    ['true', true],
    ['TRUE', false],
    ['1', false],
    ['', false],
    [undefined, false],
  ])('CONCORD_WEBHOOK_ALLOW_PRIVATE=%j allows private addresses: %s', (value, allowed) => {
    expect(allowPrivateFromEnv(value === undefined ? {} : { CONCORD_WEBHOOK_ALLOW_PRIVATE: value })).toBe(allowed);
  });
});

describe('checkReceiverAddress, when a receiver is registered', () => {
  test.each([
    ['http://10.0.0.5:8080/hook?key=s3cret', /^webhook http:\/\/10\.0\.0\.5:8080\/… is refused: 10\.0\.0\.5 is a private address; start the registry/],
    ['http://[::ffff:7f00:1]/x', /::ffff:7f00:1 is a loopback address/],
    ['http://0x7f.1/x', /127\.0\.0\.1 is a loopback address/],
    ['http://0/x', /0\.0\.0\.0 is an unspecified address/],
  ])('%s is refused by default, naming the origin only', (url, message) => {
    expect(() => checkReceiverAddress(new URL(url), PUBLIC_ONLY, 'webhook')).toThrow(message);
    expect(() => checkReceiverAddress(new URL(url), PUBLIC_ONLY, 'webhook')).not.toThrow(/s3cret|hook\?/);
  });

  test('host names pass: they are judged after DNS, when delivering', () => {
    expect(() => checkReceiverAddress(new URL('http://localhost:9/hook'), PUBLIC_ONLY, 'webhook')).not.toThrow();
  });

  test('169.254.169.254 is refused with private addresses allowed, and the error is invalid-argument', () => {
    expect(() => checkReceiverAddress(new URL('http://169.254.169.254/latest/meta-data'), PRIVATE_TOO, 'webhook')).toThrow(
      expect.objectContaining({ code: 'invalid-argument', message: expect.stringMatching(/169\.254\.169\.254 is a link-local address/) }),
    );
  });
});

describe('connectRefusal, before a delivery connects', () => {
  test.each([
    ['https://hooks.example.com/x', PUBLIC_ONLY, undefined],
    ['http://localhost:9/x', PUBLIC_ONLY, undefined],
    ['http://93.184.215.14/x', PUBLIC_ONLY, undefined],
    ['http://127.0.0.1:9/x', PRIVATE_TOO, undefined],
    ['http://127.0.0.1:9/x', PUBLIC_ONLY, `refused: 127.0.0.1 is a loopback address; ${OPT_IN} to allow it`],
    ['http://[::ffff:a9fe:a9fe]/x', PRIVATE_TOO, 'refused: ::ffff:a9fe:a9fe is a link-local address, where cloud metadata endpoints answer, and no option allows it'],
    ['file:///etc/passwd', PRIVATE_TOO, 'refused: the receiver URL is not http(s)'],
    ['not a url', PRIVATE_TOO, 'refused: the receiver URL does not parse'],
  ])('%s under %o: %j', (url, policy, refusal) => {
    expect(connectRefusal(url, policy)).toBe(refusal);
  });
});

describe('screenedLookup, when a delivery connects', () => {
  test('localhost, resolved by the system, is refused by default with the address it resolved to', async () => {
    await expect(lookUp(PUBLIC_ONLY, lookup, 'localhost')).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/^refused: localhost \((127\.0\.0\.1|::1)\) is a loopback address; start the registry with --webhook-allow-private to allow it$/),
    });
    expect((await lookUp(PRIVATE_TOO, lookup, 'localhost')).map((entry) => entry.address)).toContain('127.0.0.1');
  });

  test('of a mixed answer only the allowed addresses are handed on, so a refused one is never connected to', async () => {
    const mixed = answering([
      { address: '169.254.169.254', family: 4 },
      { address: '10.0.0.5', family: 4 },
      { address: '93.184.215.14', family: 4 },
      { address: '::1', family: 6 },
    ]);
    expect(await lookUp(PUBLIC_ONLY, mixed, 'rebind.example')).toEqual([{ address: '93.184.215.14', family: 4 }]);
    expect(await lookUp(PRIVATE_TOO, mixed, 'rebind.example')).toEqual([
      { address: '10.0.0.5', family: 4 },
      { address: '93.184.215.14', family: 4 },
      { address: '::1', family: 6 },
    ]);
  });

  test('asked for one address, it gives the first allowed one', async () => {
    const resolve = answering([
      { address: '127.0.0.1', family: 4 },
      { address: '2606:4700::1111', family: 6 },
    ]);
    const single = await new Promise<[string, number | undefined]>((done, fail) => {
      screenedLookup(PUBLIC_ONLY, resolve)('name.example', {}, (error, address, family) => (error === null ? done([address as string, family]) : fail(error)));
    });
    expect(single).toEqual(['2606:4700::1111', 6]);
  });

  test('an answer with nothing allowed fails the connection, naming the first address', async () => {
    await expect(lookUp(PRIVATE_TOO, answering([{ address: 'fe80::1', family: 6 }]), 'meta.example')).rejects.toThrow(
      /^refused: meta\.example \(fe80::1\) is a link-local address, where cloud metadata endpoints answer, and no option allows it$/,
    );
  });
});
