// The guard on every outbound request to a URL an admin typed (webhooks today): the address
// policy of lib/outbound-address.ts applied where it cannot be fooled. A host name is checked
// after DNS resolution, inside the agents' own `lookup`, so the address checked is the address
// connected to (a name that answers a public address to the check and 127.0.0.1 to the
// connection gets nowhere); a literal IP is checked before the request, and the connected
// socket's peer once more. Redirects are never followed by node:http.
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { isIP } from 'node:net';
import { emptyAllowList, outboundRefusal, refusedMessage, type AllowList } from '../lib/outbound-address.ts';

/** dns.lookup with { all: true }: the only form the guard calls. */
export type LookupAll = (host: string, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemLookup: LookupAll = (host, cb) => dnsLookup(host, { all: true } satisfies LookupAllOptions, cb);

/** The error of a refused target; its message is all anyone is told. */
export class OutboundRefused extends Error {
  readonly code = 'KEPT_OUTBOUND_REFUSED';
  constructor(readonly kind: string) {
    super(refusedMessage);
  }
}

export interface OutboundGuard {
  allow: AllowList;
  /** Agents whose connections only reach allowed addresses. */
  agents: { 'http:': http.Agent; 'https:': https.Agent };
  /** Why a URL is refused (its literal address, or what its name resolves to now), or undefined. Unresolvable names pass. */
  refusal(url: string): Promise<string | undefined>;
  /** The refusal of a literal IP host, checked before a request (node does not call lookup for those). */
  literalRefusal(hostname: string): string | undefined;
  /** Destroys a socket connected to a refused peer (the last check, at connect time). */
  watch(socket: Socket, host: string): void;
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

export function createOutboundGuard(allow: AllowList = emptyAllowList, lookup: LookupAll = systemLookup): OutboundGuard {
  // net.connect's lookup hook: resolve every address, refuse the lot if any one is refused.
  const guardedLookup = (
    host: string,
    options: { all?: boolean; family?: number },
    cb: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    lookup(host, (err, addresses) => {
      if (err) return cb(err, options.all ? [] : '', undefined);
      const wanted = addresses.filter((a) => !options.family || a.family === options.family);
      const bad = wanted.map((a) => outboundRefusal(allow, host, a.address)).find(Boolean);
      if (bad || !wanted.length) return cb(new OutboundRefused(bad ?? 'no address'), options.all ? [] : '', undefined);
      if (options.all) cb(null, wanted);
      else cb(null, wanted[0]!.address, wanted[0]!.family);
    });
  };
  const agentOptions = { keepAlive: true, lookup: guardedLookup as unknown as http.AgentOptions['lookup'] };
  const literalRefusal = (hostname: string) => {
    const h = bare(hostname);
    return isIP(h) ? outboundRefusal(allow, h, h) : undefined;
  };
  return {
    allow,
    agents: { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) },
    literalRefusal,
    async refusal(url) {
      let host: string;
      try {
        host = bare(new URL(url).hostname);
      } catch {
        return 'not a URL';
      }
      if (isIP(host)) return literalRefusal(host);
      const addresses = await new Promise<LookupAddress[]>((resolve) => {
        const timer = setTimeout(() => resolve([]), 3000);
        lookup(host, (err, found) => {
          clearTimeout(timer);
          resolve(err ? [] : found);
        });
      });
      return addresses.map((a) => outboundRefusal(allow, host, a.address)).find(Boolean);
    },
    watch(socket, host) {
      const check = () => {
        const peer = socket.remoteAddress;
        const bad = peer ? outboundRefusal(allow, bare(host), peer) : undefined;
        if (bad) socket.destroy(new OutboundRefused(bad));
      };
      if (socket.remoteAddress) check();
      else socket.once('connect', check);
    },
  };
}
