// Applies each workspace's retention settings (domain/core/retention.ts) once an hour. Several
// instances may run it at once: the deletes skip rows another one holds, and deleting is idempotent.
import type { Logger } from 'pino';
import type { Clock } from '../domain/core/clock.ts';
import { applyRetention } from '../domain/core/retention.ts';
import type { Db } from '../domain/core/db.ts';

export function startRetention(db: Db, clock: Clock, log: Logger, everyMs = 3600_000): () => void {
  const run = () =>
    applyRetention(db, clock.now())
      .then((n) => (n.events || n.mails) && log.info(n, 'retention: old events and mails deleted'))
      .catch((err) => log.warn({ err }, 'retention run failed; will retry'));
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
