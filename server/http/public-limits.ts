// Rate limits of the public, unauthenticated endpoints customers reach (answer pages, the widget,
// unsubscribe): per client address, and per invitation so one link cannot be hammered.
import type { Context } from 'hono';
import { clientAddress } from './client-address.ts';
import { createRateLimiter } from './rate-limit.ts';
import type { AppEnv } from './services.ts';

export function createPublicLimits(opts: { perAddressPerMinute: number; perInvitationPerMinute?: number }) {
  const byAddress = createRateLimiter({ limit: opts.perAddressPerMinute, windowMs: 60_000 });
  const byInvitation = createRateLimiter({ limit: opts.perInvitationPerMinute ?? 10, windowMs: 60_000 });
  return {
    /** Throws rate_limited when the caller's address has made too many public requests this minute. */
    address(c: Context<AppEnv>): void {
      const s = c.get('services');
      byAddress.hit(clientAddress(c, s.config.trustProxy), s.clock.now().getTime());
    },
    /** Throws rate_limited when one invitation (or other link) is used too often this minute. */
    link(c: Context<AppEnv>, key: string): void {
      byInvitation.hit(key, c.get('services').clock.now().getTime());
    },
  };
}
export type PublicLimits = ReturnType<typeof createPublicLimits>;
