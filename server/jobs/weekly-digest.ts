// Looks every 10 minutes for weekly digests due (domain/measurement/digest.ts: Mondays from 07:00
// UTC). Stopping waits for a run under way.
import type { Logger } from 'pino';
import type { Clock } from '../domain/core/clock.ts';
import type { Db } from '../domain/core/db.ts';
import { sendDueDigests } from '../domain/measurement/digest.ts';

export function startWeeklyDigest(db: Db, clock: Clock, publicUrl: string, log: Logger, everyMs = 600_000): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = sendDueDigests(db, clock, publicUrl)
      .then((n) => void (n && log.info({ queued: n }, 'weekly digests queued')))
      .catch((err) => log.warn({ err }, 'weekly digest run failed; will retry'))
      .finally(() => (running = undefined));
  };
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
