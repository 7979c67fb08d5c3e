import { describe, expect, it } from 'vitest';
import { clientAddressOf, parseTrustProxy } from './trusted-proxies.ts';

describe('the client address behind trusted proxies', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(clientAddressOf(parseTrustProxy('false'), '203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
    expect(clientAddressOf(parseTrustProxy(undefined), '203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
  });

  it('with a count of hops takes the entry that many proxies from Kept, whatever the client put left of it', () => {
    const one = parseTrustProxy('true');
    expect(one).toEqual({ kind: 'hops', hops: 1 });
    expect(clientAddressOf(one, '10.0.0.2', '198.51.100.7')).toBe('198.51.100.7');
    // The client wrote "6.6.6.6, 7.7.7.7" itself; the proxy appended the address it saw.
    expect(clientAddressOf(one, '10.0.0.2', '6.6.6.6, 7.7.7.7, 198.51.100.7')).toBe('198.51.100.7');
    const two = parseTrustProxy('2');
    expect(clientAddressOf(two, '10.0.0.2', 'spoofed, 198.51.100.7, 10.0.0.9')).toBe('198.51.100.7');
    // Fewer entries than hops: the left-most is all there is.
    expect(clientAddressOf(two, '10.0.0.2', '198.51.100.7')).toBe('198.51.100.7');
  });

  it('with CIDRs takes the right-most entry outside them, and trusts nothing when the peer is not a proxy', () => {
    const nets = parseTrustProxy('10.0.0.0/8, 172.16.0.1');
    expect(clientAddressOf(nets, '10.0.0.2', 'spoofed, 198.51.100.7, 172.16.0.1, 10.1.1.1')).toBe('198.51.100.7');
    expect(clientAddressOf(nets, '10.0.0.2', '6.6.6.6, 198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddressOf(nets, '203.0.113.5', '10.0.0.3')).toBe('203.0.113.5');
    expect(clientAddressOf(nets, '::ffff:10.0.0.2', '198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddressOf(nets, '10.0.0.2', '10.0.0.3, 10.0.0.4')).toBe('10.0.0.3');
  });

  it('refuses settings it cannot read', () => {
    expect(() => parseTrustProxy('proxy.internal')).toThrow(/not by host name/);
    expect(() => parseTrustProxy('10.0.0.0/40')).toThrow(/prefix length/);
    expect(() => parseTrustProxy('99')).toThrow(/at most 20/);
  });
});
