// The address a request came from: the socket's peer, or the first X-Forwarded-For entry when
// Kept runs behind a proxy the operator trusts (KEPT_TRUST_PROXY).
import type { Context } from 'hono';

export function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  if (forwarded) return forwarded;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
