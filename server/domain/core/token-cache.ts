// A few seconds of memory for API-token lookups. After group commit, the token SELECT was
// the one database round trip per event POST that requests did not share (bench/results.md).
// Trade-off: a token revoked on another app instance keeps working there for up to `ttlMs`;
// on the instance that revoked it, it stops at once.
import type { Db } from '../../storage/database.ts';
import type { Clock } from './clock.ts';
import type { Principal } from './principal.ts';
import { authenticateToken } from './staff.ts';

export interface TokenCache {
  authenticate(bearer: string): Promise<Principal>;
  forget(tokenId: string): void;
}

export function createTokenCache(db: Db, clock: Clock, opts: { ttlMs?: number; maxEntries?: number } = {}): TokenCache {
  const ttlMs = opts.ttlMs ?? 5_000;
  const maxEntries = opts.maxEntries ?? 10_000;
  const entries = new Map<string, { principal: Principal; until: number }>();
  return {
    async authenticate(bearer) {
      const now = clock.now().getTime();
      const hit = entries.get(bearer);
      if (hit && hit.until > now) return hit.principal;
      const principal = await authenticateToken(db, clock, bearer); // failures are never cached
      if (entries.size >= maxEntries) entries.clear();
      entries.set(bearer, { principal, until: now + ttlMs });
      return principal;
    },
    forget(tokenId) {
      for (const [k, v] of entries) if (v.principal.tokenId === tokenId) entries.delete(k);
    },
  };
}
