// Deletes expired staff sessions once an hour (expired ones are already refused on use;
// this only keeps the table small).
import type { Logger } from 'pino';
import type { Clock } from '../domain/core/clock.ts';
import type { Db } from '../storage/database.ts';
import { deleteExpiredSessions } from '../domain/core/staff.ts';

export function startSessionSweep(db: Db, clock: Clock, log: Logger, everyMs = 3600_000): () => void {
  const run = () =>
    deleteExpiredSessions(db, clock.now())
      .then((n) => n && log.info({ deleted: n }, 'expired sessions deleted'))
      .catch((err) => log.warn({ err }, 'session sweep failed; will retry'));
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
