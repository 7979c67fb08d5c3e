// Deletes expired staff sessions once an hour (expired ones are already refused on use;
// this only keeps the table small).
import type { Logger } from 'pino';
import type { Clock } from '../domain/core/clock.ts';
import type { Db } from '../domain/core/db.ts';
import { sweepExpiredSessions } from '../domain/core/session-sweep.ts';

export function startSessionSweep(db: Db, clock: Clock, log: Logger, everyMs = 3600_000): () => void {
  const run = () =>
    sweepExpiredSessions(db, clock)
      .then((n) => n && log.info({ deleted: n }, 'expired sessions deleted'))
      .catch((err) => log.warn({ err }, 'session sweep failed; will retry'));
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
