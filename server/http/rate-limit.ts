// A fixed-window rate limiter kept in this process's memory. Enough to slow down password
// guessing; with several app instances each keeps its own count (documented in operations).
import { KeptError } from '../domain/core/errors.ts';

export function createRateLimiter(opts: { limit: number; windowMs: number; maxKeys?: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = opts.maxKeys ?? 100_000;
  return {
    hit(key: string, now: number): void {
      let w = windows.get(key);
      if (!w || now - w.start >= opts.windowMs) {
        if (windows.size >= maxKeys) windows.clear(); // bounded memory under a flood of keys
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      if (w.count > opts.limit) {
        const retryAfterSeconds = Math.ceil((w.start + opts.windowMs - now) / 1000);
        throw new KeptError('rate_limited', `Too many attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
      }
    },
  };
}
