// The address a request came from: the socket's peer, or, behind proxies the operator trusts
// (KEPT_TRUST_PROXY), the right-most X-Forwarded-For entry they did not write (lib/trusted-proxies.ts).
import type { Context } from 'hono';
import { clientAddressOf, type TrustProxy } from '../lib/trusted-proxies.ts';
import { requestHeader } from './body.ts';

export function clientAddress(c: Context, trust: TrustProxy): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return clientAddressOf(trust, incoming?.socket?.remoteAddress ?? 'unknown', requestHeader(c, 'x-forwarded-for'));
}
