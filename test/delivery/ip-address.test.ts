import { describe, expect, test } from 'vitest';
import { classifyAddress } from '../../delivery/ip-address.js';

describe('classifyAddress', () => {
  test.each([
    // IPv4
    ['8.8.8.8', 'public', '0.0.0.0/0'],
    ['1.1.1.1', 'public', '0.0.0.0/0'],
    ['0.0.0.0', 'unspecified', '0.0.0.0/8'],
    ['0.255.255.255', 'unspecified', '0.0.0.0/8'],
    ['10.0.0.5', 'private', '10.0.0.0/8'],
    ['11.0.0.1', 'public', '0.0.0.0/0'],
    ['100.63.255.255', 'public', '0.0.0.0/0'],
    ['100.64.0.0', 'shared', '100.64.0.0/10'],
    ['100.127.255.255', 'shared', '100.64.0.0/10'],
    ['100.128.0.0', 'public', '0.0.0.0/0'],
    ['100.100.100.200', 'metadata', '100.100.100.200/32'],
    ['127.0.0.1', 'loopback', '127.0.0.0/8'],
    ['127.255.255.255', 'loopback', '127.0.0.0/8'],
    ['169.254.169.254', 'link-local', '169.254.0.0/16'],
    ['172.15.255.255', 'public', '0.0.0.0/0'],
    ['172.16.0.1', 'private', '172.16.0.0/12'],
    ['172.31.255.255', 'private', '172.16.0.0/12'],
    ['172.32.0.0', 'public', '0.0.0.0/0'],
    ['192.168.1.20', 'private', '192.168.0.0/16'],
    ['192.0.2.10', 'reserved', '192.0.2.0/24'],
    ['198.18.0.1', 'reserved', '198.18.0.0/15'],
    ['224.0.0.1', 'multicast', '224.0.0.0/4'],
    ['239.255.255.255', 'multicast', '224.0.0.0/4'],
    ['240.0.0.1', 'reserved', '240.0.0.0/4'],
    ['255.255.255.255', 'reserved', '240.0.0.0/4'],
    // IPv6
    ['::', 'unspecified', '::/128'],
    ['::1', 'loopback', '::1/128'],
    ['[::1]', 'loopback', '::1/128'],
    ['0:0:0:0:0:0:0:1', 'loopback', '::1/128'],
    ['::2', 'reserved', '::/8'],
    ['::127.0.0.1', 'reserved', '::/8'],
    ['2606:4700:4700::1111', 'public', '2000::/3'],
    ['2001:db8::1', 'reserved', '2001:db8::/32'],
    ['fc00::1', 'private', 'fc00::/7'],
    ['fd12:3456:789a::1', 'private', 'fc00::/7'],
    ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'private', 'fc00::/7'],
    ['fe00::1', 'reserved', '::/0'],
    ['fd00:ec2::254', 'metadata', 'fd00:ec2::254/128'],
    ['fe80::1', 'link-local', 'fe80::/10'],
    ['fe80::1%eth0', 'link-local', 'fe80::/10'],
    ['febf:ffff::1', 'link-local', 'fe80::/10'],
    ['fec0::1', 'private', 'fec0::/10'],
    ['ff02::1', 'multicast', 'ff00::/8'],
    // IPv4-mapped, NAT64 and 6to4: judged by the IPv4 address they lead to
    ['::ffff:127.0.0.1', 'loopback', '127.0.0.0/8'],
    ['::ffff:7f00:1', 'loopback', '127.0.0.0/8'],
    ['[::ffff:a9fe:a9fe]', 'link-local', '169.254.0.0/16'],
    ['::ffff:10.1.2.3', 'private', '10.0.0.0/8'],
    ['::ffff:0.0.0.0', 'unspecified', '0.0.0.0/8'],
    ['::ffff:8.8.8.8', 'public', '0.0.0.0/0'],
    ['64:ff9b::10.0.0.1', 'private', '10.0.0.0/8'],
    ['64:ff9b::808:808', 'public', '0.0.0.0/0'],
    ['2002:a9fe:a9fe::1', 'link-local', '169.254.0.0/16'],
  ])('%s is %s (%s)', (address, kind, range) => {
    expect(classifyAddress(address)).toEqual({ kind, range });
  });

  test.each(['localhost', 'example.com', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.-4', '::1::', '1:2:3:4:5:6:7:8:9', '12345::', ':::', '::ffff:1.2.3', ''])(
    '%j is not an IP address',
    (text) => {
      expect(classifyAddress(text)).toBeUndefined();
    },
  );
});
