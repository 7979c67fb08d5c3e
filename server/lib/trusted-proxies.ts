// Which proxies in front of Kept the operator trusts (KEPT_TRUST_PROXY), and the client address
// they report: the right-most X-Forwarded-For entry that no trusted proxy wrote. Entries further
// left were written by the client itself and prove nothing.
import { addressAllowed, parseAllowList, type AllowList } from './outbound-address.ts';

/** none; the last `hops` proxies (counted from Kept); or every proxy whose address is in `nets`. */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'nets'; nets: AllowList };

/** `false` (none), `true` (one proxy), a count of hops, or a list of addresses and CIDR networks. Throws on anything else. */
export function parseTrustProxy(text: string | undefined): TrustProxy {
  const t = (text ?? '').trim().toLowerCase();
  if (['', 'false', 'no', '0'].includes(t)) return { kind: 'none' };
  if (['true', 'yes'].includes(t)) return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(t)) {
    const hops = Number(t);
    if (hops > 20) throw new Error('at most 20 hops');
    return { kind: 'hops', hops };
  }
  const nets = parseAllowList(t);
  if (nets.hosts.size) throw new Error(`name proxies by address or CIDR, not by host name (${[...nets.hosts].join(', ')})`);
  return { kind: 'nets', nets };
}

/** The client's address given the socket's peer and the X-Forwarded-For header. */
export function clientAddressOf(trust: TrustProxy, peer: string, forwardedFor: string | undefined): string {
  if (trust.kind === 'none' || !forwardedFor) return peer;
  const chain = [
    ...forwardedFor
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    peer,
  ];
  if (trust.kind === 'hops') return chain[Math.max(0, chain.length - 1 - trust.hops)]!;
  for (let i = chain.length - 1; i > 0; i--) {
    if (!addressAllowed(trust.nets, chain[i]!)) return chain[i]!;
  }
  return chain[0]!;
}
