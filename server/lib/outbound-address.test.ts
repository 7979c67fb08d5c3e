import { describe, expect, it } from 'vitest';
import { emptyAllowList, outboundRefusal, parseAllowList, refusedKind } from './outbound-address.ts';

describe('refusedKind', () => {
  const refused: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fec0::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['2001:db8::1', 'reserved'],
    // IPv4 inside IPv6: mapped, compatible, NAT64, 6to4
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:169.254.169.254]', 'link-local'],
    ['::ffff:10.1.2.3', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:c0a8:0101::1', 'private'],
    ['2002:7f00:0001::', 'loopback'],
    ['localhost', 'not an IP address'],
    ['', 'not an IP address'],
  ];
  it.each(refused)('refuses %s as %s', (address, kind) => expect(refusedKind(address)).toBe(kind));

  const allowed = [
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.253.255.255',
    '192.169.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82a::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:0808:0808::1',
    'fbff::1',
    'fe00::1',
  ];
  it.each(allowed)('lets the public address %s through', (address) => expect(refusedKind(address)).toBeUndefined());
});

describe('the allow-list', () => {
  const allow = parseAllowList('127.0.0.1, 10.0.0.0/8 receiver.local [fd00::]/8 ::1');

  it('lets listed addresses, networks and host names through, and nothing else', () => {
    expect(outboundRefusal(allow, '127.0.0.1', '127.0.0.1')).toBeUndefined();
    expect(outboundRefusal(allow, 'x', '::ffff:127.0.0.1')).toBeUndefined();
    expect(outboundRefusal(allow, 'x', '10.200.3.4')).toBeUndefined();
    expect(outboundRefusal(allow, 'x', 'fd00::7')).toBeUndefined();
    expect(outboundRefusal(allow, 'x', '::1')).toBeUndefined();
    expect(outboundRefusal(allow, 'Receiver.Local.', '192.168.9.9')).toBeUndefined();
    expect(outboundRefusal(allow, 'x', '127.0.0.2')).toBe('loopback');
    expect(outboundRefusal(allow, 'x', '11.0.0.1')).toBeUndefined();
    expect(outboundRefusal(allow, 'other.local', '192.168.9.9')).toBe('private');
    expect(outboundRefusal(emptyAllowList, '127.0.0.1', '127.0.0.1')).toBe('loopback');
  });

  it('refuses malformed entries with a message naming them', () => {
    expect(() => parseAllowList('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseAllowList('300.1.1.1/8')).toThrow(/not an IP address/);
    expect(() => parseAllowList('http://x')).toThrow(/http:\/\/x/);
    expect(() => parseAllowList('a_b!')).toThrow(/neither a host name/);
    expect(parseAllowList('')).toEqual({ hosts: new Set(), nets: [] });
  });
});
