// What the HTTP layer needs from the composition root (main.ts), passed in, never imported.
import type { Logger } from 'pino';
import type { OutboundGuard } from '../adapters/outbound-http.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../domain/core/clock.ts';
import type { EventIntake } from '../domain/core/event-intake.ts';
import type { Principal } from '../domain/core/principal.ts';
import type { SettingsCache } from '../domain/signals/signal-settings.ts';
import type { TokenCache } from '../domain/core/token-cache.ts';
import type { Db } from '../domain/core/db.ts';
import type { Context } from 'hono';
import type { Metrics } from './metrics.ts';

export interface Services {
  db: Db;
  clock: Clock;
  config: Config;
  log: Logger;
  metrics: Metrics;
  /** Event intake with group commit (domain/event-intake.ts). */
  intake: EventIntake;
  /** API-token lookups, remembered for a few seconds (domain/token-cache.ts). */
  tokens: TokenCache;
  /** Per-workspace signal settings and secrets, remembered briefly. */
  settings: SettingsCache;
  /** Rate limits of the public customer-facing endpoints. */
  publicLimits: PublicLimits;
  /** Where outbound requests (webhooks) may go: checks URLs at creation, agents for delivery. */
  outbound: OutboundGuard;
  /** Folder with the built staff web app (web/dist), or undefined to serve none. */
  webRoot?: string;
}

/** Rate limits of the public customer-facing endpoints (made by public-limits.ts). */
export interface PublicLimits {
  /** Throws rate_limited when the caller's address has made too many public requests this minute. */
  address(c: Context<AppEnv>): void;
  /** Throws rate_limited when one invitation (or other link) is used too often this minute. */
  link(c: Context<AppEnv>, key: string): void;
}

export interface RequestPrincipal extends Principal {
  /** Set when the request is authenticated by a session cookie: writes must echo it. */
  csrfToken?: string;
  /** When the session expires, for session-authenticated requests. */
  expiresAt?: Date;
}

export type AppEnv = {
  Variables: {
    services: Services;
    log: Logger;
    requestId: string;
    principal?: RequestPrincipal;
  };
};

/** What the signal and playbook domain functions need from the services. */
export const signalDeps = (s: Services) => ({ db: s.db, clock: s.clock, settings: s.settings, publicUrl: s.config.publicUrl });
