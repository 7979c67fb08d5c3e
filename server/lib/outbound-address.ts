// Which addresses Kept may send a request to (webhooks, and any future fetch of a URL an admin
// typed): never loopback, private, link-local (cloud metadata lives at 169.254.169.254), shared
// (CGNAT), multicast, unspecified or reserved space, in any IPv4 or IPv6 spelling, unless the
// operator lists the host or its network in KEPT_OUTBOUND_ALLOW. Pure: no DNS, no sockets.
import { isIP } from 'node:net';

export type AddressKind = 'loopback' | 'private' | 'link-local' | 'shared' | 'multicast' | 'unspecified' | 'reserved' | 'not an IP address';

interface Net {
  /** 4 or 6 */
  family: 4 | 6;
  base: bigint;
  bits: number;
}

export interface AllowList {
  hosts: ReadonlySet<string>;
  nets: readonly Net[];
}

export const emptyAllowList: AllowList = { hosts: new Set(), nets: [] };

function ipv4ToBig(text: string): bigint {
  return text.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBig(text: string): bigint {
  let s = text;
  // A trailing dotted quad (::ffff:127.0.0.1) becomes two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (quad) {
    const v = ipv4ToBig(quad[1]!);
    s = s.slice(0, -quad[1]!.length) + `${(v >> 16n).toString(16)}:${(v & 0xffffn).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

/** An address without brackets or zone (`[fe80::1%eth0]` -> `fe80::1`), with its family, or undefined. */
export function parseAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  const plain = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(plain);
  if (family === 4) return { family: 4, value: ipv4ToBig(plain) };
  if (family === 6) return { family: 6, value: ipv6ToBig(plain) };
  return undefined;
}

function net(cidr: string): Net {
  const [addr, len] = cidr.split('/');
  const a = parseAddress(addr!);
  if (!a) throw new Error(`${JSON.stringify(cidr)} is not an IP address or CIDR`);
  const max = a.family === 4 ? 32 : 128;
  const bits = len === undefined ? max : Number(len);
  if (!Number.isInteger(bits) || bits < 0 || bits > max || !/^\d*$/.test(len ?? '')) {
    throw new Error(`${JSON.stringify(cidr)}: the prefix length must be 0 to ${max}`);
  }
  const shift = BigInt(max - bits);
  return { family: a.family, base: (a.value >> shift) << shift, bits };
}

function contains(n: Net, family: 4 | 6, value: bigint): boolean {
  if (n.family !== family) return false;
  const shift = BigInt((family === 4 ? 32 : 128) - n.bits);
  return value >> shift === n.base >> shift;
}

const v4: [string, AddressKind][] = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'reserved'],
  ['192.88.99.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'reserved'],
  ['203.0.113.0/24', 'reserved'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
];
const v6: [string, AddressKind][] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['100::/64', 'reserved'],
  ['2001:db8::/32', 'reserved'],
  ['fc00::/7', 'private'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'],
  ['ff00::/8', 'multicast'],
];
const refusedNets = [...v4, ...v6].map(([cidr, kind]) => ({ net: net(cidr), kind }));

/** The IPv4 address inside an IPv6 one that carries it (mapped, compatible, NAT64, 6to4), or undefined. */
function embeddedIpv4(value: bigint): bigint | undefined {
  if (value >> 32n === 0xffffn) return value & 0xffffffffn; // ::ffff:a.b.c.d
  if (value >> 32n === 0n && value > 1n) return value; // ::a.b.c.d (deprecated "compatible")
  if (value >> 32n === 0x0064ff9b0000000000000000n) return value & 0xffffffffn; // 64:ff9b::a.b.c.d
  if (value >> 112n === 0x2002n) return (value >> 80n) & 0xffffffffn; // 2002:AABB:CCDD::
  return undefined;
}

/** Why an address is refused as a target, or undefined when it is a public unicast address. */
export function refusedKind(address: string): AddressKind | undefined {
  const a = parseAddress(address);
  if (!a) return 'not an IP address';
  if (a.family === 6) {
    const inner = embeddedIpv4(a.value);
    if (inner !== undefined) return kindOf(4, inner);
  }
  return kindOf(a.family, a.value);
}

function kindOf(family: 4 | 6, value: bigint): AddressKind | undefined {
  return refusedNets.find((r) => contains(r.net, family, value))?.kind;
}

/**
 * The operator's allow-list: comma- or space-separated host names (matched exactly, any case),
 * IP addresses and CIDR networks. Throws on a malformed address or prefix.
 */
export function parseAllowList(text: string | undefined): AllowList {
  const hosts = new Set<string>();
  const nets: Net[] = [];
  for (const entry of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const plain = entry.replace(/^\[|\]$/g, '');
    if (plain.includes('/') || isIP(plain.replace(/%.*$/, ''))) nets.push(net(plain));
    else if (/^[a-z0-9.-]+$/i.test(entry)) hosts.add(entry.toLowerCase().replace(/\.$/, ''));
    else throw new Error(`${JSON.stringify(entry)} is neither a host name, an IP address nor a CIDR network`);
  }
  return { hosts, nets };
}

export function hostAllowed(allow: AllowList, host: string): boolean {
  return allow.hosts.has(
    host
      .toLowerCase()
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, ''),
  );
}

export function addressAllowed(allow: AllowList, address: string): boolean {
  const a = parseAddress(address);
  if (!a) return false;
  if (allow.nets.some((n) => contains(n, a.family, a.value))) return true;
  const inner = a.family === 6 ? embeddedIpv4(a.value) : undefined;
  return inner !== undefined && allow.nets.some((n) => contains(n, 4, inner));
}

/**
 * Why a connection to `address` (reached through the name `host`) is refused, or undefined when
 * it may go: listed hosts and networks go; otherwise any refused kind of address stops it.
 */
export function outboundRefusal(allow: AllowList, host: string, address: string): AddressKind | undefined {
  if (hostAllowed(allow, host) || addressAllowed(allow, address)) return undefined;
  return refusedKind(address);
}

/** What the delivery log and the API say about a refused target: never what is there. */
export const refusedMessage = 'refused: private address';
