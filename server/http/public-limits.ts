// Rate limits of the public, unauthenticated endpoints customers reach (answer pages, the widget,
// unsubscribe): per client address, and per invitation so one link cannot be hammered.
import type { Context } from 'hono';
import { clientAddress } from './client-address.ts';
import { createRateLimiter } from './rate-limit.ts';
import type { AppEnv, PublicLimits } from './services.ts';

export function createPublicLimits(opts: { perAddressPerMinute: number; perInvitationPerMinute?: number }): PublicLimits {
  const byAddress = createRateLimiter({ limit: opts.perAddressPerMinute, windowMs: 60_000 });
  const byInvitation = createRateLimiter({ limit: opts.perInvitationPerMinute ?? 10, windowMs: 60_000 });
  return {
    address(c: Context<AppEnv>): void {
      const s = c.get('services');
      byAddress.hit(clientAddress(c, s.config.trustProxy), s.clock.now().getTime());
    },
    link(c: Context<AppEnv>, key: string): void {
      byInvitation.hit(key, c.get('services').clock.now().getTime());
    },
  };
}
